using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Formation.Domain.Text;
using Kpis = Formation.Domain.Metrics.Kpis;

namespace Formation.Application.Reports;

/// <summary>
/// The evaluation report as an Excel workbook in one language: Summary, KPIs, Channels, Campaigns and Goals sheets.
/// Figures are numeric cells; money carries a number format with the currency's symbol and minor digits (two for CNY,
/// none for JPY), ratios a percentage format, dates a date format, so an owner can sum, chart and re-format them.
/// </summary>
public static class EvaluationXlsx
{
    // Cell formats of the stylesheet (see Stylesheet()), by index.
    private const uint PlainStyle = XlsxStyles.Plain;
    private const uint WrappedStyle = XlsxStyles.Wrapped;
    private const uint MoneyStyle = 3;
    private const uint PercentStyle = 4;
    private const uint CountStyle = 5;
    private const uint MultipleStyle = 6;
    private const uint DateStyle = 7;

    /// <summary>The money number format of <paramref name="currency"/>: its prefix and minor digits, e.g. <c>"¥"#,##0.00</c>.</summary>
    public static string MoneyFormat(string currency)
    {
        var digits = Currencies.MinorDigits(currency);
        var number = digits == 0 ? "#,##0" : "#,##0." + new string('0', digits);
        var prefix = "\"" + Currencies.Prefix(currency).Replace("\"", "", StringComparison.Ordinal) + "\"";
        return $"{prefix}{number};-{prefix}{number}";
    }

    /// <summary>Renders the report.</summary>
    public static byte[] Render(EvaluationReport report, Language language)
    {
        ArgumentNullException.ThrowIfNull(report);
        var zh = language == Language.Zh;
        string L(string zhText, string enText) => zh ? zhText : enText;
        string T(LocalizedText t) => t.Get(language);
        var currency = report.Currency;
        XlsxCell Money(decimal? amount) => amount is { } a ? XCell.Money(Kpis.RoundMoney(a, currency)) : XCell.Empty;
        XlsxCell Kpi(KpiDefinition kpi, decimal? value) => value is not { } v ? XCell.Empty : kpi.Kind switch
        {
            KpiKind.Count => XCell.Count(v),
            KpiKind.Money => XCell.Money(Kpis.RoundMoney(v, currency)),
            KpiKind.MoneyRatio => XCell.Money(Math.Round(v, 4, MidpointRounding.AwayFromZero)),
            KpiKind.Ratio => XCell.Percent(v),
            _ => XCell.Multiple(v),
        };

        var sheets = new List<XlsxSheet>();

        var summary = new XlsxSheet(L("概要", "Summary"), [L("项目", "Item"), L("数值", "Value")]);
        summary.Row(L("企业", "Organisation"), report.Organization);
        summary.Row(L("范围", "Scope"), T(report.ScopeName));
        summary.Row(L("起始日期", "From"), XCell.Date(report.Range.From));
        summary.Row(L("结束日期", "To"), XCell.Date(report.Range.To));
        summary.Row(L("天数", "Days"), XCell.Count(report.Range.Days));
        summary.Row(L("对比期间起始", "Compared from"), XCell.Date(report.PreviousRange.From));
        summary.Row(L("对比期间结束", "Compared to"), XCell.Date(report.PreviousRange.To));
        summary.Row(L("币种", "Currency"), currency);
        summary.Row(L("计划", "Planned"), Money(report.Plan.Planned));
        summary.Row(L("计划依据", "Planned as"), XCell.Wrapped(T(report.PlanLabel)));
        summary.Row(L("推广活动计划预算", "Campaigns' planned budgets"), Money(report.Plan.CampaignBudgets));
        summary.Row(L("年度预算", "Annual budget"), Money(report.Plan.AnnualBudget));
        summary.Row(L("年度预算折算到本期", "Annual budget prorated to the period"), Money(report.Plan.AnnualBudgetShare));
        summary.Row(L("实际花费", "Spent"), Money(report.Plan.Spent));
        summary.Row(L("花费占计划", "Spent of planned"), report.Plan.SpentShare is { } s ? XCell.Percent(s) : XCell.Empty);
        foreach (var note in EvaluationPdf.PlanNotes(report.Plan, zh))
        {
            summary.Row(L("说明", "Note"), XCell.Wrapped(note));
        }

        sheets.Add(summary);

        var kpis = new XlsxSheet(L("指标", "KPIs"), [L("指标", "KPI"), L("编号", "Id"), L("本期", "This period"), L("上期", "Previous"), L("变化", "Change")]);
        foreach (var (kpi, value, previous, change) in report.KpiRows())
        {
            kpis.Row(T(kpi.Name), kpi.Id, Kpi(kpi, value), Kpi(kpi, previous), change is { } c ? XCell.Percent(c) : XCell.Empty);
        }

        sheets.Add(kpis);

        var channels = new XlsxSheet(L("渠道", "Channels"), [L("渠道", "Channel"), .. Kpis.All.Select(k => T(k.Name))]);
        foreach (var g in report.Channels)
        {
            channels.Row([g.Name, .. Kpis.All.Select(k => Kpi(k, Kpis.Value(k.Id, g.Totals)))]);
        }

        sheets.Add(channels);

        var campaigns = new XlsxSheet(L("推广活动", "Campaigns"),
        [
            L("推广活动", "Campaign"), L("渠道", "Channel"), L("业务模块", "Module"), L("开始日期", "Starts on"), L("结束日期", "Ends on"),
            L("计划预算", "Planned budget"), L("本期计划", "Planned in period"), L("花费占计划", "Spent of planned"),
            .. Kpis.All.Select(k => T(k.Name)), L("经理结论", "Manager's conclusions"),
        ]);
        foreach (var c in report.Campaigns)
        {
            campaigns.Row(
            [
                c.Name, c.ChannelName, c.ModuleId ?? "", c.StartsOn is { } from ? XCell.Date(from) : XCell.Empty, c.EndsOn is { } to ? XCell.Date(to) : XCell.Empty,
                Money(c.PlannedBudget), Money(c.PlannedInRange), c.PlannedInRange is { } p && p != 0m ? XCell.Percent(c.Totals.Cost / p) : XCell.Empty,
                .. Kpis.All.Select(k => Kpi(k, Kpis.Value(k.Id, c.Totals))),
                XCell.Wrapped(c.HasConclusions ? c.Conclusions!.Trim() : EvaluationPdf.NoConclusions(zh)),
            ]);
        }

        sheets.Add(campaigns);

        var goals = new XlsxSheet(L("目标", "Goals"),
        [
            L("指标", "KPI"), L("周期", "Period"), L("目标", "Target"), L("本期目标", "Target for the period"), L("实际", "Actual"),
            L("完成比例", "Share of target"), L("是否达到", "Met"), L("全部渠道同期", "All channels, same days"), L("说明", "Summary"),
        ]);
        foreach (var g in report.Goals)
        {
            goals.Row(
            [
                T(g.Kpi.Name), g.Goal.Period.ToString().ToLowerInvariant(), Kpi(g.Kpi, g.Goal.Target), Kpi(g.Kpi, g.TargetForRange), Kpi(g.Kpi, g.Value),
                g.Share is { } share ? XCell.Percent(share) : XCell.Empty, g.Met is { } met ? (met ? L("是", "yes") : L("否", "no")) : "",
                Kpi(g.Kpi, g.OrganizationValue), XCell.Wrapped(T(g.Summary)),
            ]);
        }

        sheets.Add(goals);
        return XlsxWorkbook.Write(sheets, Stylesheet(MoneyFormat(currency)), numberPadding: 4);
    }

    private static Stylesheet Stylesheet(string moneyFormat) =>
        XlsxStyles.Create(
            [(164, moneyFormat), (165, "0.00%"), (166, "yyyy-mm-dd")],
            XlsxStyles.Number(164), XlsxStyles.Number(165), XlsxStyles.Number(3), XlsxStyles.Number(4), XlsxStyles.Number(166));

    /// <summary>The cells of this workbook, in its cell formats.</summary>
    private static class XCell
    {
        public static XlsxCell Empty => default;

        public static XlsxCell Of(string text) => new(text, null, PlainStyle);

        public static XlsxCell Wrapped(string text) => new(text, null, WrappedStyle);

        public static XlsxCell Count(decimal value) => new(null, Invariant(Math.Round(value, 0, MidpointRounding.AwayFromZero)), CountStyle);

        public static XlsxCell Money(decimal value) => new(null, Invariant(value), MoneyStyle);

        public static XlsxCell Percent(decimal share) => new(null, Invariant(Math.Round(share, 6, MidpointRounding.AwayFromZero)), PercentStyle);

        public static XlsxCell Multiple(decimal value) => new(null, Invariant(Math.Round(value, 4, MidpointRounding.AwayFromZero)), MultipleStyle);

        /// <summary>A day as Excel's serial number (days since 1899-12-30), shown by the date format.</summary>
        public static XlsxCell Date(DateOnly day) => new(null, (day.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture), DateStyle);

        private static string Invariant(decimal value) => (value == 0m ? 0m : value).ToString(CultureInfo.InvariantCulture);
    }
}
