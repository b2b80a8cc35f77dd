using Formation.Domain.Text;

namespace Formation.Domain.Planning;

/// <summary>
/// The department's functions (PRODUCT §2.4). <see cref="Management"/> is implicit: the manager,
/// planner and single-post specialist belong to it and it is never outsourced.
/// </summary>
public enum BusinessFunction
{
    /// <summary>Department management and planning (manager, planner).</summary>
    Management,

    /// <summary>Platform construction and maintenance: site or shop content plan, development, maintenance, security.</summary>
    Platform,

    /// <summary>Network promotion, the core function.</summary>
    Promotion,

    /// <summary>Online consulting and after-sales service; may sit in the sales department instead.</summary>
    Consulting,

    /// <summary>Network PR and public-opinion monitoring.</summary>
    Pr,

    /// <summary>Optional IT support: LAN, OA, equipment.</summary>
    ItSupport,

    /// <summary>Settlement, warehousing and logistics of online retail.</summary>
    Fulfilment,
}

/// <summary>The three phases of the source's team-configuration table (PRODUCT §2.3).</summary>
public enum Phase
{
    /// <summary>Planning.</summary>
    Planning,

    /// <summary>Implementation.</summary>
    Implementation,

    /// <summary>Evaluation.</summary>
    Evaluation,
}

/// <summary>How often an activity recurs.</summary>
public enum Cadence
{
    /// <summary>A one-off piece of set-up work.</summary>
    Once,

    /// <summary>Every working day.</summary>
    Daily,

    /// <summary>Every week.</summary>
    Weekly,

    /// <summary>Every other week.</summary>
    Biweekly,

    /// <summary>Every month.</summary>
    Monthly,

    /// <summary>Every quarter.</summary>
    Quarterly,
}

/// <summary>A profile volume that an activity's effort scales with.</summary>
public enum VolumeDriver
{
    /// <summary>Online inquiries per day.</summary>
    InquiriesPerDay,

    /// <summary>Orders per day.</summary>
    OrdersPerDay,

    /// <summary>Content pieces published per week.</summary>
    ContentPiecesPerWeek,

    /// <summary>Number of SKUs kept on sale.</summary>
    SkuCount,
}

/// <summary>The ids of the vocabulary enums as they appear in files, on the command line and in JSON.</summary>
public static class Ids
{
    private static readonly Dictionary<BusinessFunction, string> s_functionIds = new()
    {
        [BusinessFunction.Management] = "management",
        [BusinessFunction.Platform] = "platform",
        [BusinessFunction.Promotion] = "promotion",
        [BusinessFunction.Consulting] = "consulting",
        [BusinessFunction.Pr] = "pr",
        [BusinessFunction.ItSupport] = "it-support",
        [BusinessFunction.Fulfilment] = "fulfilment",
    };

    private static readonly Dictionary<BusinessFunction, LocalizedText> s_functionNames = new()
    {
        [BusinessFunction.Management] = new("管理与策划", "Management and planning"),
        [BusinessFunction.Platform] = new("平台建设与维护", "Platform"),
        [BusinessFunction.Promotion] = new("网络推广", "Promotion"),
        [BusinessFunction.Consulting] = new("在线咨询与售后", "Online consulting"),
        [BusinessFunction.Pr] = new("网络公关与舆情", "PR and public opinion"),
        [BusinessFunction.ItSupport] = new("IT 支持", "IT support"),
        [BusinessFunction.Fulfilment] = new("结算与仓储物流", "Settlement and fulfilment"),
    };

    private static readonly Dictionary<string, BusinessFunction> s_functionsById =
        s_functionIds.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Function ids a profile may list in <c>department.functions</c> (all but management).</summary>
    public static IReadOnlyList<string> SelectableFunctionIds { get; } =
        s_functionIds.Where(p => p.Key != BusinessFunction.Management).Select(p => p.Value).ToArray();

    /// <summary>The id of a function.</summary>
    public static string ToId(this BusinessFunction function) => s_functionIds[function];

    /// <summary>The display name of a function.</summary>
    public static LocalizedText DisplayName(this BusinessFunction function) => s_functionNames[function];

    /// <summary>Parses a function id.</summary>
    public static bool TryParseFunction(string id, out BusinessFunction function) =>
        s_functionsById.TryGetValue(id, out function);

    /// <summary>The id of a phase.</summary>
    public static string ToId(this Phase phase) => phase switch
    {
        Phase.Planning => "planning",
        Phase.Implementation => "implementation",
        _ => "evaluation",
    };

    /// <summary>The display name of a phase.</summary>
    public static LocalizedText DisplayName(this Phase phase) => phase switch
    {
        Phase.Planning => new("规划阶段", "Planning"),
        Phase.Implementation => new("实施阶段", "Implementation"),
        _ => new("评估阶段", "Evaluation"),
    };

    /// <summary>The id of a cadence.</summary>
    public static string ToId(this Cadence cadence) => cadence.ToString().ToLowerInvariant();

    /// <summary>The id of a volume driver (the profile key it reads).</summary>
    public static string ToId(this VolumeDriver driver) => driver switch
    {
        VolumeDriver.InquiriesPerDay => "inquiriesPerDay",
        VolumeDriver.OrdersPerDay => "ordersPerDay",
        VolumeDriver.ContentPiecesPerWeek => "contentPiecesPerWeek",
        _ => "skuCount",
    };

    /// <summary>The id of who carries out an activity.</summary>
    public static string ToId(this ActivityOwner owner) => owner switch
    {
        ActivityOwner.InHouse => "in-house",
        ActivityOwner.Outsourced => "outsourced",
        ActivityOwner.Sales => "sales",
        ActivityOwner.OtherDepartment => "other-department",
        _ => "unowned",
    };

    /// <summary>The display name of a volume driver, per unit.</summary>
    public static LocalizedText DisplayName(this VolumeDriver driver) => driver switch
    {
        VolumeDriver.InquiriesPerDay => new("每个咨询（按每日咨询量）", "per inquiry a day"),
        VolumeDriver.OrdersPerDay => new("每笔订单（按每日订单量）", "per order a day"),
        VolumeDriver.ContentPiecesPerWeek => new("每篇内容（按每周篇数）", "per content piece a week"),
        _ => new("每个 SKU", "per SKU"),
    };

    /// <summary>Parses an enum by its id, for the small closed sets above.</summary>
    public static bool TryParse<T>(string id, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(IdOf(candidate), id, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>All ids of a small closed set, for error messages.</summary>
    public static IReadOnlyList<string> AllIds<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(v => IdOf(v)).ToArray();

    private static string IdOf<T>(T value)
        where T : struct, Enum => value switch
        {
            BusinessFunction f => f.ToId(),
            Phase p => p.ToId(),
            Cadence c => c.ToId(),
            VolumeDriver d => d.ToId(),
            _ => value.ToString().ToLowerInvariant(),
        };
}
