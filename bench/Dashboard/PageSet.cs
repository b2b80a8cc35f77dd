using Formation.Application.Data;
using Formation.Application.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Formation.Bench.Dashboard;

/// <summary>
/// The queries one request for the dashboard runs (DashboardModel.OnGetAsync), in its order and on a context of its
/// own as a request gets one; the goal board is left out, since it needs an accepted plan.
/// </summary>
internal static class PageSet
{
    public static async Task RunAsync(DatabaseTarget target, Guid organization, DayRange range, long? channel, MetricDimension by)
    {
        await using var db = target.CreateContext();
        db.OrganizationId = organization;
        var queries = new MetricQueries(db);
        await queries.DataRangeAsync();
        await db.Channels.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync();

        // The page's default grain for the period.
        var grain = range.Days <= 62 ? TimeGrain.Day : range.Days <= 370 ? TimeGrain.Week : TimeGrain.Month;
        await queries.TotalsAsync(range, channel);
        await queries.TotalsAsync(range.Previous(), channel);
        await queries.TrendAsync(range, grain, channel);
        await queries.BreakdownAsync(MetricDimension.Channel, range, channel);
        if (by != MetricDimension.Channel)
        {
            await queries.BreakdownAsync(by, range, channel);
        }
    }
}
