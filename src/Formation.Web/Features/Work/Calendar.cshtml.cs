using System.Globalization;
using Formation.Application.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>
/// The work plan as a month: weeks from Monday, each task on its due day. A day shows at most
/// <see cref="PerDay"/> tasks and links the rest to the list, so a busy month stays readable and quick.
/// </summary>
public sealed class CalendarModel(AppDbContext db, TimeProvider clock) : WorkViewPageModel(db, clock)
{
    /// <summary>The most tasks a day shows.</summary>
    public const int PerDay = 6;

    /// <summary>A task in the grid: only what the calendar draws.</summary>
    public sealed record Entry(Guid Id, string TitleZh, string TitleEn, string Kind, string Post, WorkStatus Status, DateOnly Due);

    public override string View => "calendar";

    /// <summary>The month asked for, <c>yyyy-MM</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthParameter { get; set; }

    /// <summary>The first day of the month shown.</summary>
    public DateOnly Month { get; private set; }

    public string MonthId => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The Monday the grid starts on and the Sunday it ends on.</summary>
    public DateOnly First { get; private set; }

    public DateOnly Last { get; private set; }

    /// <summary>Set when the month asked for could not be read and this month is shown instead.</summary>
    public string? Warning { get; private set; }

    /// <summary>The tasks of each day shown (at most <see cref="PerDay"/>).</summary>
    public Dictionary<DateOnly, List<Entry>> Days { get; private set; } = [];

    /// <summary>How many tasks are due each day, drawn or not.</summary>
    public Dictionary<DateOnly, int> Counts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await LoadChoicesAsync();
        Month = new DateOnly(Today.Year, Today.Month, 1);
        if (!string.IsNullOrWhiteSpace(MonthParameter))
        {
            if (TryParseMonth(MonthParameter, out var month))
            {
                Month = month;
            }
            else
            {
                Warning = L($"无法识别月份“{MonthParameter}”（应为 2026-12 这样的格式），显示本月。", $"\"{MonthParameter}\" is not a month like 2026-12; showing this month instead.");
            }
        }

        First = Month.AddDays(-(((int)Month.DayOfWeek + 6) % 7));
        var end = Month.AddMonths(1).AddDays(-1);
        Last = end.AddDays(6 - (((int)end.DayOfWeek + 6) % 7));

        var (first, last) = (First, Last);
        var inGrid = LiveTasks().Where(i => i.DueDate >= first && i.DueDate <= last);
        Counts = await inGrid.GroupBy(i => i.DueDate).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, ct);

        // At most PerDay a day, in one query: the days, and for each its first tasks (a window per day in SQL).
        var entries = await inGrid.Select(i => i.DueDate).Distinct()
            .SelectMany(day => inGrid.Where(i => i.DueDate == day).OrderBy(i => i.Kind == "milestone" ? 0 : 1).ThenBy(i => i.OwnerPost).ThenBy(i => i.Id).Take(PerDay))
            .Select(i => new Entry(i.Id, i.TitleZh, i.TitleEn, i.Kind, i.OwnerPost, i.Status, i.DueDate))
            .ToListAsync(ct);
        Days = entries.GroupBy(e => e.Due).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Reads <c>yyyy-MM</c>; years far outside any plan are refused so the grid's arithmetic stays in range.</summary>
    public static bool TryParseMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month.Year is >= 1900 and <= 2200;
}
