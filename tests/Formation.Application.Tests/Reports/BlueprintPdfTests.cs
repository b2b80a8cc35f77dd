using System.Globalization;
using System.Text.RegularExpressions;
using Formation.Application.Reports;
using Formation.Domain.Text;

namespace Formation.Application.Tests.Reports;

/// <summary>Renders example blueprints and reads them back with poppler's pdftotext, pdfinfo and pdftoppm.</summary>
public sealed partial class BlueprintPdfTests
{
    [Fact]
    public void Render_Zh_ChineseTextIsExtractable()
    {
        var blueprint = ReportExamples.Plan("consumer-brand.yaml");

        var text = ExtractText(BlueprintPdf.Render(blueprint, Language.Zh));

        text.ShouldContain(blueprint.EnterpriseName);
        text.ShouldContain("网络营销部门蓝图");
        text.ShouldContain("网络营销经理");
        foreach (var post in blueprint.Posts)
        {
            text.ShouldContain($"{post.Title.Zh} ×");
        }

        text.ShouldContain("第 1 页");
    }

    [Fact]
    public void Render_En_EnglishTextIsExtractable()
    {
        var blueprint = ReportExamples.Plan("consumer-brand.yaml");

        var text = ExtractText(BlueprintPdf.Render(blueprint, Language.En));

        text.ShouldContain(blueprint.EnterpriseName);
        text.ShouldContain("Network marketing manager");
        text.ShouldContain("Org chart");
        text.ShouldContain("Page 1 of");
        text.ShouldNotContain("网络营销经理");
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Zh)]
    public void Render_LongBlueprint_FlowsOverSeveralPagesWithoutLosingText(Language language)
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");
        var path = ReportExamples.WriteTemp(BlueprintPdf.Render(blueprint, language), $"mismatched-{language.ToId()}.pdf");

        var pages = PageCount(path);
        var text = Normalize(ReportExamples.Run("pdftotext", "-layout", path, "-"));

        pages.ShouldBeGreaterThan(1);
        text.ShouldContain(Normalize(blueprint.Roadmap[^1].Name.Get(language)));
        foreach (var finding in blueprint.Findings)
        {
            text.ShouldContain(finding.Rule);
        }

        text.ShouldContain(language == Language.Zh ? $"第 {pages} 页，共 {pages} 页" : $"Page {pages} of {pages}");
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Zh)]
    public void Render_LongBlueprint_KeepsEveryWordInsideTheMargins(Language language)
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");
        var path = ReportExamples.WriteTemp(BlueprintPdf.Render(blueprint, language), "margins.pdf");

        var boxes = ReportExamples.Run("pdftotext", "-bbox", path, "-");

        var words = WordBox().Matches(boxes).ToList();
        words.Count.ShouldBeGreaterThan(100);
        foreach (var word in words)
        {
            var xMax = double.Parse(word.Groups["xMax"].Value, CultureInfo.InvariantCulture);
            var xMin = double.Parse(word.Groups["xMin"].Value, CultureInfo.InvariantCulture);
            xMin.ShouldBeGreaterThanOrEqualTo(49, word.Value);
            xMax.ShouldBeLessThanOrEqualTo(595.28 - 49, word.Value);
        }
    }

    [Fact]
    public void Render_Zh_FirstPageRendersToAnImage()
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");
        var path = ReportExamples.WriteTemp(BlueprintPdf.Render(blueprint, Language.Zh), "blueprint-zh.pdf");
        var prefix = Path.Combine(Path.GetTempPath(), "formation-reports", "blueprint-zh-page");

        ReportExamples.Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, prefix);

        new FileInfo(prefix + ".png").Length.ShouldBeGreaterThan(5_000);
    }

    [Fact]
    public void Render_Pdf_EmbedsOneSubsettedTrueTypeFont()
    {
        var blueprint = ReportExamples.Plan("consumer-brand.yaml");
        var bytes = BlueprintPdf.Render(blueprint, Language.Zh);
        var path = ReportExamples.WriteTemp(bytes, "fonts.pdf");

        var fonts = ReportExamples.Run("pdffonts", path);

        fonts.ShouldContain("CID TrueType");
        fonts.ShouldContain("Identity-H");
        fonts.ShouldNotContain(" no ");
        bytes.Length.ShouldBeLessThan(1_000_000, "the font should be embedded as a subset, not whole");
    }

    private static string ExtractText(byte[] pdf)
    {
        var path = ReportExamples.WriteTemp(pdf, "blueprint.pdf");
        PageCount(path).ShouldBeGreaterThanOrEqualTo(1);
        return ReportExamples.Run("pdftotext", "-layout", path, "-");
    }

    private static int PageCount(string path)
    {
        var info = ReportExamples.Run("pdfinfo", path);
        return int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Normalize(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"<word xMin=""(?<xMin>[\d.]+)"" yMin=""[\d.]+"" xMax=""(?<xMax>[\d.]+)""[^>]*>[^<]*</word>")]
    private static partial Regex WordBox();
}
