namespace Formation.Domain.Metrics;

/// <summary>
/// Additive sums of advertising and sales figures over some days, campaigns or channels. Every KPI is
/// computed from these sums, never by averaging ratios. Money is in the enterprise's currency; storage
/// keeps it as integer ten-thousandths (<see cref="FromStored"/>, <see cref="CostE4"/>).
/// </summary>
public readonly record struct MetricTotals(
    long Impressions,
    long Clicks,
    decimal Cost,
    long Conversions,
    long Leads,
    long Orders,
    decimal Revenue)
{
    private const decimal E4 = 10_000m;

    /// <summary>Nothing counted.</summary>
    public static MetricTotals Zero => default;

    /// <summary>Cost in ten-thousandths of the currency unit, as stored; a finer amount is rounded to the nearest, half away from zero.</summary>
    /// <exception cref="OverflowException">The amount does not fit a 64-bit integer of ten-thousandths.</exception>
    public long CostE4 => ToE4(Cost);

    /// <summary>Revenue in ten-thousandths of the currency unit, as stored; a finer amount is rounded to the nearest, half away from zero.</summary>
    /// <exception cref="OverflowException">The amount does not fit a 64-bit integer of ten-thousandths.</exception>
    public long RevenueE4 => ToE4(Revenue);

    /// <summary>Totals read from storage, where money is an integer of ten-thousandths: <c>costE4 = 12345678</c> is 1234.5678.</summary>
    public static MetricTotals FromStored(long impressions, long clicks, long costE4, long conversions, long leads, long orders, long revenueE4) =>
        new(impressions, clicks, FromE4(costE4), conversions, leads, orders, FromE4(revenueE4));

    /// <summary>The sums of both.</summary>
    /// <exception cref="OverflowException">A count passes the range of a 64-bit integer.</exception>
    public static MetricTotals operator +(MetricTotals left, MetricTotals right) => checked(new(
        left.Impressions + right.Impressions,
        left.Clicks + right.Clicks,
        left.Cost + right.Cost,
        left.Conversions + right.Conversions,
        left.Leads + right.Leads,
        left.Orders + right.Orders,
        left.Revenue + right.Revenue));

    /// <summary>What remains of <paramref name="left"/> without <paramref name="right"/>, e.g. a month without its first week.</summary>
    /// <exception cref="OverflowException">A count passes the range of a 64-bit integer.</exception>
    public static MetricTotals operator -(MetricTotals left, MetricTotals right) => checked(new(
        left.Impressions - right.Impressions,
        left.Clicks - right.Clicks,
        left.Cost - right.Cost,
        left.Conversions - right.Conversions,
        left.Leads - right.Leads,
        left.Orders - right.Orders,
        left.Revenue - right.Revenue));

    /// <summary>Same as <c>+</c>, for languages without operators.</summary>
    public static MetricTotals Add(MetricTotals left, MetricTotals right) => left + right;

    /// <summary>Same as <c>-</c>, for languages without operators.</summary>
    public static MetricTotals Subtract(MetricTotals left, MetricTotals right) => left - right;

    private static decimal FromE4(long amountE4) => amountE4 / E4;

    private static long ToE4(decimal amount) =>
        decimal.ToInt64(Math.Round(amount * E4, 0, MidpointRounding.AwayFromZero));
}
