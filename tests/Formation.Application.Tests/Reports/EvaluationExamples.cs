using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Application.Tests.Reports;

/// <summary>An evaluation report built by hand, so the exports can be tested without a database.</summary>
internal static class EvaluationExamples
{
    public const string CampaignName = "双十一大促";

    public static readonly MetricTotals Current = new(120_000, 3_600, 12_345.678m, 240, 180, 95, 45_678.9m);

    public static readonly MetricTotals Previous = new(100_000, 3_000, 10_000m, 200, 0, 80, 40_000m);

    public static EvaluationReport Report(string currency = "CNY", bool conclusions = true)
    {
        var range = DayRange.MonthOf(new DateOnly(2026, 11, 1));
        var leadsGoal = new Goal("leads", 600, GoalPeriod.Month);
        var cplGoal = new Goal("cost-per-lead", 150, GoalPeriod.Month);
        var campaigns = new List<EvaluationCampaign>
        {
            new(1, CampaignName, 10, "天猫", "shop", 20_000m, 20_000m, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), Current,
                conclusions ? "预热期点击成本偏高，下次提前一周投放。" : null),
            new(2, "Brand search", 11, "百度搜索", null, null, null, null, null, MetricTotals.Zero, null),
        };
        return new EvaluationReport(
            "云启科技", currency, EvaluationScope.Period(), new LocalizedText("全部渠道", "All channels"), range, range.Previous(),
            Current, Previous,
            new EvaluationPlan(PlanBasis.Campaigns, 20_000m, 20_000m, null, null, Current.Cost, 0, 1),
            [new MetricGroup("10", "天猫", 10, Current)],
            campaigns,
            true,
            [
                EvaluationReports.Goal(leadsGoal, Kpis.Get("leads"), Current, Current, true, range, currency),
                EvaluationReports.Goal(cplGoal, Kpis.Get("cost-per-lead"), Current, Current, true, range, currency),
            ]);
    }
}
