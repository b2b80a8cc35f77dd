using System.Globalization;
using Formation.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>
/// The roadmap as a Gantt chart drawn on the server: a row per project from its first task's start to its
/// last task's due date, a row for the milestones (tasks outside any project), each expandable to its tasks
/// (at most <see cref="TasksPerRow"/>), on a week scale with a line for today. No script, no library.
/// </summary>
public sealed class GanttModel(AppDbContext db, TimeProvider clock) : WorkViewPageModel(db, clock)
{
    /// <summary>The most tasks one row expands to; the row says how many it has.</summary>
    public const int TasksPerRow = 100;

    /// <summary>A task bar: only what the chart draws.</summary>
    public sealed record Bar(Guid Id, Guid? ProjectId, string TitleZh, string TitleEn, string Kind, WorkStatus Status, DateOnly Start, DateOnly Due);

    /// <summary>A project's row (or the milestones' row, with no project): its span and progress.</summary>
    public sealed record Row(Guid? ProjectId, string NameZh, string NameEn, DateOnly Start, DateOnly Due, int Count, int Done, int Overdue, List<Bar> Tasks);

    public override string View => "gantt";

    public List<Row> Rows { get; private set; } = [];

    /// <summary>The Monday the scale starts on.</summary>
    public DateOnly From { get; private set; }

    /// <summary>The number of weeks on the scale.</summary>
    public int Weeks { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await LoadChoicesAsync();
        var live = LiveTasks();
        var today = Today;
        var spans = await live.GroupBy(i => i.ProjectId)
            .Select(g => new
            {
                ProjectId = g.Key,
                Start = g.Min(i => i.StartDate),
                Due = g.Max(i => i.DueDate),
                Count = g.Count(),
                Done = g.Count(i => i.Status == WorkStatus.Done),
                Overdue = g.Count(i => i.Status != WorkStatus.Done && i.DueDate < today),
            })
            .ToListAsync(ct);
        if (spans.Count == 0)
        {
            return;
        }

        var projects = await Db.WorkProjects.AsNoTracking().Where(p => p.DeletedAt == null)
            .Select(p => new { p.Id, p.NameZh, p.NameEn }).ToDictionaryAsync(p => p.Id, ct);

        // The tasks of every row in one query: at most TasksPerRow a project, by start date.
        var bars = (await live.Select(i => i.ProjectId).Distinct()
                .SelectMany(project => live.Where(i => i.ProjectId == project).OrderBy(i => i.StartDate).ThenBy(i => i.DueDate).ThenBy(i => i.Id).Take(TasksPerRow))
                .Select(i => new Bar(i.Id, i.ProjectId, i.TitleZh, i.TitleEn, i.Kind, i.Status, i.StartDate, i.DueDate))
                .ToListAsync(ct))
            .ToLookup(b => b.ProjectId);

        Rows = spans
            .Where(s => s.ProjectId is null || projects.ContainsKey(s.ProjectId.Value))
            .Select(s => s.ProjectId is { } id
                ? new Row(id, projects[id].NameZh, projects[id].NameEn, s.Start, s.Due, s.Count, s.Done, s.Overdue, bars[id].ToList())
                : new Row(null, "里程碑", "Milestones", s.Start, s.Due, s.Count, s.Done, s.Overdue, bars[null].ToList()))
            .OrderBy(r => r.ProjectId is null ? 1 : 0).ThenBy(r => r.Start).ThenBy(r => r.NameEn, StringComparer.Ordinal)
            .ToList();
        if (Rows.Count == 0)
        {
            return;
        }

        var first = Rows.Min(r => r.Start);
        var last = Rows.Max(r => r.Due);
        From = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        Weeks = Math.Max(1, (last.DayNumber - From.DayNumber) / 7 + 1);
    }

    /// <summary>The first day after the scale.</summary>
    public DateOnly Until => From.AddDays(Weeks * 7);

    /// <summary>Where a day starts on the scale, as a CSS percentage.</summary>
    public string Left(DateOnly day) => Percent(day.DayNumber - From.DayNumber);

    /// <summary>How wide the days from <paramref name="start"/> to <paramref name="due"/> (both included) are, as a CSS percentage.</summary>
    public string Width(DateOnly start, DateOnly due) => Percent(Math.Max(1, due.DayNumber - start.DayNumber + 1));

    /// <summary>True when today falls on the scale.</summary>
    public bool TodayShown => Weeks > 0 && Today >= From && Today < Until;

    private string Percent(int days) => (100.0 * days / (Weeks * 7)).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
