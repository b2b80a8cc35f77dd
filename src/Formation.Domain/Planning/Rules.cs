namespace Formation.Domain.Planning;

/// <summary>Stable ids of the consistency findings; documented in docs/findings.md.</summary>
public static class FindingRules
{
    public const string SkillGap = "SKILL-GAP";
    public const string SkillMismatch = "SKILL-MISMATCH";
    public const string ActivityUnowned = "ACTIVITY-UNOWNED";
    public const string KpiUnowned = "KPI-UNOWNED";
    public const string PlatformMin = "PLATFORM-MIN";
    public const string PromotionCopy = "PROMOTION-COPY";
    public const string SpanOfControl = "SPAN-OF-CONTROL";
    public const string DeptSize = "DEPT-SIZE";
    public const string BudgetOver = "BUDGET-OVER";
    public const string ServiceLevel = "SERVICE-LEVEL";
    public const string Vacancy = "VACANCY";
    public const string Outsource = "OUTSOURCE";
    public const string ConsultingRange = "CONSULTING-RANGE";
    public const string NoInquiryVolume = "NO-INQUIRY-VOLUME";
    public const string ConsultingLowLoad = "CONSULTING-LOW-LOAD";
    public const string VolumeMissing = "VOLUME-MISSING";
    public const string FunctionIdle = "FUNCTION-IDLE";
}

/// <summary>
/// The staffing rules' numbers (PRODUCT §2.4) and the engine's own thresholds, in one place so a
/// reader can find and question them (docs/decisions/0004-staffing-rules.md).
/// </summary>
public static class StaffingRules
{
    /// <summary>A post whose workload is under this many FTE merges into a related post instead of standing alone.</summary>
    public const double MinStandaloneFte = 0.5;

    /// <summary>Workload up to this much over a whole person is absorbed rather than hiring another (1.08 FTE → 1 person).</summary>
    public const double RoundingTolerance = 0.1;

    /// <summary>The platform needs at least this many people: a front-end editor and a back-end engineer.</summary>
    public const int PlatformMinimum = 2;

    /// <summary>The most direct reports of a manager or supervisor.</summary>
    public const int MaxSpan = 5;

    /// <summary>The fewest direct reports a supervisor is worth having for.</summary>
    public const int MinSpan = 2;

    /// <summary>Usual size of a network-oriented enterprise's department.</summary>
    public const int NetworkDeptMin = 3;

    /// <summary>Usual size of a network-oriented enterprise's department.</summary>
    public const int NetworkDeptMax = 10;

    /// <summary>A traditional enterprise's department beyond this size is unusual.</summary>
    public const int TraditionalDeptMax = 3;

    /// <summary>A traditional enterprise whose in-house work is at most this many FTE gets one (possibly shared) post.</summary>
    public const double SpecialistMaxFte = 1.0;

    /// <summary>Consulting teams are commonly 1–10 people.</summary>
    public const int ConsultingUsualMax = 10;

    /// <summary>A staffed consulting desk busier than this share of its time is worth keeping; below it, inquiries are answered between other work.</summary>
    public const double MinDeskOccupancy = 0.15;

    /// <summary>In skill fit, the weight of an activity's primary (first-listed) skill; the rest share the remainder.</summary>
    public const double PrimarySkillWeight = 0.7;

    /// <summary>A person whose skills cover less than this share of their post's work does not fit it.</summary>
    public const double SkillFitThreshold = 0.5;
}
