using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Formation.Application.Reports;
using Formation.Domain.Text;
using Kpis = Formation.Domain.Metrics.Kpis;

using static Formation.Application.Tests.Reports.XlsxReading;

namespace Formation.Application.Tests.Reports;

public sealed class EvaluationXlsxTests
{
    [Theory]
    [InlineData(Language.En, new[] { "Summary", "KPIs", "Channels", "Campaigns", "Goals" })]
    [InlineData(Language.Zh, new[] { "概要", "指标", "渠道", "推广活动", "目标" })]
    public void Render_Report_HasTheFiveSheetsInTheLanguage(Language language, string[] expected)
    {
        using var workbook = Open(EvaluationXlsx.Render(EvaluationExamples.Report(), language));

        SheetNames(workbook).ShouldBe(expected);
    }

    [Fact]
    public void Render_Figures_AreNumbersAndMoneyHasTheCurrencysDecimals()
    {
        using var workbook = Open(EvaluationXlsx.Render(EvaluationExamples.Report(), Language.En));

        var kpis = Rows(workbook, "KPIs").Skip(1).ToDictionary(r => Text(workbook, r, "B"), r => r);
        kpis.Count.ShouldBe(16);
        Number(kpis["cost"], "C").ShouldBe(Kpis.RoundMoney(EvaluationExamples.Current.Cost, "CNY"));
        Number(kpis["cost"], "D").ShouldBe(EvaluationExamples.Previous.Cost);
        Number(kpis["clicks"], "C").ShouldBe(EvaluationExamples.Current.Clicks);
        Number(kpis["ctr"], "C").ShouldBe(Math.Round((decimal)EvaluationExamples.Current.Clicks / EvaluationExamples.Current.Impressions, 6));
        CellAt(kpis["leads"], "E").ShouldBeNull(); // no previous leads: the change is undefined, left empty
        FormatCode(workbook, CellAt(kpis["cost"], "C")!).ShouldBe("\"¥\"#,##0.00;-\"¥\"#,##0.00");
        FormatCode(workbook, CellAt(kpis["ctr"], "C")!).ShouldBe("0.00%");

        var campaign = Rows(workbook, "Campaigns")[1];
        Text(workbook, campaign, "A").ShouldBe(EvaluationExamples.CampaignName);
        Number(campaign, "F").ShouldBe(20_000m);
        FormatCode(workbook, CellAt(campaign, "D")!).ShouldBe("yyyy-mm-dd");
        Number(campaign, "D").ShouldBe((decimal)new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified).ToOADate());
        Text(workbook, Rows(workbook, "Campaigns")[2], "Y").ShouldBe("No conclusions written yet.");

        var goals = Rows(workbook, "Goals").Skip(1).ToList();
        goals.Count.ShouldBe(2);
        Number(goals[0], "D").ShouldBe(600m);
        Number(goals[0], "E").ShouldBe(EvaluationExamples.Current.Leads);
        Number(goals[0], "F").ShouldBe(Math.Round(EvaluationExamples.Current.Leads / 600m, 6));
    }

    [Fact]
    public void Render_Yen_HasNoMinorDigitsInTheMoneyFormat()
    {
        using var workbook = Open(EvaluationXlsx.Render(EvaluationExamples.Report("JPY"), Language.Zh));

        var cost = Rows(workbook, "指标").Skip(1).Single(r => Text(workbook, r, "B") == "cost");
        Number(cost, "C").ShouldBe(Math.Round(EvaluationExamples.Current.Cost, 0, MidpointRounding.AwayFromZero));
        FormatCode(workbook, CellAt(cost, "C")!).ShouldBe("\"¥\"#,##0;-\"¥\"#,##0");
    }

    [Fact]
    public void Render_Workbook_IsValidOpenXml()
    {
        using var workbook = Open(EvaluationXlsx.Render(EvaluationExamples.Report(conclusions: false), Language.Zh));

        var errors = new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    private static SpreadsheetDocument Open(byte[] bytes) => XlsxReading.Open(bytes, "evaluation.xlsx");

    private static string FormatCode(SpreadsheetDocument workbook, Cell cell)
    {
        var stylesheet = workbook.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var id = format.NumberFormatId!.Value;
        return stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == id).FormatCode!.Value!;
    }
}
