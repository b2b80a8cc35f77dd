using System.Globalization;
using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Metrics;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Data;

/// <summary>What an evaluation report covers.</summary>
public enum EvaluationScopeKind
{
    /// <summary>Everything over a period, or one channel's campaigns.</summary>
    Period,

    /// <summary>One campaign.</summary>
    Campaign,

    /// <summary>The campaigns of one business module (a campaign's own module, else its channel's).</summary>
    Module,
}

/// <summary>The scope of an evaluation report: a period (all channels or one), a campaign or a module.</summary>
public sealed record EvaluationScope(EvaluationScopeKind Kind, long? ChannelId = null, long? CampaignId = null, string? ModuleId = null)
{
    /// <summary>All channels, or one when <paramref name="channelId"/> is given.</summary>
    public static EvaluationScope Period(long? channelId = null) => new(EvaluationScopeKind.Period, ChannelId: channelId);

    public static EvaluationScope Campaign(long campaignId) => new(EvaluationScopeKind.Campaign, CampaignId: campaignId);

    public static EvaluationScope Module(string moduleId) => new(EvaluationScopeKind.Module, ModuleId: moduleId);
}

/// <summary>Where the planned figure a report compares spending with comes from.</summary>
public enum PlanBasis
{
    /// <summary>Nothing was planned: no campaign in scope has a budget and the strategy has no annual budget.</summary>
    None,

    /// <summary>The planned budgets of the campaigns in scope, each prorated to the days of its dates inside the range.</summary>
    Campaigns,

    /// <summary>The strategy's annual budget (people and outsourcing included), prorated to the days of the range.</summary>
    AnnualBudget,
}

/// <summary>What was planned for the scope and how much of it was spent.</summary>
/// <param name="Planned">The figure spending is compared with, per <see cref="Basis"/>; null when nothing was planned.</param>
/// <param name="CampaignBudgets">The campaigns' planned budgets prorated to the range; null when none has a budget.</param>
/// <param name="AnnualBudget">The strategy's annual budget as written; null without an accepted plan or budget.</param>
/// <param name="AnnualBudgetShare">The annual budget prorated to the range's days (only for a period over all channels).</param>
/// <param name="Spent">The cost over the range.</param>
/// <param name="CampaignsWithoutDates">Campaigns whose budget counts in full because their dates are not both set.</param>
/// <param name="CampaignsWithoutBudget">Campaigns in scope with no planned budget.</param>
public sealed record EvaluationPlan(
    PlanBasis Basis,
    decimal? Planned,
    decimal? CampaignBudgets,
    decimal? AnnualBudget,
    decimal? AnnualBudgetShare,
    decimal Spent,
    int CampaignsWithoutDates,
    int CampaignsWithoutBudget)
{
    /// <summary>Spent ÷ planned; null when nothing (or zero) was planned.</summary>
    public decimal? SpentShare => Planned is { } p && p != 0m ? Spent / p : null;
}

/// <summary>A campaign of the report with what was planned for it, what it did over the range, and the manager's conclusions.</summary>
/// <param name="PlannedBudget">The campaign's whole planned budget; null when none was set.</param>
/// <param name="PlannedInRange">The part of it that falls in the range (by days of its dates); the whole budget when its dates are not both set.</param>
public sealed record EvaluationCampaign(
    long Id,
    string Name,
    long ChannelId,
    string ChannelName,
    string? ModuleId,
    decimal? PlannedBudget,
    decimal? PlannedInRange,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    MetricTotals Totals,
    string? Conclusions)
{
    /// <summary>True when the manager wrote something.</summary>
    public bool HasConclusions => !string.IsNullOrWhiteSpace(Conclusions);
}

/// <summary>
/// A goal of the accepted plan measured on the report's scope and range (docs/decisions/0015-evaluation-report.md).
/// For a sum the target is prorated to the range (<see cref="TargetForRange"/>) and <see cref="Share"/> is how much of it
/// the scope delivered; for a ratio or cost per unit the scope's value is compared with the target as it stands.
/// </summary>
/// <param name="Value">The KPI over the scope and range; null when undefined.</param>
/// <param name="TargetForRange">The target over the range's days; the target itself for a ratio.</param>
/// <param name="Share">Value ÷ prorated target for a sum; null for a ratio or when undefined.</param>
/// <param name="Met">For a ratio: whether the value meets the target (a ceiling for costs per unit); for a sum, whether the share reaches 100 %; null when undefined.</param>
/// <param name="OrganizationValue">The whole organisation's value over the range, for a sum when the scope is narrower than everything.</param>
/// <param name="Summary">One sentence in both languages.</param>
public sealed record EvaluationGoal(
    Goal Goal,
    KpiDefinition Kpi,
    decimal? Value,
    decimal TargetForRange,
    decimal? Share,
    bool? Met,
    decimal? OrganizationValue,
    LocalizedText Summary);

/// <summary>The evaluation phase's effect analysis of one scope over a range of days (PRODUCT §2.3, §3 M4).</summary>
public sealed record EvaluationReport(
    string Organization,
    string Currency,
    EvaluationScope Scope,
    LocalizedText ScopeName,
    DayRange Range,
    DayRange PreviousRange,
    MetricTotals Current,
    MetricTotals Previous,
    EvaluationPlan Plan,
    IReadOnlyList<MetricGroup> Channels,
    IReadOnlyList<EvaluationCampaign> Campaigns,
    bool HasAcceptedPlan,
    IReadOnlyList<EvaluationGoal> Goals)
{
    /// <summary>Each of the sixteen KPIs over the range, the previous period and the change.</summary>
    public IEnumerable<(KpiDefinition Kpi, decimal? Value, decimal? Previous, decimal? Change)> KpiRows() =>
        Kpis.All.Select(k =>
        {
            var value = Kpis.Value(k.Id, Current);
            var previous = Kpis.Value(k.Id, Previous);
            return (k, value, previous, Kpis.Change(value, previous));
        });

    /// <summary>How the planned figure was arrived at, in both languages.</summary>
    public LocalizedText PlanLabel => Plan.Basis switch
    {
        PlanBasis.AnnualBudget => new(
            $"年度预算 {Kpis.FormatMoney(Plan.AnnualBudget ?? 0m, Currency)} 按本期 {Range.Days} 天折算（部门总预算，含人员与外包）",
            $"annual budget of {Kpis.FormatMoney(Plan.AnnualBudget ?? 0m, Currency)} prorated to the {Range.Days} days of the period (the whole department's budget, people and outsourcing included)"),
        PlanBasis.Campaigns => new(
            "范围内推广活动的计划预算之和（按活动日期落在本期的天数折算）",
            "the planned budgets of the campaigns in scope (each prorated to the days of its dates inside the period)"),
        _ => new("未设定计划预算", "no budget was planned"),
    };
}

/// <summary>Why a report could not be built.</summary>
public enum EvaluationProblem
{
    None,

    /// <summary>The campaign, channel or module is not the organisation's.</summary>
    NotFound,

    /// <summary>No range was given and none follows from the scope (no dates, no data).</summary>
    NoPeriod,
}

/// <summary>A report, or why there is none, with the message to show.</summary>
public sealed record EvaluationResult(EvaluationReport? Report, EvaluationProblem Problem, LocalizedText? Message)
{
    internal static EvaluationResult Fail(EvaluationProblem problem, string zh, string en) => new(null, problem, new LocalizedText(zh, en));
}

/// <summary>What the report form offers: the organisation's channels, campaigns and modules.</summary>
public sealed record EvaluationChoices(
    IReadOnlyList<(long Id, string Name)> Channels,
    IReadOnlyList<(long Id, string Name, string Channel)> Campaigns,
    IReadOnlyList<(string Id, LocalizedText Name)> Modules);

/// <summary>
/// Builds the evaluation report of a period, a campaign or a module from the sums imports keep (<see cref="MetricQueries"/>),
/// the campaigns' plans and conclusions, and the goals of the accepted plan. Scoped to the context's organisation.
/// </summary>
public sealed class EvaluationReports(AppDbContext db, MetricQueries queries, Plans plans, PlaybookLibrary library)
{
    /// <summary>The channels, campaigns and modules (those a campaign or channel is linked to) to choose a scope from.</summary>
    public async Task<EvaluationChoices> ChoicesAsync(CancellationToken ct = default)
    {
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.ModuleId }).ToListAsync(ct).ConfigureAwait(false);
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.ChannelId, c.ModuleId }).ToListAsync(ct).ConfigureAwait(false);
        var channelNames = channels.ToDictionary(c => c.Id, c => c.Name);
        var modules = channels.Select(c => c.ModuleId).Concat(campaigns.Select(c => c.ModuleId))
            .OfType<string>().Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(m => (m, ModuleName(m))).OrderBy(m => m.m, StringComparer.Ordinal).ToList();
        return new EvaluationChoices(
            channels.Select(c => (c.Id, c.Name)).ToList(),
            campaigns.Select(c => (c.Id, c.Name, channelNames.GetValueOrDefault(c.ChannelId, "#" + c.ChannelId.ToString(CultureInfo.InvariantCulture)))).ToList(),
            modules);
    }

    /// <summary>
    /// The report of <paramref name="scope"/> over <paramref name="range"/>. Without a range, a campaign's is its dates
    /// (else its first to last day with data), a module's spans its campaigns' the same way, and a period's is the month of
    /// the last day with data.
    /// </summary>
    public async Task<EvaluationResult> BuildAsync(EvaluationScope scope, DayRange? range, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == db.OrganizationId)
            .Select(o => new { o.Name, o.Currency }).SingleAsync(ct).ConfigureAwait(false);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Id, ct).ConfigureAwait(false);
        var allCampaigns = await db.Campaigns.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        string? ModuleOf(Campaign c) => c.ModuleId ?? (channels.TryGetValue(c.ChannelId, out var ch) ? ch.ModuleId : null);

        LocalizedText scopeName;
        List<Campaign> candidates;
        switch (scope.Kind)
        {
            case EvaluationScopeKind.Campaign:
                var campaign = allCampaigns.SingleOrDefault(c => c.Id == scope.CampaignId);
                if (campaign is null)
                {
                    return EvaluationResult.Fail(EvaluationProblem.NotFound, $"没有这个推广活动：{scope.CampaignId}", $"There is no such campaign: {scope.CampaignId}");
                }

                scopeName = new LocalizedText($"推广活动：{campaign.Name}", $"Campaign: {campaign.Name}");
                candidates = [campaign];
                break;
            case EvaluationScopeKind.Module:
                var module = scope.ModuleId ?? "";
                candidates = allCampaigns.Where(c => ModuleOf(c) == module).ToList();
                if (module.Length == 0 || (candidates.Count == 0 && channels.Values.All(c => c.ModuleId != module)))
                {
                    return EvaluationResult.Fail(EvaluationProblem.NotFound, $"没有推广活动或渠道关联到业务模块：{module}", $"No campaign or channel is linked to the module: {module}");
                }

                var name = ModuleName(module);
                scopeName = new LocalizedText($"业务模块：{name.Zh}", $"Module: {name.En}");
                break;
            default:
                if (scope.ChannelId is { } channelId)
                {
                    if (!channels.TryGetValue(channelId, out var channel))
                    {
                        return EvaluationResult.Fail(EvaluationProblem.NotFound, $"没有这个渠道：{channelId}", $"There is no such channel: {channelId}");
                    }

                    scopeName = new LocalizedText($"渠道：{channel.Name}", $"Channel: {channel.Name}");
                    candidates = allCampaigns.Where(c => c.ChannelId == channelId).ToList();
                }
                else
                {
                    scopeName = new LocalizedText("全部渠道", "All channels");
                    candidates = allCampaigns;
                }

                break;
        }

        range ??= scope.Kind == EvaluationScopeKind.Period
            ? await queries.DataRangeAsync(ct).ConfigureAwait(false) is { } data ? DayRange.MonthOf(data.To) : null
            : SpanOf(candidates);
        if (range is not { } r)
        {
            return EvaluationResult.Fail(EvaluationProblem.NoPeriod,
                "无法确定期间：没有活动日期，也没有导入的数据。请选择起止日期。",
                "There is no period to report on: no campaign dates and no imported data. Choose the dates.");
        }

        var previousRange = r.Previous();
        var perCampaign = await queries.CampaignTotalsAsync(r, ct).ConfigureAwait(false);
        var perCampaignBefore = await queries.CampaignTotalsAsync(previousRange, ct).ConfigureAwait(false);

        // A campaign belongs to the report when it ran in the range: figures in it, or dates that overlap it.
        var inScope = candidates
            .Where(c => scope.Kind == EvaluationScopeKind.Campaign || perCampaign.ContainsKey(c.Id) || Overlaps(c, r))
            .ToList();

        var wholeScope = scope.Kind == EvaluationScopeKind.Period;
        var current = wholeScope
            ? await queries.TotalsAsync(r, scope.ChannelId, ct).ConfigureAwait(false)
            : Sum(candidates, perCampaign);
        var previous = wholeScope
            ? await queries.TotalsAsync(previousRange, scope.ChannelId, ct).ConfigureAwait(false)
            : Sum(candidates, perCampaignBefore);

        var campaigns = inScope
            .Select(c => new EvaluationCampaign(
                c.Id, c.Name, c.ChannelId, channels.TryGetValue(c.ChannelId, out var ch) ? ch.Name : "#" + c.ChannelId.ToString(CultureInfo.InvariantCulture),
                ModuleOf(c), Money(c.PlannedBudgetE4), PlannedInRange(c, r), c.StartsOn, c.EndsOn,
                perCampaign.GetValueOrDefault(c.Id), c.Conclusions))
            .OrderByDescending(c => c.Totals.Cost).ThenByDescending(c => c.Totals.Revenue).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        var channelGroups = wholeScope
            ? await queries.BreakdownAsync(MetricDimension.Channel, r, scope.ChannelId, ct).ConfigureAwait(false)
            : campaigns.GroupBy(c => c.ChannelId)
                .Select(g => new MetricGroup(g.Key.ToString(CultureInfo.InvariantCulture), g.First().ChannelName, g.Key, g.Aggregate(MetricTotals.Zero, (t, c) => t + c.Totals)))
                .Where(g => g.Totals != MetricTotals.Zero)
                .OrderByDescending(g => g.Totals.Cost).ThenByDescending(g => g.Totals.Revenue).ThenBy(g => g.Name, StringComparer.Ordinal)
                .ToList();

        var version = await db.PlanVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var blueprint = version is null ? null : plans.BlueprintOf(version);
        var currency = organization.Currency;

        var budgets = campaigns.Where(c => c.PlannedInRange is not null).ToList();
        decimal? campaignBudgets = budgets.Count > 0 ? budgets.Sum(c => c.PlannedInRange!.Value) : null;
        var annual = blueprint?.Cost.Budget;
        decimal? annualShare = wholeScope && scope.ChannelId is null && annual is { } a ? a * YearShare(r) : null;
        var (basis, planned) = annualShare is { } share ? (PlanBasis.AnnualBudget, (decimal?)share)
            : campaignBudgets is { } cb ? (PlanBasis.Campaigns, (decimal?)cb)
            : (PlanBasis.None, null);
        var plan = new EvaluationPlan(basis, planned, campaignBudgets, annual, annualShare, current.Cost,
            campaigns.Count(c => c.PlannedBudget is not null && (c.StartsOn is null || c.EndsOn is null)),
            campaigns.Count(c => c.PlannedBudget is null));

        var goals = new List<EvaluationGoal>();
        if (blueprint is not null)
        {
            var everything = wholeScope && scope.ChannelId is null ? current : await queries.TotalsAsync(r, ct: ct).ConfigureAwait(false);
            foreach (var ownership in blueprint.Goals)
            {
                if (Kpis.TryGet(ownership.Goal.Kpi, out var kpi))
                {
                    goals.Add(Goal(ownership.Goal, kpi, current, everything, wholeScope && scope.ChannelId is null, r, currency));
                }
            }
        }

        return new EvaluationResult(
            new EvaluationReport(organization.Name, currency, scope, scopeName, r, previousRange, current, previous, plan, channelGroups, campaigns, blueprint is not null, goals),
            EvaluationProblem.None, null);
    }

    /// <summary>
    /// A goal over the report's range. A sum's target is prorated day by day: each day of the range counts for one day of
    /// the goal period that contains it (1/30 of a monthly target on a day of November, 1/31 in December), so a range of
    /// whole periods gets exactly their targets and any other range its fair part.
    /// </summary>
    public static EvaluationGoal Goal(Goal goal, KpiDefinition kpi, MetricTotals scope, MetricTotals everything, bool scopeIsEverything, DayRange range, string currency)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(kpi);
        var value = Kpis.Value(kpi.Id, scope);
        var (zhPer, enPer, enAdjective) = PerPeriod(goal.Period);
        string F(decimal? v) => Kpis.Format(kpi.Id, v, currency, Language.En);
        var target = F(goal.Target);

        if (kpi.Additive)
        {
            var prorated = goal.Target * PeriodShare(goal.Period, range);
            decimal? share = value is { } v && prorated != 0m ? v / prorated : null;
            var percent = share is { } s ? Math.Floor(s * 100m).ToString("#,0", CultureInfo.InvariantCulture) + "%" : Kpis.Undefined;
            var whole = prorated == goal.Target;
            var zhProrated = whole ? "" : $"（本期 {range.Days} 天折合 {F(prorated)}）";
            var enProrated = whole ? "" : $" ({F(prorated)} over these {range.Days} days)";
            decimal? organizationValue = scopeIsEverything ? null : Kpis.Value(kpi.Id, everything);
            var zhPart = organizationValue is { } ov && ov != 0m && value is { } sv ? $"；占全部渠道同期 {F(ov)} 的 {Math.Floor(sv / ov * 100m).ToString("#,0", CultureInfo.InvariantCulture)}%" : "";
            var enPart = organizationValue is { } ov2 && ov2 != 0m && value is { } sv2 ? $"; {Math.Floor(sv2 / ov2 * 100m).ToString("#,0", CultureInfo.InvariantCulture)}% of all channels' {F(ov2)} in the same days" : "";
            return new EvaluationGoal(goal, kpi, value, prorated, share, share is { } m ? m >= 1m : null, organizationValue, new LocalizedText(
                $"{kpi.Name.Zh} {F(value)}，达到目标 {target}/{zhPer}{zhProrated}的 {percent}{zhPart}。",
                $"{kpi.Name.En} {F(value)} — {percent} of the goal of {target}/{enPer}{enProrated}{enPart}."));
        }

        bool? met = value is { } x ? kpi.LowerIsBetter ? x <= goal.Target : x >= goal.Target : null;
        var (zhBound, enBound) = kpi.LowerIsBetter ? ("不高于", "at most") : ("不低于", "at least");
        var (zhVerdict, enVerdict) = met switch
        {
            true => ("已达到", "met"),
            false => ("未达到", "not met"),
            _ => ("数据不足，无法判断", "not enough data to judge"),
        };
        return new EvaluationGoal(goal, kpi, value, goal.Target, null, met, null, new LocalizedText(
            $"{kpi.Name.Zh} {F(value)}，目标{zhBound} {target}（每{zhPer}）：{zhVerdict}。",
            $"{kpi.Name.En} {F(value)} — goal {enBound} {target} ({enAdjective}): {enVerdict}."));
    }

    /// <summary>How many goal periods the range is worth: the sum over its days of 1 ÷ the length of the period containing each.</summary>
    public static decimal PeriodShare(GoalPeriod period, DayRange range)
    {
        var total = 0m;
        var day = range.From;
        while (day <= range.To)
        {
            var (start, end) = GoalTracking.PeriodContaining(period, day);
            var last = end < range.To ? end : range.To;
            var days = last.DayNumber - day.DayNumber + 1;
            if (day == start && last == end)
            {
                total += 1m;
            }
            else
            {
                total += (decimal)days / (end.DayNumber - start.DayNumber + 1);
            }

            if (last == range.To)
            {
                break;
            }

            day = last.AddDays(1);
        }

        return total;
    }

    /// <summary>The share of a year the range is worth, each day counting 1 ÷ the days of its year.</summary>
    public static decimal YearShare(DayRange range) => PeriodShare(GoalPeriod.Year, range);

    private static (string Zh, string En, string EnAdjective) PerPeriod(GoalPeriod period) => period switch
    {
        GoalPeriod.Day => ("日", "day", "daily"),
        GoalPeriod.Week => ("周", "week", "weekly"),
        GoalPeriod.Month => ("月", "month", "monthly"),
        GoalPeriod.Quarter => ("季度", "quarter", "quarterly"),
        _ => ("年", "year", "yearly"),
    };

    private LocalizedText ModuleName(string id) =>
        library.Playbooks.Values.SelectMany(p => p.Modules).FirstOrDefault(m => m.Id == id)?.Name ?? new LocalizedText(id, id);

    private static decimal? Money(long? e4) => e4 is { } v ? v / 10_000m : null;

    /// <summary>The part of a campaign's budget that falls in the range by days of its dates; the whole when its dates are not both set.</summary>
    private static decimal? PlannedInRange(Campaign campaign, DayRange range)
    {
        if (Money(campaign.PlannedBudgetE4) is not { } budget)
        {
            return null;
        }

        if (campaign.StartsOn is not { } start || campaign.EndsOn is not { } end || end < start)
        {
            return budget;
        }

        var from = start > range.From ? start : range.From;
        var to = end < range.To ? end : range.To;
        var overlap = Math.Max(0, to.DayNumber - from.DayNumber + 1);
        return overlap == end.DayNumber - start.DayNumber + 1 ? budget : budget * overlap / (end.DayNumber - start.DayNumber + 1);
    }

    private static bool Overlaps(Campaign campaign, DayRange range) =>
        (campaign.StartsOn ?? campaign.EndsOn) is { } start && (campaign.EndsOn ?? campaign.StartsOn) is { } end
        && start <= range.To && end >= range.From;

    private static MetricTotals Sum(IEnumerable<Campaign> campaigns, Dictionary<long, MetricTotals> totals) =>
        campaigns.Aggregate(MetricTotals.Zero, (t, c) => totals.TryGetValue(c.Id, out var v) ? t + v : t);

    /// <summary>From the earliest start (or first day with data) to the latest end (or last day with data) of the campaigns.</summary>
    private static DayRange? SpanOf(IEnumerable<Campaign> campaigns)
    {
        DateOnly? first = null, last = null;
        foreach (var c in campaigns)
        {
            var from = c.StartsOn ?? (c.FirstDay is { } f ? DateOnly.FromDayNumber(f) : null);
            var to = c.EndsOn ?? (c.LastDay is { } l ? DateOnly.FromDayNumber(l) : null);
            from ??= to;
            to ??= from;
            if (from is { } a && to is { } b && a <= b)
            {
                first = first is { } x && x < a ? x : a;
                last = last is { } y && y > b ? y : b;
            }
        }

        return first is { } start && last is { } end ? new DayRange(start, end) : null;
    }
}
