using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Staffing;
using Formation.Domain.Text;

namespace Formation.Domain.Planning;

/// <summary>The department a strategy needs: the planning engine's answer (PRODUCT §3 M1).</summary>
public sealed record Blueprint(
    string EnterpriseName,
    EnterpriseKind Kind,
    string Currency,
    IReadOnlyList<string> Models,
    PlanAssumptions Assumptions,
    HeadcountSummary Headcount,
    IReadOnlyList<PlannedPost> Posts,
    ConsultingPlan? Consulting,
    CostSummary Cost,
    IReadOnlyList<MakeOrBuyDecision> MakeOrBuy,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RoadmapStage> Roadmap,
    IReadOnlyList<PlannedActivity> Activities,
    IReadOnlyDictionary<string, LocalizedText> Glossary,
    IReadOnlyList<GoalOwnership> Goals)
{
    /// <summary>The display name of a skill, KPI or playbook id used in this plan, or the id itself.</summary>
    public LocalizedText NameOf(string id) => Glossary.TryGetValue(id, out var name) ? name : new LocalizedText(id, id);

    /// <summary>True when a finding has error severity (what <c>formation check</c> exits 1 on).</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
}

/// <summary>The figures the plan was computed with, so a reader can redo the arithmetic.</summary>
/// <param name="ProductiveHoursPerPersonWeek">Work hours per week × (1 − shrinkage).</param>
/// <param name="LoadedCostPerPersonYear">Annual cost of one person.</param>
public sealed record PlanAssumptions(double ProductiveHoursPerPersonWeek, decimal LoadedCostPerPersonYear, double WorkHoursPerWeek, double Shrinkage);

/// <summary>Head count in total and by function; fractional when a post is shared (half a person).</summary>
public sealed record HeadcountSummary(decimal Total, IReadOnlyDictionary<BusinessFunction, decimal> ByFunction);

/// <summary>A post of the blueprint.</summary>
/// <param name="ReportsTo">Post id of the line manager, or <c>owner</c>.</param>
/// <param name="Justification">The activities and rules that created the post and sized it.</param>
/// <param name="WorkloadHoursPerWeek">Steady-state productive hours per week of the post's activities.</param>
/// <param name="WorkloadFte">Workload in full-time equivalents.</param>
/// <param name="SetupHours">One-off set-up hours of the post's activities.</param>
/// <param name="People">Members of the existing team holding this post.</param>
public sealed record PlannedPost(
    string Id,
    LocalizedText Title,
    BusinessFunction Function,
    decimal Headcount,
    string ReportsTo,
    IReadOnlyList<Phase> Phases,
    IReadOnlyList<Duty> Duties,
    IReadOnlyList<string> Skills,
    IReadOnlyList<LocalizedText> Justification,
    double WorkloadHoursPerWeek,
    double WorkloadFte,
    double SetupHours,
    IReadOnlyList<string> People);

/// <summary>Who carries out an activity.</summary>
public enum ActivityOwner
{
    /// <summary>A post of the department.</summary>
    InHouse,

    /// <summary>An agency under an outsourcing contract, managed by the department.</summary>
    Outsourced,

    /// <summary>The sales department (consulting owned by sales).</summary>
    Sales,

    /// <summary>Another department named in <c>department.handledElsewhere</c>.</summary>
    OtherDepartment,

    /// <summary>Nobody: its function is not in the department.</summary>
    Unowned,
}

/// <summary>An activity of the chosen playbooks as planned.</summary>
/// <param name="HoursPerWeek">Steady-state productive hours per week; an Erlang C activity carries its share of the desk's seat-hours (or handling time).</param>
/// <param name="Post">The post of the plan that holds it (after merges), or null when it is not in-house.</param>
/// <param name="CheckedBy">The post that checks its checkpoint in this plan.</param>
public sealed record PlannedActivity(Activity Activity, double HoursPerWeek, ActivityOwner Owner, string? Post, string CheckedBy);

/// <summary>Consulting desk sizing by Erlang C for the peak hour and the rest of the opening hours.</summary>
/// <param name="Peak">The peak-hour Erlang C answer.</param>
/// <param name="PeakContactsPerHour">Inquiries in the busiest hour.</param>
/// <param name="OffPeakAgents">Agents on duty in an average off-peak hour.</param>
/// <param name="SeatHoursPerWeek">Agent hours on duty per week across the opening hours.</param>
/// <param name="HandleHoursPerWeek">Hours per week actually spent handling inquiries (contacts × effective handle time).</param>
/// <param name="DedicatedDesk">True when consultants staff a desk through the opening hours (charged seat-hours);
/// false when inquiries are answered between other work (charged handling time): a traditional enterprise, or too
/// little traffic to keep a desk busy.</param>
/// <param name="Positions">Consultants in the plan.</param>
public sealed record ConsultingPlan(
    ErlangCResult Peak,
    double PeakContactsPerHour,
    int OffPeakAgents,
    double SeatHoursPerWeek,
    double HandleHoursPerWeek,
    bool DedicatedDesk,
    decimal Positions)
{
    /// <summary>Share of the staffed desk's time spent handling inquiries.</summary>
    public double DeskOccupancy => SeatHoursPerWeek > 0 ? HandleHoursPerWeek / SeatHoursPerWeek : 0;
}

/// <summary>Annual cost of the department.</summary>
/// <param name="InHouseAnnual">People in the department × loaded cost.</param>
/// <param name="OutsourcingAnnual">Outsourcing contracts the plan takes up.</param>
/// <param name="TotalAnnual">In-house plus outsourcing.</param>
/// <param name="Budget">The strategy's annual budget, if set.</param>
public sealed record CostSummary(
    decimal InHouseAnnual,
    IReadOnlyDictionary<BusinessFunction, decimal> ByFunction,
    decimal OutsourcingAnnual,
    decimal TotalAnnual,
    decimal? Budget);

/// <summary>Whether to staff a function or buy it.</summary>
public enum MakeOrBuyRecommendation
{
    /// <summary>Staff it in the department.</summary>
    InHouse,

    /// <summary>Contract it out.</summary>
    Outsource,
}

/// <summary>A function's in-house cost against its outsourcing quote.</summary>
/// <param name="InHouseHeadcount">People the function needs in-house.</param>
/// <param name="Saving">In-house minus outsourced: what outsourcing saves (negative when it costs more).</param>
/// <param name="KeptInHouse">True when the profile keeps the function in-house whatever the quote.</param>
public sealed record MakeOrBuyDecision(
    BusinessFunction Function,
    decimal InHouseHeadcount,
    decimal InHouseAnnual,
    decimal OutsourceAnnual,
    decimal Saving,
    MakeOrBuyRecommendation Recommendation,
    bool KeptInHouse);

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>The plan cannot work as it stands.</summary>
    Error,

    /// <summary>The plan works but departs from the sources' rules; decide deliberately.</summary>
    Warning,

    /// <summary>Worth knowing.</summary>
    Info,
}

/// <summary>A result of the consistency check, with a stable rule id and an explanation of what to do.</summary>
/// <param name="Subject">What it is about: a post, person, function, KPI or activity id.</param>
public sealed record Finding(string Rule, Severity Severity, LocalizedText Message, string? Subject);

/// <summary>A stage of the zero-to-one roadmap with the criteria that close it.</summary>
/// <param name="Hires">Posts and head count to bring in during this stage.</param>
public sealed record RoadmapStage(int Stage, LocalizedText Name, LocalizedText Gate, IReadOnlyList<RoadmapHire> Hires);

/// <summary>A goal of the strategy and who in the plan works toward it.</summary>
/// <param name="Posts">Posts of the plan whose activities drive the goal's KPI.</param>
/// <param name="Others">Owners outside the department that drive it: "outsourced", "sales", "other-department".</param>
public sealed record GoalOwnership(Goal Goal, IReadOnlyList<string> Posts, IReadOnlyList<string> Others);

/// <summary>Head count of one post to bring in at a roadmap stage.</summary>
public sealed record RoadmapHire(string Post, decimal Headcount);
