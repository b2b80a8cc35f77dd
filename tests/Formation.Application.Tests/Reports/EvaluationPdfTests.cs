using System.Text;
using Formation.Application.Reports;
using Formation.Domain.Metrics;
using Formation.Domain.Text;

namespace Formation.Application.Tests.Reports;

/// <summary>Renders an evaluation report and reads it back with poppler's pdftotext and pdffonts.</summary>
public sealed class EvaluationPdfTests
{
    [Fact]
    public void Render_Zh_EmbedsTheCjkFontAndTheChineseTextIsExtractable()
    {
        var report = EvaluationExamples.Report();

        var bytes = EvaluationPdf.Render(report, Language.Zh);
        var path = ReportExamples.WriteTemp(bytes, "evaluation-zh.pdf");
        var text = ReportExamples.Run("pdftotext", "-layout", path, "-");
        var fonts = ReportExamples.Run("pdffonts", path);

        Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("%PDF");
        fonts.ShouldContain("CID TrueType");
        fonts.ShouldContain("Identity-H");
        fonts.ShouldNotContain(" no ");
        text.ShouldContain("效果评估报告");
        text.ShouldContain(EvaluationExamples.CampaignName);
        text.ShouldContain("预热期点击成本偏高");
        text.ShouldContain("经理尚未填写结论");
        text.ShouldContain(Kpis.FormatMoney(EvaluationExamples.Current.Cost, "CNY"));
        text.ShouldContain("第 1 页");
    }

    [Fact]
    public void Render_En_IsInEnglishWithTheGoalsAndUndefinedChangesAsDashes()
    {
        var report = EvaluationExamples.Report();

        var text = ReportExamples.Run("pdftotext", "-layout", ReportExamples.WriteTemp(EvaluationPdf.Render(report, Language.En), "evaluation-en.pdf"), "-");

        text.ShouldContain("Evaluation report: All channels");
        text.ShouldContain("Goals it moved");
        text.ShouldContain("of the goal of 600/month");
        text.ShouldContain("No conclusions written yet.");
        text.ShouldContain(Kpis.Undefined); // leads and cost per lead have no previous value to change from
        text.ShouldContain("Page 1 of");
        text.ShouldNotContain("经理结论");
    }
}
