using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Formation.Domain.Text;

namespace Formation.Domain.Metrics;

/// <summary>How a KPI's value reads and is shown.</summary>
public enum KpiKind
{
    /// <summary>A whole number of things: 1,234,567.</summary>
    Count,

    /// <summary>An amount of money: ¥1,234.57.</summary>
    Money,

    /// <summary>A share, held as a fraction and shown as a percentage: 0.0235 → 2.35%.</summary>
    Ratio,

    /// <summary>How many times one amount covers another: 3.25.</summary>
    Multiple,

    /// <summary>Money per unit (per click, per thousand impressions, per order…): ¥2.35.</summary>
    MoneyRatio,
}

/// <summary>One KPI the data module computes from <see cref="MetricTotals"/>.</summary>
/// <param name="Id">The id in playbooks/vocabulary.yaml and in profile goals.</param>
/// <param name="Additive">True when the KPI is a sum (counts and money), so a period's value grows with its days.</param>
/// <param name="LowerIsBetter">True for the costs per unit, where a goal is a ceiling.</param>
public sealed record KpiDefinition(string Id, LocalizedText Name, KpiKind Kind, bool Additive, bool LowerIsBetter);

/// <summary>
/// The sixteen KPIs computed from imported data: their definitions, values and display. A ratio whose
/// denominator is zero is undefined and comes back as null, shown as "—" (docs/decisions/0013).
/// </summary>
public static class Kpis
{
    /// <summary>What an undefined value is shown as.</summary>
    public const string Undefined = "—";

    private static readonly (KpiDefinition Definition, Func<MetricTotals, decimal?> Compute)[] s_list =
        [
            (Count("impressions", "展现量", "Impressions"), t => t.Impressions),
            (Count("clicks", "点击量", "Clicks"), t => t.Clicks),
            (Ratio("ctr", "点击率", "Click-through rate (CTR)"), t => Divide(t.Clicks, t.Impressions)),
            (Money("cost", "花费", "Cost"), t => t.Cost),
            (PerUnit("cpc", "平均点击成本", "Cost per click (CPC)", lowerIsBetter: true), t => Divide(t.Cost, t.Clicks)),
            (PerUnit("cpm", "千次展现成本", "Cost per mille (CPM)", lowerIsBetter: true), t => Divide(t.Cost * 1000m, t.Impressions)),
            (Count("conversions", "转化数", "Conversions"), t => t.Conversions),
            (Ratio("cvr", "转化率", "Conversion rate (CVR)"), t => Divide(t.Conversions, t.Clicks)),
            (PerUnit("cpa", "单次转化成本", "Cost per acquisition (CPA)", lowerIsBetter: true), t => Divide(t.Cost, t.Conversions)),
            (Count("leads", "线索数", "Leads"), t => t.Leads),
            (PerUnit("cost-per-lead", "单条线索成本", "Cost per lead", lowerIsBetter: true), t => Divide(t.Cost, t.Leads)),
            (Count("orders", "订单数", "Orders"), t => t.Orders),
            (Money("revenue", "销售额", "Revenue"), t => t.Revenue),
            (PerUnit("aov", "客单价", "Average order value (AOV)", lowerIsBetter: false), t => Divide(t.Revenue, t.Orders)),
            (new KpiDefinition("roas", new("广告投入产出比", "Return on ad spend (ROAS)"), KpiKind.Multiple, false, false), t => Divide(t.Revenue, t.Cost)),
            (Ratio("roi", "投资回报率", "Return on investment (ROI)"), t => Divide(t.Revenue - t.Cost, t.Cost)),
        ];

    private static readonly Dictionary<string, (KpiDefinition Definition, Func<MetricTotals, decimal?> Compute)> s_kpis =
        s_list.ToDictionary(k => k.Definition.Id, StringComparer.Ordinal);

    /// <summary>The sixteen KPIs, in the order of the vocabulary.</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } = s_list.Select(k => k.Definition).ToList();

    /// <summary>True when <paramref name="kpiId"/> is one of the sixteen (ids are case-sensitive, as in the vocabulary).</summary>
    public static bool IsKnown([NotNullWhen(true)] string? kpiId) => kpiId is not null && s_kpis.ContainsKey(kpiId);

    /// <summary>The definition of a KPI the data module computes.</summary>
    public static bool TryGet([NotNullWhen(true)] string? kpiId, [NotNullWhen(true)] out KpiDefinition? kpi)
    {
        kpi = kpiId is not null && s_kpis.TryGetValue(kpiId, out var entry) ? entry.Definition : null;
        return kpi is not null;
    }

    /// <summary>The definition of a KPI the data module computes.</summary>
    /// <exception cref="ArgumentException">The id is not one of the sixteen.</exception>
    public static KpiDefinition Get(string kpiId) => Entry(kpiId).Definition;

    /// <summary>
    /// The KPI's value over <paramref name="totals"/>: a count or amount as summed, a ratio as a fraction
    /// (CTR 0.0235, ROI −0.125), ROAS as a multiple; null when its denominator is zero.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not one of the sixteen.</exception>
    public static decimal? Value(string kpiId, MetricTotals totals) => Entry(kpiId).Compute(totals);

    /// <summary>The relative change from <paramref name="previous"/> to <paramref name="current"/>, (current − previous) / |previous|; null when either is missing or the previous is zero.</summary>
    public static decimal? Change(decimal? current, decimal? previous) =>
        current is { } c && previous is { } p && p != 0m ? (c - p) / Math.Abs(p) : null;

    /// <summary>An amount rounded to the currency's minor unit, half away from zero: 0.005 CNY → 0.01, 0.5 JPY → 1.</summary>
    /// <exception cref="ArgumentException">The currency is null or blank.</exception>
    public static decimal RoundMoney(decimal amount, string currency) =>
        Math.Round(amount, Currencies.MinorDigits(currency), MidpointRounding.AwayFromZero);

    /// <summary>
    /// A KPI's value for display: "1,234,567", "¥1,234.57", "2.35%", "3.25", or "—" when undefined. Digits and
    /// separators are the invariant ones in both languages, which is what Chinese readers use too;
    /// <paramref name="language"/> is taken so wording can differ by language without changing callers.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not one of the sixteen, or the currency is blank for an amount of money.</exception>
    public static string Format(string kpiId, decimal? value, string currency, Language language)
    {
        var kind = Get(kpiId).Kind;
        if (value is not { } v)
        {
            return Undefined;
        }

        return kind switch
        {
            KpiKind.Count => Invariant(Math.Round(v, 0, MidpointRounding.AwayFromZero), "#,0"),
            KpiKind.Money or KpiKind.MoneyRatio => FormatMoney(v, currency),
            KpiKind.Ratio => Invariant(Math.Round(v * 100m, 2, MidpointRounding.AwayFromZero), "#,0.00") + "%",
            _ => Invariant(Math.Round(v, 2, MidpointRounding.AwayFromZero), "#,0.00"),
        };
    }

    /// <summary>An amount rounded to the currency's minor unit with its symbol: "¥1,234.57", "-$5.00", "¥1,235" for JPY, "CHF 12.50".</summary>
    /// <exception cref="ArgumentException">The currency is null or blank.</exception>
    public static string FormatMoney(decimal amount, string currency)
    {
        var digits = Currencies.MinorDigits(currency);
        var rounded = RoundMoney(amount, currency);
        var pattern = digits == 0 ? "#,0" : "#,0." + new string('0', digits);
        var text = Invariant(Math.Abs(rounded), pattern);
        return (rounded < 0m ? "-" : "") + Currencies.Prefix(currency) + text;
    }

    /// <summary>A relative change for display with one decimal and its sign: "+12.3%", "-4.0%", "0.0%"; "—" when undefined.</summary>
    public static string FormatChange(decimal? change)
    {
        if (change is not { } c)
        {
            return Undefined;
        }

        var percent = Math.Round(c * 100m, 1, MidpointRounding.AwayFromZero);
        var sign = percent > 0m ? "+" : percent < 0m ? "-" : "";
        return sign + Invariant(Math.Abs(percent), "#,0.0") + "%";
    }

    private static (KpiDefinition Definition, Func<MetricTotals, decimal?> Compute) Entry(string kpiId)
    {
        ArgumentNullException.ThrowIfNull(kpiId);
        return s_kpis.TryGetValue(kpiId, out var entry)
            ? entry
            : throw new ArgumentException($"'{kpiId}' is not a KPI computed from imported data.", nameof(kpiId));
    }

    private static decimal? Divide(decimal numerator, decimal denominator) =>
        denominator == 0m ? null : numerator / denominator;

    private static string Invariant(decimal value, string pattern) =>
        (value == 0m ? 0m : value).ToString(pattern, CultureInfo.InvariantCulture);

    private static KpiDefinition Count(string id, string zh, string en) => new(id, new(zh, en), KpiKind.Count, true, false);

    private static KpiDefinition Money(string id, string zh, string en) => new(id, new(zh, en), KpiKind.Money, true, false);

    private static KpiDefinition Ratio(string id, string zh, string en) => new(id, new(zh, en), KpiKind.Ratio, false, false);

    private static KpiDefinition PerUnit(string id, string zh, string en, bool lowerIsBetter) =>
        new(id, new(zh, en), KpiKind.MoneyRatio, false, lowerIsBetter);
}
