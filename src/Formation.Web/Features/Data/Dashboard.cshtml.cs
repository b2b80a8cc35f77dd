using System.Globalization;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Text;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Data;

/// <summary>
/// The marketing dashboard: the sixteen KPIs of a period against the period before, the trend, the channel mix, the
/// funnel, the goals of the accepted plan and a breakdown by channel, campaign, module or post. Every figure comes from
/// the sums imports keep (<see cref="MetricQueries"/>), so the page stays fast over millions of daily rows; a page
/// once drawn is served from the output cache until the data, the plan or the day changes (<see cref="MetricPageCachePolicy"/>).
/// </summary>
[OutputCache(PolicyName = MetricPageCachePolicy.Name)]
public sealed class DashboardModel(MetricQueries queries, GoalEvaluation goals, PlaybookLibrary library, TimeProvider clock) : OrgPageModel
{
    /// <summary>The longest period the page shows, so a typing slip in a year cannot ask for centuries of buckets.</summary>
    public const int MaxDays = 3_660;

    /// <summary>
    /// Breakdown rows the page lists, largest cost first: an overview, not the list (a page of a thousand campaigns
    /// would weigh a megabyte); the evaluation report lists every one and exports them.
    /// </summary>
    public const int BreakdownRows = 50;

    public DayRange Range { get; private set; }

    public DayRange PreviousRange { get; private set; }

    public TimeGrain Grain { get; private set; }

    public MetricDimension Dimension { get; private set; }

    public long? ChannelId { get; private set; }

    /// <summary>Why the filters could not be used, shown with status 400.</summary>
    public string? Error { get; private set; }

    public MetricTotals Current { get; private set; }

    public MetricTotals Previous { get; private set; }

    public IReadOnlyList<TrendPoint> Trend { get; private set; } = [];

    public IReadOnlyList<MetricGroup> Channels { get; private set; } = [];

    public IReadOnlyList<MetricGroup> Breakdown { get; private set; } = [];

    /// <summary>Every channel of the organisation, for the filter.</summary>
    public IReadOnlyList<(long Id, string Name)> ChannelChoices { get; private set; } = [];

    public GoalBoard? Goals { get; private set; }

    /// <summary>The first and last day with data; null before the first import.</summary>
    public DayRange? DataRange { get; private set; }

    public string Currency => Organization.Currency;

    /// <summary>The organisation's calendar day (its time zone's).</summary>
    public DateOnly Today => Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), Organization.TimeZone);

    public async Task<IActionResult> OnGetAsync(string? from, string? to, string? grain, string? by, string? channel, [FromServices] Formation.Application.Data.AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        DataRange = await queries.DataRangeAsync(ct);
        ChannelChoices = (await db.Channels.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();

        Range = DayRange.MonthOf(DataRange is { } data && data.To < Today ? data.To : Today);
        Error = ReadFilters(from, to, grain, by, channel);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        PreviousRange = Range.Previous();
        Current = await queries.TotalsAsync(Range, ChannelId, ct);
        Previous = await queries.TotalsAsync(PreviousRange, ChannelId, ct);
        Trend = await queries.TrendAsync(Range, Grain, ChannelId, ct);
        Channels = await queries.BreakdownAsync(MetricDimension.Channel, Range, ChannelId, ct);
        Breakdown = Dimension == MetricDimension.Channel ? Channels : await queries.BreakdownAsync(Dimension, Range, ChannelId, ct);
        Goals = await goals.EvaluateAsync(record: false, ct);
        return Page();
    }

    /// <summary>The evaluation report of the same period (and channel), which lists every campaign.</summary>
    public string EvaluationLink()
    {
        var query = $"from={Range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={Range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        if (ChannelId is { } c)
        {
            query += "&channel=" + c.ToString(CultureInfo.InvariantCulture);
        }

        return $"/o/{Organization.Id}/data/evaluation?{query}";
    }

    /// <summary>A link to this page with the current filters, some replaced.</summary>
    public string Link(DayRange? range = null, MetricDimension? by = null, TimeGrain? grain = null)
    {
        var r = range ?? Range;
        var query = new List<string>
        {
            "from=" + r.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "to=" + r.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if ((grain ?? (range is null ? Grain : null)) is { } g)
        {
            query.Add("grain=" + g.ToString().ToLowerInvariant());
        }

        query.Add("by=" + (by ?? Dimension).ToString().ToLowerInvariant());
        if (ChannelId is { } c)
        {
            query.Add("channel=" + c.ToString(CultureInfo.InvariantCulture));
        }

        return $"/o/{Organization.Id}/data/dashboard?{string.Join('&', query)}";
    }

    /// <summary>The quick periods: this month, last month, this quarter, this year, the last 90 days.</summary>
    public IEnumerable<(string Label, DayRange Range)> Presets()
    {
        var anchor = DataRange is { } data && data.To < Today ? data.To : Today;
        var month = DayRange.MonthOf(anchor);
        var quarterStart = new DateOnly(anchor.Year, ((anchor.Month - 1) / 3 * 3) + 1, 1);
        yield return (Ui.L("本月", "This month"), month);
        yield return (Ui.L("上月", "Last month"), month.Previous());
        yield return (Ui.L("本季度", "This quarter"), new DayRange(quarterStart, quarterStart.AddMonths(3).AddDays(-1)));
        yield return (Ui.L("今年", "This year"), new DayRange(new DateOnly(anchor.Year, 1, 1), new DateOnly(anchor.Year, 12, 31)));
        yield return (Ui.L("近 90 天", "Last 90 days"), new DayRange(anchor.AddDays(-89), anchor));
    }

    /// <summary>The display name of a breakdown group: a module's or post's name from the plan, or "not linked".</summary>
    public string GroupName(MetricGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (Dimension is MetricDimension.Channel or MetricDimension.Campaign)
        {
            return group.Name;
        }

        if (group.Key.Length == 0)
        {
            return Ui.L("未关联", "Not linked");
        }

        if (Dimension == MetricDimension.Post)
        {
            return Ui.T(PostCatalog.TitleOf(group.Key));
        }

        var module = library.Playbooks.Values.SelectMany(p => p.Modules).FirstOrDefault(m => m.Id == group.Key);
        return module is null ? group.Key : Ui.T(module.Name);
    }

    /// <summary>The chart data the page's script draws, as one JSON document.</summary>
    public object ChartData()
    {
        var zh = Ui.Language == Language.Zh;
        return new
        {
            currency = Currencies.Symbol(Currency),
            labels = new
            {
                cost = Kpis.Get("cost").Name.Get(Ui.Language),
                revenue = Kpis.Get("revenue").Name.Get(Ui.Language),
                leads = Kpis.Get("leads").Name.Get(Ui.Language),
                conversions = Kpis.Get("conversions").Name.Get(Ui.Language),
                impressions = Kpis.Get("impressions").Name.Get(Ui.Language),
                clicks = Kpis.Get("clicks").Name.Get(Ui.Language),
                orders = Kpis.Get("orders").Name.Get(Ui.Language),
                empty = zh ? "所选期间没有数据" : "No data in this period",
            },
            // Periods that have not begun are gaps, not zeros: a month in progress would otherwise end in a plunge.
            trend = Trend.Select(p => p.Start > Today
                ? new { label = Label(p), cost = (decimal?)null, revenue = (decimal?)null, leads = (long?)null, conversions = (long?)null }
                : new
                {
                    label = Label(p),
                    cost = (decimal?)Kpis.RoundMoney(p.Totals.Cost, Currency),
                    revenue = (decimal?)Kpis.RoundMoney(p.Totals.Revenue, Currency),
                    leads = (long?)p.Totals.Leads,
                    conversions = (long?)p.Totals.Conversions,
                }),
            channels = Channels.Select(c => new { name = c.Name, cost = Kpis.RoundMoney(c.Totals.Cost, Currency) }),
            funnel = new[]
            {
                new { key = "impressions", value = Current.Impressions },
                new { key = "clicks", value = Current.Clicks },
                new { key = "conversions", value = Current.Conversions },
                new { key = "orders", value = Current.Orders },
            },
        };
    }

    private string Label(TrendPoint point) => Grain == TimeGrain.Month
        ? point.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : point.Start.ToString("MM-dd", CultureInfo.InvariantCulture);

    private string? ReadFilters(string? from, string? to, string? grain, string? by, string? channel)
    {
        if (from is not null || to is not null)
        {
            if (!TryDate(from, out var f))
            {
                return Ui.L($"“起始日期”不是 yyyy-MM-dd 格式的日期：{from}", $"\"From\" is not a date in the form yyyy-MM-dd: {from}");
            }

            if (!TryDate(to, out var t))
            {
                return Ui.L($"“结束日期”不是 yyyy-MM-dd 格式的日期：{to}", $"\"To\" is not a date in the form yyyy-MM-dd: {to}");
            }

            if (t < f)
            {
                return Ui.L("结束日期早于起始日期。", "\"To\" is before \"From\".");
            }

            if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                return Ui.L($"期间最长 {MaxDays} 天。", $"A period can be at most {MaxDays} days long.");
            }

            Range = new DayRange(f, t);
        }

        if (string.IsNullOrEmpty(grain))
        {
            Grain = Range.Days <= 62 ? TimeGrain.Day : Range.Days <= 370 ? TimeGrain.Week : TimeGrain.Month;
        }
        else if (EnumNames.TryParse<TimeGrain>(grain, out var g))
        {
            Grain = g;
        }
        else
        {
            return Ui.L($"“粒度”只能是 day、week 或 month：{grain}", $"\"Grain\" must be day, week or month: {grain}");
        }

        if (string.IsNullOrEmpty(by))
        {
            Dimension = MetricDimension.Channel;
        }
        else if (EnumNames.TryParse<MetricDimension>(by, out var d))
        {
            Dimension = d;
        }
        else
        {
            return Ui.L($"“分组”只能是 channel、campaign、module 或 post：{by}", $"\"By\" must be channel, campaign, module or post: {by}");
        }

        if (!string.IsNullOrEmpty(channel))
        {
            if (!long.TryParse(channel, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || ChannelChoices.All(c => c.Id != id))
            {
                return Ui.L($"没有这个渠道：{channel}", $"There is no such channel: {channel}");
            }

            ChannelId = id;
        }

        return null;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
