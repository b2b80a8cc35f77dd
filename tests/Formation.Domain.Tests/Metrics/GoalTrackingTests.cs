using System.Globalization;
using Formation.Domain.Metrics;
using Formation.Domain.Profiles;
using Formation.Domain.WorkPlans;

namespace Formation.Domain.Tests.Metrics;

public class GoalTrackingTests
{
    private static readonly DateOnly s_novFirst = new(2026, 11, 1);
    private static readonly DateOnly s_novLast = new(2026, 11, 30);

    private static GoalProgress InNovember(Goal goal, MetricTotals soFar, DateOnly today, string? currency = null) =>
        GoalTracking.Evaluate(goal, soFar, s_novFirst, s_novLast, today, currency);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static MetricTotals Clicks(long clicks) => MetricTotals.Zero with { Clicks = clicks };

    private static MetricTotals CostPerClick(decimal cost, long clicks) => new(clicks * 40, clicks, cost, 0, 0, 0, 0m);

    [Theory]
    [InlineData(GoalPeriod.Day, "2026-12-02", "2026-12-02", "2026-12-02")]
    [InlineData(GoalPeriod.Week, "2026-12-02", "2026-11-30", "2026-12-06")]
    [InlineData(GoalPeriod.Week, "2026-11-30", "2026-11-30", "2026-12-06")]
    [InlineData(GoalPeriod.Week, "2026-12-06", "2026-11-30", "2026-12-06")]
    [InlineData(GoalPeriod.Week, "2026-12-31", "2026-12-28", "2027-01-03")]
    [InlineData(GoalPeriod.Week, "2027-01-03", "2026-12-28", "2027-01-03")]
    [InlineData(GoalPeriod.Month, "2026-11-15", "2026-11-01", "2026-11-30")]
    [InlineData(GoalPeriod.Month, "2026-02-14", "2026-02-01", "2026-02-28")]
    [InlineData(GoalPeriod.Month, "2028-02-14", "2028-02-01", "2028-02-29")]
    [InlineData(GoalPeriod.Quarter, "2026-02-10", "2026-01-01", "2026-03-31")]
    [InlineData(GoalPeriod.Quarter, "2026-05-31", "2026-04-01", "2026-06-30")]
    [InlineData(GoalPeriod.Quarter, "2026-07-01", "2026-07-01", "2026-09-30")]
    [InlineData(GoalPeriod.Quarter, "2026-12-31", "2026-10-01", "2026-12-31")]
    [InlineData(GoalPeriod.Year, "2026-06-15", "2026-01-01", "2026-12-31")]
    public void PeriodContaining_GivesBothEnds(GoalPeriod period, string day, string start, string end) =>
        GoalTracking.PeriodContaining(period, Day(day)).ShouldBe((Day(start), Day(end)));

    [Fact]
    public void PeriodContaining_LastDayOf2026_IsInWeek53()
    {
        var (start, _) = GoalTracking.PeriodContaining(GoalPeriod.Week, new DateOnly(2026, 12, 31));

        IsoWeek.Containing(start).ToString().ShouldBe("2026-W53");
    }

    [Fact]
    public void Evaluate_SumAheadOfPace_IsOnTrack()
    {
        var progress = InNovember(new Goal("clicks", 600, GoalPeriod.Month), Clicks(580), new DateOnly(2026, 11, 27));

        progress.Status.ShouldBe(GoalStatus.OnTrack);
        progress.DaysElapsed.ShouldBe(27);
        progress.DaysTotal.ShouldBe(30);
        progress.Actual.ShouldBe(580m);
        progress.Forecast!.Value.ShouldBe(644.444m, 0.001m);
    }

    [Fact]
    public void Evaluate_SumWithinTenPercentShort_IsAtRiskAndSaysSo()
    {
        var progress = InNovember(new Goal("clicks", 600, GoalPeriod.Month), Clicks(486), new DateOnly(2026, 11, 27));

        progress.Forecast.ShouldBe(540m);
        progress.Progress.ShouldBe(0.81m);
        progress.Status.ShouldBe(GoalStatus.AtRisk);
        progress.Explanation.Zh.ShouldBe("按目前进度，到 11 月 30 日预计 540，目标 600（90%）。");
        progress.Explanation.En.ShouldBe("At the current pace 540 by 30 Nov against a target of 600 (90%).");
    }

    [Fact]
    public void Evaluate_SumFurtherShort_IsOffTrack()
    {
        var progress = InNovember(new Goal("clicks", 600, GoalPeriod.Month), Clicks(485), new DateOnly(2026, 11, 27));

        progress.Forecast!.Value.ShouldBeLessThan(540m);
        progress.Status.ShouldBe(GoalStatus.OffTrack);
        progress.Explanation.En.ShouldBe("At the current pace 539 by 30 Nov against a target of 600 (89%).");
    }

    [Fact]
    public void Evaluate_RunRate_MultipliesBeforeDividing() =>
        InNovember(new Goal("leads", 1_000, GoalPeriod.Month), MetricTotals.Zero with { Leads = 100 }, new DateOnly(2026, 11, 3))
            .Forecast.ShouldBe(1_000m);

    [Fact]
    public void Evaluate_SumReachedBeforeTheEnd_IsOnTrackWithFullProgress()
    {
        var progress = InNovember(new Goal("clicks", 600, GoalPeriod.Month), Clicks(660), new DateOnly(2026, 11, 20));

        progress.Status.ShouldBe(GoalStatus.OnTrack);
        progress.Progress.ShouldBe(1.1m);
        progress.Explanation.En.ShouldBe("Target already reached: 660 so far against a target of 600 (110%).");
        progress.Explanation.Zh.ShouldBe("目标已提前达成：目前 660，目标 600（110%）。");
    }

    [Theory]
    [InlineData(190, GoalStatus.OnTrack)]
    [InlineData(200, GoalStatus.OnTrack)]
    [InlineData(215, GoalStatus.AtRisk)]
    [InlineData(220, GoalStatus.AtRisk)]
    [InlineData(230, GoalStatus.OffTrack)]
    public void Evaluate_CostPerClick_IsACeiling(int costForAHundredClicks, GoalStatus expected)
    {
        var progress = InNovember(new Goal("cpc", 2m, GoalPeriod.Month), CostPerClick(costForAHundredClicks, 100), new DateOnly(2026, 11, 10));

        progress.Status.ShouldBe(expected);
        progress.Forecast.ShouldBe(progress.Actual);
    }

    [Fact]
    public void Evaluate_CostPerClickOverTheCeiling_ExplainsInTheCurrency()
    {
        var progress = InNovember(new Goal("cpc", 2m, GoalPeriod.Month), CostPerClick(230, 100), new DateOnly(2026, 11, 10), "CNY");

        progress.Explanation.Zh.ShouldBe("目前平均点击成本为 ¥2.30，目标不高于 ¥2.00（115%）。");
        progress.Explanation.En.ShouldBe("Cost per click (CPC) is ¥2.30 so far against a target of at most ¥2.00 (115%).");
    }

    [Fact]
    public void Evaluate_MoneyWithoutACurrency_IsAPlainAmount() =>
        InNovember(new Goal("cpa", 40m, GoalPeriod.Month), new MetricTotals(0, 0, 1_000m, 25, 0, 0, 0m), new DateOnly(2026, 11, 10))
            .Explanation.En.ShouldBe("Cost per acquisition (CPA) is 40.00 so far against a target of at most 40.00 (100%).");

    [Theory]
    [InlineData(300, GoalStatus.OnTrack)]
    [InlineData(280, GoalStatus.AtRisk)]
    [InlineData(270, GoalStatus.AtRisk)]
    [InlineData(235, GoalStatus.OffTrack)]
    public void Evaluate_Ratio_IsForecastAtItsCurrentValue(int clicksPerTenThousand, GoalStatus expected)
    {
        var totals = new MetricTotals(10_000, clicksPerTenThousand, 0m, 0, 0, 0, 0m);

        var progress = InNovember(new Goal("ctr", 0.03m, GoalPeriod.Month), totals, new DateOnly(2026, 11, 5));

        progress.Actual.ShouldBe(clicksPerTenThousand / 10_000m);
        progress.Forecast.ShouldBe(progress.Actual);
        progress.Status.ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_Ratio_ExplainsTheCurrentValue() =>
        InNovember(new Goal("ctr", 0.03m, GoalPeriod.Month), new MetricTotals(10_000, 235, 0m, 0, 0, 0, 0m), new DateOnly(2026, 11, 5))
            .Explanation.ShouldBe(new("目前点击率为 2.35%，目标 3.00%（78%）。", "Click-through rate (CTR) is 2.35% so far against a target of 3.00% (78%)."));

    [Fact]
    public void Evaluate_PeriodNotStarted_HasNoData()
    {
        var progress = GoalTracking.Evaluate(
            new Goal("clicks", 600, GoalPeriod.Month), MetricTotals.Zero, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), s_novLast);

        progress.Status.ShouldBe(GoalStatus.NoData);
        progress.DaysElapsed.ShouldBe(0);
        progress.DaysTotal.ShouldBe(31);
        progress.Forecast.ShouldBeNull();
        progress.Explanation.ShouldBe(new("周期从 12 月 1 日开始，尚无数据。", "The period starts on 1 Dec; no data yet."));
    }

    [Fact]
    public void Evaluate_PeriodEndedAtTarget_IsAchieved()
    {
        var progress = GoalTracking.Evaluate(
            new Goal("revenue", 1_200_000m, GoalPeriod.Year), MetricTotals.Zero with { Revenue = 1_250_000m },
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 4), "CNY");

        progress.Status.ShouldBe(GoalStatus.Achieved);
        progress.DaysElapsed.ShouldBe(365);
        progress.Forecast.ShouldBe(1_250_000m);
        progress.Explanation.En.ShouldBe("The period ended on 31 Dec at ¥1,250,000.00 against a target of ¥1,200,000.00 (104%): achieved.");
        progress.Explanation.Zh.ShouldBe("周期已于 12 月 31 日结束：实际 ¥1,250,000.00，目标 ¥1,200,000.00（104%），已达成。");
    }

    [Fact]
    public void Evaluate_PeriodEndedShort_IsMissed()
    {
        var progress = InNovember(new Goal("orders", 100, GoalPeriod.Month), MetricTotals.Zero with { Orders = 99 }, new DateOnly(2026, 12, 1));

        progress.Status.ShouldBe(GoalStatus.Missed);
        progress.Explanation.En.ShouldBe("The period ended on 30 Nov at 99 against a target of 100 (99%): missed.");
    }

    [Fact]
    public void Evaluate_PeriodEnded_JudgesACeilingByTheFinalValue()
    {
        var goal = new Goal("cpa", 40m, GoalPeriod.Month);
        var december = new DateOnly(2026, 12, 1);

        InNovember(goal, new MetricTotals(0, 0, 1_000m, 25, 0, 0, 0m), december).Status.ShouldBe(GoalStatus.Achieved);
        InNovember(goal, new MetricTotals(0, 0, 1_000m, 24, 0, 0, 0m), december).Status.ShouldBe(GoalStatus.Missed);
    }

    [Fact]
    public void Evaluate_LastDayOfThePeriod_IsStillRunning()
    {
        var progress = InNovember(new Goal("orders", 100, GoalPeriod.Month), MetricTotals.Zero with { Orders = 95 }, s_novLast);

        progress.DaysElapsed.ShouldBe(30);
        progress.Status.ShouldBe(GoalStatus.AtRisk);
    }

    [Fact]
    public void Evaluate_KpiNotImported_HasNoData()
    {
        var progress = InNovember(new Goal("organic-traffic", 5_000, GoalPeriod.Month), Clicks(100), new DateOnly(2026, 11, 10));

        progress.Status.ShouldBe(GoalStatus.NoData);
        progress.Actual.ShouldBeNull();
        progress.Forecast.ShouldBeNull();
        progress.Progress.ShouldBeNull();
        progress.Explanation.En.ShouldBe("This KPI cannot be computed from imported data; track it by hand.");
    }

    [Fact]
    public void Evaluate_UndefinedRatio_HasNoData()
    {
        var progress = InNovember(new Goal("ctr", 0.03m, GoalPeriod.Month), MetricTotals.Zero, new DateOnly(2026, 11, 10));

        progress.Status.ShouldBe(GoalStatus.NoData);
        progress.Actual.ShouldBeNull();
        progress.Explanation.ShouldBe(new("数据不足，暂无法计算点击率。", "Not enough data yet to compute click-through rate (CTR)."));
    }

    [Fact]
    public void Evaluate_DayGoal_CoversOneDay()
    {
        var today = new DateOnly(2026, 11, 30);
        var (start, end) = GoalTracking.PeriodContaining(GoalPeriod.Day, today);

        var progress = GoalTracking.Evaluate(new Goal("leads", 10, GoalPeriod.Day), MetricTotals.Zero with { Leads = 9 }, start, end, today);

        (progress.DaysElapsed, progress.DaysTotal).ShouldBe((1, 1));
        progress.Status.ShouldBe(GoalStatus.AtRisk);
    }

    [Fact]
    public void Evaluate_ZeroTarget_HasNoProgressShare()
    {
        var progress = InNovember(new Goal("roi", 0m, GoalPeriod.Month), MetricTotals.Zero with { Cost = 100m, Revenue = 90m }, new DateOnly(2026, 11, 10));

        progress.Progress.ShouldBeNull();
        progress.Status.ShouldBe(GoalStatus.OffTrack);
        progress.Explanation.En.ShouldBe("Return on investment (ROI) is -10.00% so far against a target of 0.00%.");
    }

    [Fact]
    public void Evaluate_PeriodEndingBeforeItStarts_IsRefused() =>
        Should.Throw<ArgumentException>(() =>
            GoalTracking.Evaluate(new Goal("clicks", 1, GoalPeriod.Month), MetricTotals.Zero, s_novLast, s_novFirst, s_novLast));

    [Theory]
    [InlineData(GoalStatus.OnTrack, GoalStatus.OffTrack, true)]
    [InlineData(GoalStatus.AtRisk, GoalStatus.OffTrack, true)]
    [InlineData(GoalStatus.NoData, GoalStatus.OffTrack, true)]
    [InlineData(GoalStatus.Achieved, GoalStatus.OffTrack, true)]
    [InlineData(GoalStatus.OnTrack, GoalStatus.Missed, true)]
    [InlineData(GoalStatus.AtRisk, GoalStatus.Missed, true)]
    [InlineData(GoalStatus.NoData, GoalStatus.Missed, true)]
    [InlineData(GoalStatus.Achieved, GoalStatus.Missed, true)]
    [InlineData(GoalStatus.OffTrack, GoalStatus.OffTrack, false)]
    [InlineData(GoalStatus.OffTrack, GoalStatus.Missed, false)]
    [InlineData(GoalStatus.Missed, GoalStatus.OffTrack, false)]
    [InlineData(GoalStatus.Missed, GoalStatus.Missed, false)]
    [InlineData(GoalStatus.OffTrack, GoalStatus.OnTrack, false)]
    [InlineData(GoalStatus.OffTrack, GoalStatus.AtRisk, false)]
    [InlineData(GoalStatus.OnTrack, GoalStatus.AtRisk, false)]
    [InlineData(GoalStatus.AtRisk, GoalStatus.Achieved, false)]
    [InlineData(GoalStatus.NoData, GoalStatus.NoData, false)]
    [InlineData(GoalStatus.Missed, GoalStatus.NoData, false)]
    public void BecameOffTrack_OnlyOnTheWayIn(GoalStatus before, GoalStatus after, bool expected) =>
        GoalTracking.BecameOffTrack(before, after).ShouldBe(expected);

    [Fact]
    public void BecameOffTrack_IsTrueForEightOfTheThirtySixPairs()
    {
        var statuses = Enum.GetValues<GoalStatus>();

        statuses.SelectMany(b => statuses.Select(a => GoalTracking.BecameOffTrack(b, a))).Count(x => x).ShouldBe(8);
    }
}
