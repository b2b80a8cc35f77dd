using Formation.Application.Reports;

namespace Formation.Application.Tests.Reports;

public sealed class CjkFontLocatorTests
{
    [Fact]
    public void Locate_NoUsableFile_ThrowsNamingThePackageAndEachReason()
    {
        var missing = Path.Combine(Path.GetTempPath(), "formation-reports", "no-such-font.ttf");
        var notAFont = ReportExamples.WriteTemp("not a font at all"u8.ToArray(), "garbage.ttf");
        var cff = ReportExamples.WriteTemp([.. "OTTO"u8, 0, 0, 0, 0, 0, 0, 0, 0], "cff.otf");
        var locator = new CjkFontLocator([missing, notAFont, cff], includeDefaults: false);

        var error = Should.Throw<InvalidOperationException>(locator.Locate);

        error.Message.ShouldContain("apt-get install fonts-wqy-microhei");
        error.Message.ShouldContain($"{missing}: not found");
        error.Message.ShouldContain($"{notAFont}: not a TrueType font");
        error.Message.ShouldContain($"{cff}: OpenType with CFF outlines");
    }

    [Fact]
    public void Locate_Defaults_FindsATrueTypeFaceCoveringChineseAndLatin()
    {
        var font = new CjkFontLocator().Locate();

        FontFile.HasTrueTypeOutlines(font.Data).ShouldBeTrue();
        FontFile.MapsCharacter(font.Data, '网').ShouldBeTrue();
        FontFile.MapsCharacter(font.Data, 'M').ShouldBeTrue();
        FontFile.FaceCount(font.Data).ShouldBe(1);
    }

    [Fact]
    public void Locate_ConfiguredPathFirst_PrefersIt()
    {
        var installed = new CjkFontLocator().Locate();
        var copy = ReportExamples.WriteTemp(File.ReadAllBytes(installed.Path), "configured" + Path.GetExtension(installed.Path));

        var font = new CjkFontLocator([copy]).Locate();

        font.Path.ShouldBe(copy);
        font.Data.ShouldBe(installed.Data);
    }

    [Fact]
    public void Paths_ConfiguredThenDefaults_WithoutBlanksOrRepeats()
    {
        var locator = new CjkFontLocator(["  /fonts/a.ttf ", "", CjkFontLocator.DefaultPaths[0]]);

        locator.Paths.ShouldBe(["/fonts/a.ttf", .. CjkFontLocator.DefaultPaths]);
    }
}
