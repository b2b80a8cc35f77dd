using System.Globalization;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Domain.Metrics;

/// <summary>Where a goal stands in its period.</summary>
public enum GoalStatus
{
    /// <summary>Nothing to judge: the KPI is not computed from imported data, its value is undefined, or the period has not begun.</summary>
    NoData,

    /// <summary>The forecast meets the target, or an additive target is already reached.</summary>
    OnTrack,

    /// <summary>The forecast misses the target by no more than <see cref="GoalTracking.AtRiskMargin"/> of it.</summary>
    AtRisk,

    /// <summary>The forecast misses the target by more than <see cref="GoalTracking.AtRiskMargin"/> of it.</summary>
    OffTrack,

    /// <summary>The period is over and the final value met the target.</summary>
    Achieved,

    /// <summary>The period is over and the final value did not meet the target.</summary>
    Missed,
}

/// <summary>A goal measured against what happened in one of its periods.</summary>
/// <param name="DaysElapsed">Days of the period up to and including today; 0 before it begins, all of them after it ends.</param>
/// <param name="DaysTotal">Days of the period, both ends included.</param>
/// <param name="Actual">The KPI over the period so far; null when undefined or not computed from imported data.</param>
/// <param name="Forecast">The expected value at the period's end: a run rate for sums, the current value for ratios.</param>
/// <param name="Progress">Actual ÷ target; null when either is missing or the target is zero.</param>
/// <param name="Explanation">One sentence saying why the goal has its status.</param>
public sealed record GoalProgress(
    Goal Goal,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int DaysElapsed,
    int DaysTotal,
    decimal? Actual,
    decimal? Forecast,
    decimal? Progress,
    GoalStatus Status,
    LocalizedText Explanation);

/// <summary>
/// Tracks the profile's goals against imported figures (docs/decisions/0013). Sums are forecast at their
/// run rate, ratios as they stand; a forecast within <see cref="AtRiskMargin"/> of the target on the wrong
/// side is at risk, further off is off track. For the costs per unit the target is a ceiling.
/// </summary>
public static class GoalTracking
{
    /// <summary>How far, as a share of the target, a forecast may miss it and still be only at risk.</summary>
    public const decimal AtRiskMargin = 0.10m;

    /// <summary>The period of the given kind that contains <paramref name="day"/>, both ends included; weeks are ISO weeks, Monday to Sunday.</summary>
    public static (DateOnly Start, DateOnly End) PeriodContaining(GoalPeriod period, DateOnly day)
    {
        switch (period)
        {
            case GoalPeriod.Day:
                return (day, day);
            case GoalPeriod.Week:
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(6));
            case GoalPeriod.Month:
                return (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)));
            case GoalPeriod.Quarter:
                var first = new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);
                return (first, first.AddMonths(3).AddDays(-1));
            case GoalPeriod.Year:
                return (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31));
            default:
                throw new ArgumentOutOfRangeException(nameof(period), period, null);
        }
    }

    /// <summary>
    /// How <paramref name="goal"/> stands on <paramref name="today"/> in the period from <paramref name="periodStart"/>
    /// to <paramref name="periodEnd"/> (inclusive), given the sums from the start through today or the end, whichever
    /// comes first. Amounts in the explanation carry the symbol of <paramref name="currency"/> when it is given.
    /// </summary>
    /// <exception cref="ArgumentException">The period ends before it starts.</exception>
    public static GoalProgress Evaluate(Goal goal, MetricTotals actualToDate, DateOnly periodStart, DateOnly periodEnd, DateOnly today, string? currency = null)
    {
        ArgumentNullException.ThrowIfNull(goal);
        if (periodEnd < periodStart)
        {
            throw new ArgumentException($"The period ends ({periodEnd:yyyy-MM-dd}) before it starts ({periodStart:yyyy-MM-dd}).", nameof(periodEnd));
        }

        var total = periodEnd.DayNumber - periodStart.DayNumber + 1;
        var elapsed = today < periodStart ? 0 : (today < periodEnd ? today : periodEnd).DayNumber - periodStart.DayNumber + 1;
        var period = new Period(periodStart, periodEnd, elapsed, total);

        if (!Kpis.TryGet(goal.Kpi, out var kpi))
        {
            return Result(goal, period, null, null, GoalStatus.NoData, new(
                "该指标无法从导入的数据中计算，需手工跟踪。",
                "This KPI cannot be computed from imported data; track it by hand."));
        }

        var actual = Kpis.Value(kpi.Id, actualToDate);
        if (elapsed == 0)
        {
            return Result(goal, period, actual, null, GoalStatus.NoData, new(
                $"周期从 {ZhDate(periodStart)}开始，尚无数据。",
                $"The period starts on {EnDate(periodStart)}; no data yet."));
        }

        if (actual is not { } a)
        {
            return Result(goal, period, null, null, GoalStatus.NoData, new(
                $"数据不足，暂无法计算{kpi.Name.Zh}。",
                $"Not enough data yet to compute {kpi.Name.En.Mid()}."));
        }

        var forecast = kpi.Additive ? a * total / elapsed : a;
        var show = new Shown(kpi, goal.Target, currency);

        if (today > periodEnd)
        {
            var met = Meets(kpi, a, goal.Target);
            return Result(goal, period, a, forecast, met ? GoalStatus.Achieved : GoalStatus.Missed, met
                ? new($"周期已于 {ZhDate(periodEnd)}结束：实际 {show.Value(a)}，{show.Target(Language.Zh)}{show.Share(a, Language.Zh)}，已达成。",
                      $"The period ended on {EnDate(periodEnd)} at {show.Value(a)} against {show.Target(Language.En)}{show.Share(a, Language.En)}: achieved.")
                : new($"周期已于 {ZhDate(periodEnd)}结束：实际 {show.Value(a)}，{show.Target(Language.Zh)}{show.Share(a, Language.Zh)}，未达成。",
                      $"The period ended on {EnDate(periodEnd)} at {show.Value(a)} against {show.Target(Language.En)}{show.Share(a, Language.En)}: missed."));
        }

        if (kpi.Additive && !kpi.LowerIsBetter && a >= goal.Target)
        {
            return Result(goal, period, a, forecast, GoalStatus.OnTrack, new(
                $"目标已提前达成：目前 {show.Value(a)}，{show.Target(Language.Zh)}{show.Share(a, Language.Zh)}。",
                $"Target already reached: {show.Value(a)} so far against {show.Target(Language.En)}{show.Share(a, Language.En)}."));
        }

        var status = Meets(kpi, forecast, goal.Target) ? GoalStatus.OnTrack
            : Meets(kpi, forecast, AtRiskBound(kpi, goal.Target)) ? GoalStatus.AtRisk
            : GoalStatus.OffTrack;
        var explanation = kpi.Additive
            ? new LocalizedText(
                $"按目前进度，到 {ZhDate(periodEnd)}预计 {show.Value(forecast)}，{show.Target(Language.Zh)}{show.Share(forecast, Language.Zh)}。",
                $"At the current pace {show.Value(forecast)} by {EnDate(periodEnd)} against {show.Target(Language.En)}{show.Share(forecast, Language.En)}.")
            : new LocalizedText(
                $"目前{kpi.Name.Zh}为 {show.Value(a)}，{show.Target(Language.Zh)}{show.Share(a, Language.Zh)}。",
                $"{kpi.Name.En} is {show.Value(a)} so far against {show.Target(Language.En)}{show.Share(a, Language.En)}.");
        return Result(goal, period, a, forecast, status, explanation);
    }

    /// <summary>True when a goal has just gone wrong: <paramref name="after"/> is off track or missed and <paramref name="before"/> was neither, so one task is opened per slip.</summary>
    public static bool BecameOffTrack(GoalStatus before, GoalStatus after) => IsWrong(after) && !IsWrong(before);

    private static bool IsWrong(GoalStatus status) => status is GoalStatus.OffTrack or GoalStatus.Missed;

    private static bool Meets(KpiDefinition kpi, decimal value, decimal bound) => kpi.LowerIsBetter ? value <= bound : value >= bound;

    private static decimal AtRiskBound(KpiDefinition kpi, decimal target) =>
        kpi.LowerIsBetter ? target + (Math.Abs(target) * AtRiskMargin) : target - (Math.Abs(target) * AtRiskMargin);

    private static GoalProgress Result(Goal goal, Period period, decimal? actual, decimal? forecast, GoalStatus status, LocalizedText explanation) =>
        new(goal, period.Start, period.End, period.Elapsed, period.Total, actual, forecast,
            actual is { } a && goal.Target != 0m ? a / goal.Target : null, status, explanation);

    private static string ZhDate(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Month} 月 {day.Day} 日");

    private static string EnDate(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    private readonly record struct Period(DateOnly Start, DateOnly End, int Elapsed, int Total);

    /// <summary>Figures as the explanation writes them.</summary>
    private sealed record Shown(KpiDefinition Kpi, decimal TargetValue, string? Currency)
    {
        /// <summary>"目标 600" / "a target of 600", or "目标不高于 ¥2.00" / "a target of at most ¥2.00" for a ceiling.</summary>
        public string Target(Language language) => (language, Kpi.LowerIsBetter) switch
        {
            (Language.Zh, true) => "目标不高于 " + Value(TargetValue),
            (Language.Zh, false) => "目标 " + Value(TargetValue),
            (_, true) => "a target of at most " + Value(TargetValue),
            _ => "a target of " + Value(TargetValue),
        };

        /// <summary>The value as the KPI is shown; money without a known currency as a plain amount with two decimals.</summary>
        public string Value(decimal value) =>
            Currency is null && Kpi.Kind is KpiKind.Money or KpiKind.MoneyRatio
                ? Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture)
                : Kpis.Format(Kpi.Id, value, Currency ?? "", Language.En);

        /// <summary>"（90%）" / " (90%)": the value as a share of the target, rounded so it never looks better than it is.</summary>
        public string Share(decimal value, Language language)
        {
            if (TargetValue == 0m)
            {
                return "";
            }

            var percent = value / TargetValue * 100m;
            var whole = Kpi.LowerIsBetter ? Math.Ceiling(percent) : Math.Floor(percent);
            var text = whole.ToString("#,0", CultureInfo.InvariantCulture) + "%";
            return language == Language.Zh ? "（" + text + "）" : " (" + text + ")";
        }
    }
}
