using System.Globalization;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Formation.Domain.Text;

namespace Formation.Application.Reports;

/// <summary>
/// The evaluation report as an A4 PDF in one language (PRODUCT §3 M4): what was planned and spent, the sixteen KPIs
/// against the period before, channels, campaigns, the goals it moved and the manager's conclusions. Set in the CJK
/// font of <see cref="PdfSetup"/>, embedded as a subset, so Chinese renders in any reader.
/// </summary>
public static class EvaluationPdf
{
    /// <summary>The KPIs shown per channel and campaign, where sixteen columns would not fit the page.</summary>
    public static IReadOnlyList<string> BreakdownKpis { get; } = ["cost", "clicks", "ctr", "conversions", "cpa", "leads", "orders", "revenue", "roas"];

    /// <summary>Renders the report.</summary>
    /// <exception cref="InvalidOperationException">No font for Chinese text is installed; the message says what to install.</exception>
    public static byte[] Render(EvaluationReport report, Language language)
    {
        ArgumentNullException.ThrowIfNull(report);
        PdfSetup.EnsureConfigured();
        var zh = language == Language.Zh;
        string L(string zhText, string enText) => zh ? zhText : enText;
        string T(LocalizedText t) => t.Get(language);
        string Money(decimal? amount) => amount is { } a ? Kpis.FormatMoney(a, report.Currency) : Kpis.Undefined;
        string Kpi(string id, decimal? value) => Kpis.Format(id, value, report.Currency, language);
        var colon = zh ? "：" : ": ";

        var title = $"{L("效果评估报告", "Evaluation report")}{colon}{T(report.ScopeName)}";
        using var pdf = new PdfLayout(title);
        pdf.Heading(title, 1);
        pdf.Field(L("企业", "Organisation") + colon, report.Organization);
        pdf.Field(L("期间", "Period") + colon, $"{Day(report.Range.From)} – {Day(report.Range.To)}{L("（", " (")}{Days(report.Range.Days, zh)}{L("）", ")")}");
        pdf.Field(L("对比期间", "Compared with") + colon, $"{Day(report.PreviousRange.From)} – {Day(report.PreviousRange.To)}");

        pdf.Heading(L("计划与花费", "Planned and spent"), 2);
        var plan = report.Plan;
        pdf.Field(L("计划", "Planned") + colon, plan.Planned is { } planned ? $"{Money(planned)}{L("（", " (")}{T(report.PlanLabel)}{L("）", ")")}" : T(report.PlanLabel));
        if (plan.Basis == PlanBasis.AnnualBudget && plan.CampaignBudgets is { } cb)
        {
            pdf.Field(L("推广活动计划预算", "Campaigns' planned budgets") + colon, Money(cb));
        }

        pdf.Field(L("实际花费", "Spent") + colon, Money(plan.Spent));
        pdf.Field(L("花费占计划", "Spent of planned") + colon, Percent(plan.SpentShare));
        foreach (var note in PlanNotes(plan, zh))
        {
            pdf.Paragraph(note, muted: true);
        }

        pdf.Heading(L("效果指标", "What it produced"), 2);
        pdf.Table(
            [new(L("指标", "KPI"), 3), new(L("本期", "This period"), 2, true), new(L("上期", "Previous"), 2, true), new(L("变化", "Change"), 1.3, true)],
            report.KpiRows().Select(k => (IReadOnlyList<string>)[T(k.Kpi.Name), Kpi(k.Kpi.Id, k.Value), Kpi(k.Kpi.Id, k.Previous), Kpis.FormatChange(k.Change)]));

        pdf.Heading(L("分渠道", "By channel"), 2);
        if (report.Channels.Count == 0)
        {
            pdf.Paragraph(L("本期没有数据。", "No data in this period."), muted: true);
        }
        else
        {
            pdf.Table(
                [new(L("渠道", "Channel"), 2), .. BreakdownKpis.Select(k => new PdfColumn(ShortName(k, zh), Kpis.Get(k).Kind == KpiKind.Money ? 1.8 : 1.1, true))],
                report.Channels.Select(g => (IReadOnlyList<string>)[g.Name, .. BreakdownKpis.Select(k => Kpi(k, Kpis.Value(k, g.Totals)))]));
        }

        pdf.Heading(L("分推广活动", "By campaign"), 2);
        if (report.Campaigns.Count == 0)
        {
            pdf.Paragraph(L("本期没有推广活动。", "No campaign ran in this period."), muted: true);
        }
        else
        {
            pdf.Table(
                [
                    new(L("推广活动", "Campaign"), 2.6), new(L("日期", "Dates"), 2.2), new(L("计划预算", "Planned"), 1.5, true),
                    new(L("花费", "Cost"), 1.7, true), new(L("花费占计划", "Of plan"), 1.1, true),
                    new(ShortName("conversions", zh), 1.1, true), new(ShortName("leads", zh), 1.1, true), new(ShortName("revenue", zh), 1.7, true), new("ROAS", 1, true),
                ],
                report.Campaigns.Select(c => (IReadOnlyList<string>)
                [
                    $"{c.Name} ({c.ChannelName})", Dates(c.StartsOn, c.EndsOn, zh), Money(c.PlannedInRange), Money(c.Totals.Cost),
                    Percent(c.PlannedInRange is { } p && p != 0m ? c.Totals.Cost / p : null),
                    Kpi("conversions", c.Totals.Conversions), Kpi("leads", c.Totals.Leads), Kpi("revenue", c.Totals.Revenue), Kpi("roas", Kpis.Value("roas", c.Totals)),
                ]));
        }

        pdf.Heading(L("目标贡献", "Goals it moved"), 2);
        if (!report.HasAcceptedPlan)
        {
            pdf.Paragraph(L("还没有接受的规划版本，没有可对照的目标。", "There is no accepted plan yet, so no goals to measure against."), muted: true);
        }
        else if (report.Goals.Count == 0)
        {
            pdf.Paragraph(L("当前规划没有可从导入数据计算的目标。", "The accepted plan has no goal computed from imported data."), muted: true);
        }

        foreach (var goal in report.Goals)
        {
            pdf.Paragraph(T(goal.Summary), indent: 8, marker: "•");
        }

        pdf.Heading(L("经理结论", "The manager's conclusions"), 2);
        if (report.Campaigns.Count == 0)
        {
            pdf.Paragraph(L("本期没有推广活动。", "No campaign ran in this period."), muted: true);
        }

        foreach (var c in report.Campaigns)
        {
            pdf.Heading(c.Name, 3);
            if (c.HasConclusions)
            {
                pdf.Paragraph(c.Conclusions!.Trim());
            }
            else
            {
                pdf.Paragraph(NoConclusions(zh), muted: true);
            }
        }

        return pdf.Finish((page, pages) => zh
            ? $"{title} · 第 {page} 页，共 {pages} 页"
            : $"{title} · Page {page} of {pages}");
    }

    /// <summary>What stands in for conclusions nobody has written.</summary>
    public static string NoConclusions(bool zh) => zh ? "经理尚未填写结论。" : "No conclusions written yet.";

    /// <summary>Notes on how the planned figure was counted, when something about it needs saying.</summary>
    public static IEnumerable<string> PlanNotes(EvaluationPlan plan, bool zh)
    {
        if (plan.CampaignsWithoutDates > 0)
        {
            yield return zh
                ? $"{plan.CampaignsWithoutDates} 个推广活动没有完整的起止日期，其计划预算按全额计入。"
                : $"{plan.CampaignsWithoutDates} campaign(s) without both dates count with their whole planned budget.";
        }

        if (plan.CampaignsWithoutBudget > 0)
        {
            yield return zh
                ? $"{plan.CampaignsWithoutBudget} 个推广活动没有计划预算。"
                : $"{plan.CampaignsWithoutBudget} campaign(s) have no planned budget.";
        }
    }

    /// <summary>A share as a percentage with one decimal, "—" when undefined.</summary>
    public static string Percent(decimal? share) =>
        share is { } s ? Math.Round(s * 100m, 1, MidpointRounding.AwayFromZero).ToString("#,0.0", CultureInfo.InvariantCulture) + "%" : Kpis.Undefined;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Dates(DateOnly? from, DateOnly? to, bool zh) => (from, to) switch
    {
        (null, null) => zh ? "未设定" : "not set",
        _ => $"{(from is { } f ? Day(f) : "…")} – {(to is { } t ? Day(t) : "…")}",
    };

    private static string Days(int days, bool zh) => zh ? $"{days} 天" : days == 1 ? "1 day" : $"{days} days";

    /// <summary>A KPI's name short enough for a column header: the abbreviation where English has one.</summary>
    internal static string ShortName(string kpiId, bool zh)
    {
        var name = Kpis.Get(kpiId).Name;
        if (zh)
        {
            return name.Zh;
        }

        var open = name.En.IndexOf('(', StringComparison.Ordinal);
        return open > 0 ? name.En[(open + 1)..^1] : name.En;
    }
}
