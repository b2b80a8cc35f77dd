using Formation.Domain.Planning;

namespace Formation.Domain.Profiles;

/// <summary>Whether the business lives online or is a traditional business starting out online (PRODUCT §2.4).</summary>
public enum EnterpriseKind
{
    /// <summary>Network-oriented: the department usually has 3–10 people.</summary>
    NetworkOriented,

    /// <summary>Traditional: often one post, or half of one, inside the market department.</summary>
    Traditional,
}

/// <summary>Who runs online consulting and after-sales service.</summary>
public enum ConsultingOwner
{
    /// <summary>The network marketing department.</summary>
    Marketing,

    /// <summary>The sales department.</summary>
    Sales,
}

/// <summary>The period a goal's target is counted over.</summary>
public enum GoalPeriod
{
    /// <summary>Per day.</summary>
    Day,

    /// <summary>Per week.</summary>
    Week,

    /// <summary>Per month.</summary>
    Month,

    /// <summary>Per quarter.</summary>
    Quarter,

    /// <summary>Per year.</summary>
    Year,
}

/// <summary>What an owner writes down about the company and its strategy; the planning engine's only input (PRODUCT §5).</summary>
public sealed record EnterpriseProfile(
    EnterpriseInfo Enterprise,
    StrategyInfo Strategy,
    DepartmentInfo Department,
    VolumeInfo Volume,
    OutsourcingInfo Outsourcing,
    IReadOnlyList<TeamMember> Team);

/// <summary>The company.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Network-oriented or traditional.</param>
/// <param name="Industry">Free-text industry.</param>
/// <param name="Currency">ISO 4217 code of all money amounts in the profile.</param>
/// <param name="LoadedCostPerPersonYear">Fully loaded annual cost of one employee (wages and benefits).</param>
/// <param name="WorkHoursPerWeek">Contracted hours of one full-time person per week.</param>
public sealed record EnterpriseInfo(
    string Name,
    EnterpriseKind Kind,
    string? Industry,
    string Currency,
    decimal LoadedCostPerPersonYear,
    double WorkHoursPerWeek);

/// <summary>The marketing strategy.</summary>
/// <param name="Models">Playbook ids; the first is the primary model.</param>
/// <param name="AnnualBudget">The department's annual budget (people and outsourcing), if set.</param>
public sealed record StrategyInfo(
    IReadOnlyList<string> Models,
    decimal? AnnualBudget,
    IReadOnlyList<Goal> Goals,
    Swot Swot,
    IReadOnlyList<Risk> Risks);

/// <summary>A target for one KPI over a period.</summary>
public sealed record Goal(string Kpi, decimal Target, GoalPeriod Period);

/// <summary>Strengths, weaknesses, opportunities and threats, as the owner sees them.</summary>
public sealed record Swot(
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Weaknesses,
    IReadOnlyList<string> Opportunities,
    IReadOnlyList<string> Threats)
{
    /// <summary>No analysis written yet.</summary>
    public static Swot Empty { get; } = new([], [], [], []);
}

/// <summary>A risk with likelihood and impact on a 1–5 scale.</summary>
public sealed record Risk(string Name, int Likelihood, int Impact, string? Mitigation)
{
    /// <summary>Likelihood × impact, 1–25.</summary>
    public int Score => Likelihood * Impact;
}

/// <summary>What the department is responsible for.</summary>
/// <param name="Functions">Functions the department runs, in-house or through an outsourcing contract.</param>
/// <param name="ConsultingOwnedBy">Where online consulting sits.</param>
/// <param name="HandledElsewhere">Functions another department runs (e.g. fulfilment in operations); their activities are not staffed here.</param>
public sealed record DepartmentInfo(
    IReadOnlyList<BusinessFunction> Functions,
    ConsultingOwner ConsultingOwnedBy,
    IReadOnlyList<BusinessFunction> HandledElsewhere);

/// <summary>Business volumes that drive workload and consulting staffing.</summary>
public sealed record VolumeInfo
{
    /// <summary>Online inquiries (chats, calls, forms) per day.</summary>
    public double InquiriesPerDay { get; init; }

    /// <summary>Share of a day's inquiries that arrive in its busiest hour.</summary>
    public double PeakHourShare { get; init; } = 0.15;

    /// <summary>Average handle time of one inquiry, handled alone.</summary>
    public double AverageHandleSeconds { get; init; } = 180;

    /// <summary>Chats one consultant handles at once (1–5; 1 for phone).</summary>
    public int ConcurrentChats { get; init; } = 1;

    /// <summary>Service-level target: share answered within <see cref="TargetAnswerSeconds"/>.</summary>
    public double ServiceLevel { get; init; } = 0.8;

    /// <summary>Answer-time threshold of the service level.</summary>
    public double TargetAnswerSeconds { get; init; } = 20;

    /// <summary>Share of paid time not available for work (breaks, meetings, training, leave).</summary>
    public double Shrinkage { get; init; } = 0.3;

    /// <summary>Hours per day the consulting desk is open.</summary>
    public double CoverageHoursPerDay { get; init; } = 8;

    /// <summary>Days per week the business takes inquiries and orders.</summary>
    public int OperatingDaysPerWeek { get; init; } = 7;

    /// <summary>Optional cap on consultants' occupancy.</summary>
    public double? MaxOccupancy { get; init; }

    /// <summary>Content pieces published per week.</summary>
    public double ContentPiecesPerWeek { get; init; }

    /// <summary>SKUs kept on sale.</summary>
    public double SkuCount { get; init; }

    /// <summary>Orders per day.</summary>
    public double OrdersPerDay { get; init; }
}

/// <summary>Outsourcing quotes and decisions.</summary>
/// <param name="Quotes">Annual price per function quoted by an agency.</param>
/// <param name="KeepInHouse">Functions to keep in-house whatever the quote.</param>
public sealed record OutsourcingInfo(
    IReadOnlyDictionary<BusinessFunction, decimal> Quotes,
    IReadOnlyList<BusinessFunction> KeepInHouse)
{
    /// <summary>No quotes.</summary>
    public static OutsourcingInfo None { get; } = new(new Dictionary<BusinessFunction, decimal>(), []);
}

/// <summary>A person already employed, the post they hold and the skills they have.</summary>
public sealed record TeamMember(string Name, string Post, IReadOnlyList<string> Skills);
