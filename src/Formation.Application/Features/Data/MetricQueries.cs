using Formation.Application.Data;
using Formation.Domain.Metrics;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Data;

/// <summary>How a trend is bucketed: by day, by ISO week (Monday to Sunday) or by calendar month.</summary>
public enum TimeGrain
{
    Day,
    Week,
    Month,
}

/// <summary>What a breakdown groups by. A campaign without its own module or post takes its channel's.</summary>
public enum MetricDimension
{
    Channel,
    Campaign,
    Module,
    Post,
}

/// <summary>A closed range of days, both ends included.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    /// <summary>Days in the range.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>True when the range is whole calendar months, from a 1st to a month's last day.</summary>
    public bool IsWholeMonths => From.Day == 1 && To.AddDays(1).Day == 1;

    /// <summary>
    /// The period before this one to compare with: as many whole months before when the range is whole months (so March
    /// compares with February, not with the 31 days before it), else as many days before.
    /// </summary>
    public DayRange Previous()
    {
        if (IsWholeMonths)
        {
            var months = ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;
            return new DayRange(From.AddMonths(-months), From.AddDays(-1));
        }

        return new DayRange(From.AddDays(-Days), From.AddDays(-1));
    }

    /// <summary>The calendar month containing <paramref name="day"/>.</summary>
    public static DayRange MonthOf(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new DayRange(first, first.AddMonths(1).AddDays(-1));
    }
}

/// <summary>The sums of one bucket of a trend.</summary>
public sealed record TrendPoint(DateOnly Start, DateOnly End, MetricTotals Totals);

/// <summary>
/// The sums of one group of a breakdown. <see cref="Key"/> is the channel or campaign number, or the module or post id;
/// empty for what is linked to no module or post.
/// </summary>
public sealed record MetricGroup(string Key, string Name, long? ChannelId, MetricTotals Totals);

/// <summary>
/// The figures behind the dashboard, the goals and the evaluation report, read from the sums every import keeps
/// (<c>metric_rollups</c> per channel and day, <c>metric_campaign_month_days</c> with each campaign month's days in
/// one row, <c>metric_campaign_year_months</c> with each campaign year's months), never by scanning the daily rows.
/// Every query is scoped to the context's organisation.
/// </summary>
public sealed class MetricQueries(AppDbContext db)
{
    /// <summary>The sums over <paramref name="range"/>, of one channel or all.</summary>
    public async Task<MetricTotals> TotalsAsync(DayRange range, long? channelId = null, CancellationToken ct = default)
    {
        var (from, to) = (range.From.DayNumber, range.To.DayNumber);
        var sums = await db.MetricRollups.AsNoTracking()
            .Where(r => r.Day >= from && r.Day <= to && (channelId == null || r.ChannelId == channelId))
            .GroupBy(r => 1)
            .Select(g => new Sums(g.Sum(r => r.Impressions), g.Sum(r => r.Clicks), g.Sum(r => r.CostE4), g.Sum(r => r.Conversions), g.Sum(r => r.Leads), g.Sum(r => r.Orders), g.Sum(r => r.RevenueE4)))
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return sums?.Totals ?? MetricTotals.Zero;
    }

    /// <summary>
    /// The sums of every day, week or month of <paramref name="range"/>, of one channel or all, in order and without
    /// gaps (a bucket with no data is zero); the first and last week or month are cut to the range.
    /// </summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DayRange range, TimeGrain grain, long? channelId = null, CancellationToken ct = default)
    {
        var (from, to) = (range.From.DayNumber, range.To.DayNumber);
        var days = await db.MetricRollups.AsNoTracking()
            .Where(r => r.Day >= from && r.Day <= to && (channelId == null || r.ChannelId == channelId))
            .GroupBy(r => r.Day)
            .Select(g => new { Day = g.Key, Sums = new Sums(g.Sum(r => r.Impressions), g.Sum(r => r.Clicks), g.Sum(r => r.CostE4), g.Sum(r => r.Conversions), g.Sum(r => r.Leads), g.Sum(r => r.Orders), g.Sum(r => r.RevenueE4)) })
            .ToDictionaryAsync(d => d.Day, d => d.Sums, ct).ConfigureAwait(false);

        var points = new List<TrendPoint>();
        var start = range.From;
        while (start <= range.To)
        {
            var end = BucketEnd(start, grain);
            if (end > range.To)
            {
                end = range.To;
            }

            var totals = MetricTotals.Zero;
            for (var day = start.DayNumber; day <= end.DayNumber; day++)
            {
                if (days.TryGetValue(day, out var s))
                {
                    totals += s.Totals;
                }
            }

            points.Add(new TrendPoint(start, end, totals));
            start = end.AddDays(1);
        }

        return points;
    }

    /// <summary>
    /// The sums over <paramref name="range"/> grouped by channel, campaign, module or post, largest cost first;
    /// <paramref name="channelId"/> keeps one channel's campaigns.
    /// </summary>
    public async Task<IReadOnlyList<MetricGroup>> BreakdownAsync(MetricDimension dimension, DayRange range, long? channelId = null, CancellationToken ct = default)
    {
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Id, ct).ConfigureAwait(false);
        if (dimension == MetricDimension.Channel)
        {
            var (from, to) = (range.From.DayNumber, range.To.DayNumber);
            var byChannel = await db.MetricRollups.AsNoTracking()
                .Where(r => r.Day >= from && r.Day <= to && (channelId == null || r.ChannelId == channelId))
                .GroupBy(r => r.ChannelId)
                .Select(g => new { Channel = g.Key, Sums = new Sums(g.Sum(r => r.Impressions), g.Sum(r => r.Clicks), g.Sum(r => r.CostE4), g.Sum(r => r.Conversions), g.Sum(r => r.Leads), g.Sum(r => r.Orders), g.Sum(r => r.RevenueE4)) })
                .ToListAsync(ct).ConfigureAwait(false);
            return Order(byChannel.Select(c => new MetricGroup(
                c.Channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
                channels.TryGetValue(c.Channel, out var ch) ? ch.Name : "#" + c.Channel,
                c.Channel,
                c.Sums.Totals)));
        }

        var campaigns = new Dictionary<long, (long Channel, string Name, string? Module, string? Post)>();
        await SumRows.ReadAsync(db,
            "SELECT id, channel_id, name, module_id, post_id FROM campaigns WHERE organization_id = $1" + (channelId is null ? "" : " AND channel_id = $2"),
            [Organization, channelId ?? 0L],
            row => campaigns[row.Int64(0)] = (row.Int64(1), row.Text(2), row.IsNull(3) ? null : row.Text(3), row.IsNull(4) ? null : row.Text(4)),
            ct).ConfigureAwait(false);
        var perCampaign = await CampaignSumsAsync(range, channelId, ct).ConfigureAwait(false);

        var groups = new Dictionary<string, (string Name, long? Channel, long[] Sums)>(StringComparer.Ordinal);
        foreach (var (campaignId, sums) in perCampaign)
        {
            if (!campaigns.TryGetValue(campaignId, out var campaign))
            {
                continue;
            }

            channels.TryGetValue(campaign.Channel, out var channel);
            var (key, name, groupChannel) = dimension switch
            {
                MetricDimension.Campaign => (campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), campaign.Name, (long?)campaign.Channel),
                MetricDimension.Module => (campaign.Module ?? channel?.ModuleId ?? "", campaign.Module ?? channel?.ModuleId ?? "", null),
                _ => (campaign.Post ?? channel?.PostId ?? "", campaign.Post ?? channel?.PostId ?? "", null),
            };
            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out var exists);
            if (!exists)
            {
                group = (name, groupChannel, new long[SlotSums.Metrics]);
            }

            Add(group.Sums, sums);
        }

        return Order(groups.Select(g => new MetricGroup(g.Key, g.Value.Name, g.Value.Channel, Totals(g.Value.Sums))));
    }

    /// <summary>
    /// Each campaign's sums over <paramref name="range"/>: whole months from the monthly sums, the days of a month the
    /// range covers in part from the campaign month's daily sums.
    /// </summary>
    public Task<Dictionary<long, MetricTotals>> CampaignTotalsAsync(DayRange range, CancellationToken ct = default) =>
        CampaignTotalsAsync(range, null, ct);

    /// <summary>As <see cref="CampaignTotalsAsync(DayRange, CancellationToken)"/>, of one channel's campaigns when <paramref name="channelId"/> is given, so a filtered page reads only them.</summary>
    public async Task<Dictionary<long, MetricTotals>> CampaignTotalsAsync(DayRange range, long? channelId, CancellationToken ct = default)
    {
        var sums = await CampaignSumsAsync(range, channelId, ct).ConfigureAwait(false);
        return sums.ToDictionary(s => s.Key, s => Totals(s.Value));
    }

    /// <summary>
    /// Each campaign's sums as stored (<see cref="SlotSums.Metrics"/> longs, money in ten-thousandths): its whole
    /// months from one row per campaign and calendar year (the year's monthly sums), and the days of a month the range
    /// covers in part from one row per campaign and month (the month's daily sums). A campaign with nothing in the
    /// range is left out.
    /// </summary>
    private async Task<Dictionary<long, long[]>> CampaignSumsAsync(DayRange range, long? channelId, CancellationToken ct)
    {
        // Each month the range touches is summed from its year's row, or, when the range covers it in part, either
        // from its days (when it covers no more than half) or from its year's row less the days outside the range.
        var fromYears = new SortedDictionary<int, (int First, int Last)>();
        var fromDays = new List<(int Month, int First, int Last, int Sign)>();
        for (var start = new DateOnly(range.From.Year, range.From.Month, 1); start <= range.To; start = start.AddMonths(1))
        {
            var length = DateTime.DaysInMonth(start.Year, start.Month);
            var first = Math.Max(range.From.DayNumber - start.DayNumber, 0);
            var last = Math.Min(range.To.DayNumber - start.DayNumber, length - 1);
            var inside = last - first + 1;
            if (inside < length && inside <= length - inside)
            {
                fromDays.Add((start.DayNumber, first, last, 1));
                continue;
            }

            var year = new DateOnly(start.Year, 1, 1).DayNumber;
            fromYears[year] = fromYears.TryGetValue(year, out var slots) ? (slots.First, start.Month - 1) : (start.Month - 1, start.Month - 1);
            if (first > 0)
            {
                fromDays.Add((start.DayNumber, 0, first - 1, -1));
            }

            if (last < length - 1)
            {
                fromDays.Add((start.DayNumber, last + 1, length - 1, -1));
            }
        }

        var result = new Dictionary<long, long[]>();
        foreach (var (year, (first, last)) in fromYears)
        {
            await SumSlotsAsync(result, "metric_campaign_year_months", "year", "months", year, first, last, 1, channelId, ct).ConfigureAwait(false);
        }

        foreach (var (month, first, last, sign) in fromDays)
        {
            await SumSlotsAsync(result, "metric_campaign_month_days", "month", "days", month, first, last, sign, channelId, ct).ConfigureAwait(false);
        }

        foreach (var (campaign, sums) in result)
        {
            if (!sums.AsSpan().ContainsAnyExcept(0L))
            {
                result.Remove(campaign);
            }
        }

        return result;
    }

    /// <summary>True when any import wrote figures for a day of <paramref name="range"/>.</summary>
    public Task<bool> HasDataAsync(DayRange range, CancellationToken ct = default)
    {
        var (from, to) = (range.From.DayNumber, range.To.DayNumber);
        return db.MetricRollups.AsNoTracking().AnyAsync(r => r.Day >= from && r.Day <= to, ct);
    }

    /// <summary>The first and last day with data, or null when nothing was imported.</summary>
    public async Task<DayRange?> DataRangeAsync(CancellationToken ct = default)
    {
        // Two seeks at the ends of the key (organisation, day, channel) rather than an aggregate over every row.
        var days = db.MetricRollups.AsNoTracking().Select(r => r.Day);
        var first = await days.OrderBy(d => d).Select(d => (int?)d).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        var last = await days.OrderByDescending(d => d).FirstAsync(ct).ConfigureAwait(false);
        return new DayRange(DateOnly.FromDayNumber(first.Value), DateOnly.FromDayNumber(last));
    }

    private static DateOnly BucketEnd(DateOnly start, TimeGrain grain) => grain switch
    {
        TimeGrain.Day => start,
        TimeGrain.Week => start.AddDays(6 - (((int)start.DayOfWeek + 6) % 7)),
        _ => new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1),
    };

    /// <summary>
    /// Adds (<paramref name="sign"/> 1) or takes away (-1) slots <paramref name="first"/> to <paramref name="last"/> of
    /// each campaign's stored sums in <paramref name="table"/> for the period <paramref name="key"/>; only those slots'
    /// bytes are read.
    /// </summary>
    private Task SumSlotsAsync(Dictionary<long, long[]> result, string table, string period, string column, int key, int first, int last, int sign, long? channelId, CancellationToken ct)
    {
        const int SlotBytes = SlotSums.Metrics * sizeof(long);
        var slots = db.Database.IsNpgsql() ? $"substring({column} from $5 for $6)" : $"substr({column}, $5, $6)";
        var sql = $"SELECT campaign_id, {slots} FROM {table} WHERE organization_id = $1 AND {period} = $2" +
            (channelId is null ? "" : " AND campaign_id IN (SELECT id FROM campaigns WHERE organization_id = $1 AND channel_id = $4)");
        return SumRows.ReadAsync(db, sql, [Organization, key, 0, channelId ?? 0L, (first * SlotBytes) + 1, (last - first + 1) * SlotBytes], row =>
        {
            Span<long> sums = stackalloc long[SlotSums.Metrics];
            SlotSums.SumSlots(row.Bytes(1), 0, last - first, sums);
            if (!sums.ContainsAnyExcept(0L))
            {
                return;
            }

            ref var campaign = ref CollectionsMarshal.GetValueRefOrAddDefault(result, row.Int64(0), out _);
            campaign ??= new long[SlotSums.Metrics];
            for (var k = 0; k < SlotSums.Metrics; k++)
            {
                campaign[k] = checked(campaign[k] + (sign * sums[k]));
            }
        }, ct);
    }

    private static void Add(Span<long> into, ReadOnlySpan<long> sums)
    {
        for (var k = 0; k < into.Length; k++)
        {
            into[k] = checked(into[k] + sums[k]);
        }
    }

    private static MetricTotals Totals(long[] sums) => MetricTotals.FromStored(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]);

    /// <summary>The organisation's id as a parameter of hand-written SQL.</summary>
    private object Organization => (db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite).Id(db.OrganizationId);

    private static List<MetricGroup> Order(IEnumerable<MetricGroup> groups) =>
        [.. groups.OrderByDescending(g => g.Totals.Cost).ThenByDescending(g => g.Totals.Revenue).ThenBy(g => g.Name, StringComparer.Ordinal)];

    /// <summary>Sums as stored, money in ten-thousandths.</summary>
    private sealed record Sums(long Impressions, long Clicks, long CostE4, long Conversions, long Leads, long Orders, long RevenueE4)
    {
        public MetricTotals Totals => MetricTotals.FromStored(Impressions, Clicks, CostE4, Conversions, Leads, Orders, RevenueE4);
    }
}
