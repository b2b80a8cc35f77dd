using System.Globalization;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Features;

/// <summary>The dashboard's figures, read from the sums imports keep, against the same sums computed from the rows imported.</summary>
public sealed class MetricQueriesTests
{
    private static readonly DateOnly s_first = SampleMetrics.First;
    private static readonly DateOnly s_last = SampleMetrics.Last;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Totals_AnyRange_EqualTheImportedRows(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org);
        await using var db = org.Context();
        var queries = new MetricQueries(db);

        foreach (var range in Ranges())
        {
            (await queries.TotalsAsync(range)).ShouldBe(SampleMetrics.Expected(rows, range), $"{range}");
        }

        var douyin = await db.Channels.SingleAsync(c => c.Name == "抖音");
        var november = DayRange.MonthOf(new DateOnly(2026, 11, 1));
        (await queries.TotalsAsync(november, douyin.Id)).ShouldBe(SampleMetrics.Expected(rows, november, r => r.Channel == "抖音"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Trend_ByWeek_CutsTheEdgesToTheRangeAndLeavesNoGaps(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org);
        await using var db = org.Context();
        var queries = new MetricQueries(db);
        var range = new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 10)); // a Sunday to a Thursday, past the data

        var weeks = await queries.TrendAsync(range, TimeGrain.Week);
        var days = await queries.TrendAsync(range, TimeGrain.Day);
        var months = await queries.TrendAsync(range, TimeGrain.Month);

        weeks[0].ShouldBe(new TrendPoint(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), SampleMetrics.Expected(rows, new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1)))));
        weeks[1].Start.ShouldBe(new DateOnly(2026, 11, 2));
        weeks[1].End.ShouldBe(new DateOnly(2026, 11, 8));
        weeks[^1].End.ShouldBe(range.To);
        weeks.Zip(weeks.Skip(1)).ShouldAllBe(p => p.First.End.AddDays(1) == p.Second.Start);
        foreach (var week in weeks)
        {
            week.Totals.ShouldBe(SampleMetrics.Expected(rows, new DayRange(week.Start, week.End)));
        }

        days.Count.ShouldBe(range.Days);
        days[^1].Totals.ShouldBe(MetricTotals.Zero); // no data after 12-05, still a point
        months.Select(m => (m.Start, m.End)).ShouldBe([(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (new DateOnly(2026, 12, 1), range.To)]);
        months.Aggregate(MetricTotals.Zero, (t, m) => t + m.Totals).ShouldBe(SampleMetrics.Expected(rows, range));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Breakdown_ByCampaignModuleAndPost_EqualsTheRowsForWholeAndPartialMonths(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org);
        await using var db = org.Context();
        var baidu = await db.Channels.SingleAsync(c => c.Name == "百度搜索");
        var douyin = await db.Channels.SingleAsync(c => c.Name == "抖音");
        douyin.ModuleId = "short-video";
        douyin.PostId = "specialist";
        var brand = await db.Campaigns.SingleAsync(c => c.Name == "品牌词");
        brand.ModuleId = "sem";
        brand.PostId = "promoter";
        await db.SaveChangesAsync();
        var queries = new MetricQueries(db);

        foreach (var range in Ranges())
        {
            var campaigns = await queries.BreakdownAsync(MetricDimension.Campaign, range);
            foreach (var name in new[] { "品牌词", "通用词", "信息流" })
            {
                var expected = SampleMetrics.Expected(rows, range, r => r.Campaign == name);
                (campaigns.SingleOrDefault(c => c.Name == name)?.Totals ?? MetricTotals.Zero).ShouldBe(expected, $"{name} {range}");
            }

            var modules = await queries.BreakdownAsync(MetricDimension.Module, range);
            Group(modules, "sem").ShouldBe(SampleMetrics.Expected(rows, range, r => r.Campaign == "品牌词"), $"sem {range}");
            Group(modules, "short-video").ShouldBe(SampleMetrics.Expected(rows, range, r => r.Channel == "抖音"), $"short-video {range}"); // from the channel
            Group(modules, "").ShouldBe(SampleMetrics.Expected(rows, range, r => r.Campaign == "通用词"), $"not linked {range}");

            var posts = await queries.BreakdownAsync(MetricDimension.Post, range);
            Group(posts, "promoter").ShouldBe(SampleMetrics.Expected(rows, range, r => r.Campaign == "品牌词"));
            Group(posts, "specialist").ShouldBe(SampleMetrics.Expected(rows, range, r => r.Channel == "抖音"));

            var channels = await queries.BreakdownAsync(MetricDimension.Channel, range);
            Group(channels, baidu.Id.ToString(CultureInfo.InvariantCulture)).ShouldBe(SampleMetrics.Expected(rows, range, r => r.Channel == "百度搜索"));
        }

        var onlyDouyin = await queries.BreakdownAsync(MetricDimension.Campaign, DayRange.MonthOf(new DateOnly(2026, 11, 1)), douyin.Id);
        onlyDouyin.Select(c => c.Name).ShouldBe(["信息流"]);
        var partial = new DayRange(new DateOnly(2026, 10, 31), new DateOnly(2026, 12, 1)); // partial months on both ends
        var perCampaign = await queries.CampaignTotalsAsync(partial, douyin.Id);
        perCampaign.Keys.ShouldBe([(await db.Campaigns.SingleAsync(c => c.Name == "信息流")).Id]);
        perCampaign.Values.Single().ShouldBe(SampleMetrics.Expected(rows, partial, r => r.Channel == "抖音"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queries_AnotherOrganizationsData_IsNeverCounted(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        SampleMetrics.Import(org);
        Guid other;
        await using (var context = org.Db.Target.CreateContext())
        {
            other = Guid.NewGuid();
            context.Organizations.Add(new Formation.Application.Data.Organization { Id = other, Name = "Other", Currency = "CNY", CreatedAt = DateTime.UtcNow });
            await context.SaveChangesAsync();
        }

        await using var db = org.Db.Target.CreateContext();
        db.OrganizationId = other;
        var queries = new MetricQueries(db);
        var range = new DayRange(s_first, s_last);

        (await queries.TotalsAsync(range)).ShouldBe(MetricTotals.Zero);
        (await queries.BreakdownAsync(MetricDimension.Campaign, range)).ShouldBeEmpty();
        (await queries.CampaignTotalsAsync(new DayRange(new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 30)))).ShouldBeEmpty();
        (await queries.DataRangeAsync()).ShouldBeNull();
    }

    [Fact]
    public void Previous_WholeMonths_IsTheMonthsBefore_ElseTheDaysBefore()
    {
        new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)).Previous().ShouldBe(new DayRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        new DayRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)).Previous().ShouldBe(new DayRange(new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)));
        new DayRange(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 16)).Previous().ShouldBe(new DayRange(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 9)));
        new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 15)).Previous().ShouldBe(new DayRange(new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28)));
    }

    /// <summary>Ranges with and without whole months, starting and ending inside months, and one inside a single month.</summary>
    private static IEnumerable<DayRange> Ranges() =>
    [
        new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)),
        new(new DateOnly(2026, 10, 31), new DateOnly(2026, 12, 1)),
        new(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)),
        new(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 20)),
        new(new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 31)),
        new(new DateOnly(2026, 10, 28), new DateOnly(2026, 11, 29)), // two months in part, none whole
        new(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)),
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), // a whole calendar year
        new(new DateOnly(2026, 9, 30), new DateOnly(2027, 2, 14)), // whole months across the year's end
        new(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31)),
    ];

    private static MetricTotals Group(IReadOnlyList<MetricGroup> groups, string key) =>
        groups.SingleOrDefault(g => g.Key == key)?.Totals ?? MetricTotals.Zero;
}
