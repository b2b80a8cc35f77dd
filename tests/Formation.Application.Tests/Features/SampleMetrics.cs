using System.Globalization;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;

namespace Formation.Application.Tests.Features;

/// <summary>One imported daily row of <see cref="SampleMetrics"/>, as the file had it.</summary>
internal sealed record SampleRow(DateOnly Day, string Channel, string Campaign, string Segment, MetricTotals Totals);

/// <summary>
/// The figures the metric query and evaluation tests import: three campaigns in two channels (百度搜索's 品牌词 in two
/// segments, 通用词, and 抖音's 信息流), every day from 2026-10-25 to 2026-12-05, figures varying by day, with what
/// the rows sum to for any range for the tests to compare with.
/// </summary>
internal static class SampleMetrics
{
    public static readonly DateOnly First = new(2026, 10, 25);
    public static readonly DateOnly Last = new(2026, 12, 5);

    /// <summary>Imports the rows into <paramref name="org"/>; <paramref name="leadsAtLeastOne"/> gives every row a lead.</summary>
    public static List<SampleRow> Import(TestOrganization org, bool leadsAtLeastOne = false)
    {
        var rows = new List<SampleRow>();
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var d = day.DayNumber;
            foreach (var (channel, campaign, segment) in new[] { ("百度搜索", "品牌词", "组A"), ("百度搜索", "品牌词", "组B"), ("百度搜索", "通用词", ""), ("抖音", "信息流", "") })
            {
                var k = d + campaign.Length + segment.Length;
                var orders = k % 3 == 0 ? 1 : 0;
                var leads = (k % 2) + (leadsAtLeastOne ? 1 : 0);
                rows.Add(new SampleRow(day, channel, campaign, segment, new MetricTotals(100 + (k % 7 * 10), 10 + (k % 3), ((k % 5) + 1) * 1.25m, k % 4, leads, orders, orders * 99.9m)));
            }
        }

        org.Import(rows.Select(r => string.Join(',',
            r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Channel, r.Campaign, r.Segment,
            r.Totals.Impressions, r.Totals.Clicks, r.Totals.Cost.ToString(CultureInfo.InvariantCulture), r.Totals.Conversions,
            r.Totals.Leads, r.Totals.Orders, r.Totals.Revenue.ToString(CultureInfo.InvariantCulture))));
        return rows;
    }

    /// <summary>What the rows within <paramref name="range"/> (those <paramref name="where"/> keeps) sum to.</summary>
    public static MetricTotals Expected(IEnumerable<SampleRow> rows, DayRange range, Func<SampleRow, bool>? where = null) =>
        rows.Where(r => r.Day >= range.From && r.Day <= range.To && (where is null || where(r)))
            .Aggregate(MetricTotals.Zero, (t, r) => t + r.Totals);
}
