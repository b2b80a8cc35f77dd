using Formation.Application.Reports;
using Formation.Domain.Text;

namespace Formation.Application.Tests.Reports;

public sealed class PdfSetupTests
{
    [Fact]
    public void Configure_SameFontAgain_KeepsIt()
    {
        PdfSetup.EnsureConfigured();
        var current = PdfSetup.Font.ShouldNotBeNull();

        var font = PdfSetup.Configure(new PdfOptions());

        font.ShouldBeSameAs(current);
    }

    [Fact]
    public void Configure_DifferentFontAfterTheFirstPdf_ThrowsBecausePdfSharpCannotChangeIt()
    {
        PdfSetup.EnsureConfigured();
        var current = PdfSetup.Font.ShouldNotBeNull();
        var copy = ReportExamples.WriteTemp(File.ReadAllBytes(current.Path), "other" + Path.GetExtension(current.Path));
        var options = new PdfOptions();
        options.FontPaths.Add(copy);

        var error = Should.Throw<InvalidOperationException>(() => PdfSetup.Configure(options));

        error.Message.ShouldContain("once, at start-up");
        PdfSetup.Font.ShouldBeSameAs(current);
    }

    [Fact]
    public void Render_ManyAtOnce_AllSucceed()
    {
        var blueprint = ReportExamples.Plan("retailer.yaml");

        var sizes = new int[8];
        Parallel.For(0, sizes.Length, i => sizes[i] = BlueprintPdf.Render(blueprint, i % 2 == 0 ? Language.Zh : Language.En).Length);

        sizes.ShouldAllBe(size => size > 10_000);
    }
}
