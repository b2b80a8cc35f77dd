using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>
/// "My work": open tasks that are mine, or my posts' when nobody has taken them, grouped into overdue,
/// due this week (to Sunday) and later. Reads only the columns it shows; each group shows at most
/// <see cref="PerGroup"/> tasks, soonest due first, and says how many it holds.
/// </summary>
public sealed class MineModel(AppDbContext db, Tasks tasks, TimeProvider clock) : OrgPageModel
{
    /// <summary>The most tasks a group shows.</summary>
    public const int PerGroup = 200;

    /// <summary>A task in the list: only what the page draws.</summary>
    public sealed record Entry(Guid Id, string TitleZh, string TitleEn, string Post, WorkStatus Status, DateOnly Due, string EvidenceZh, string EvidenceEn);

    /// <summary>One group: its key (overdue, week, later), its tasks shown and how many it holds.</summary>
    public sealed record Group(string Key, List<Entry> Items, int Total);

    public List<Group> Groups { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>The Sunday that ends this week.</summary>
    public DateOnly WeekEnd { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        WeekEnd = Today.AddDays(6 - (((int)Today.DayOfWeek + 6) % 7));
        var (today, weekEnd, me) = (Today, WeekEnd, UserId);
        var posts = (await tasks.PostsOfAsync(me, ct)).ToList();
        var open = db.WorkItems.AsNoTracking()
            .Where(i => i.DeletedAt == null && !i.Retired && i.Status != WorkStatus.Done &&
                        (i.OwnerUserId == me || (i.OwnerUserId == null && posts.Contains(i.OwnerPost))));

        var counts = await open.GroupBy(i => i.DueDate < today ? 0 : i.DueDate <= weekEnd ? 1 : 2)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Groups =
        [
            new("overdue", counts.GetValueOrDefault(0) == 0 ? [] : await ReadAsync(open.Where(i => i.DueDate < today), ct), counts.GetValueOrDefault(0)),
            new("week", counts.GetValueOrDefault(1) == 0 ? [] : await ReadAsync(open.Where(i => i.DueDate >= today && i.DueDate <= weekEnd), ct), counts.GetValueOrDefault(1)),
            new("later", counts.GetValueOrDefault(2) == 0 ? [] : await ReadAsync(open.Where(i => i.DueDate > weekEnd), ct), counts.GetValueOrDefault(2)),
        ];
    }

    private static Task<List<Entry>> ReadAsync(IQueryable<WorkItem> query, CancellationToken ct) =>
        query.OrderBy(i => i.DueDate).ThenBy(i => i.Key).Take(PerGroup)
            .Select(i => new Entry(i.Id, i.TitleZh, i.TitleEn, i.OwnerPost, i.Status, i.DueDate, i.EvidenceZh, i.EvidenceEn))
            .ToListAsync(ct);
}
