using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>
/// "My work": open tasks that are mine, or my posts' when nobody has taken them, grouped into overdue,
/// due this week (to Sunday) and later. Reads only the columns it shows, in one query; each group shows at
/// most <see cref="PerGroup"/> tasks, soonest due first, and says how many it holds.
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
        Today = Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), Organization.TimeZone);
        WeekEnd = Today.AddDays(6 - (((int)Today.DayOfWeek + 6) % 7));
        var (today, weekEnd, me) = (Today, WeekEnd, UserId);
        var posts = (await tasks.PostsOfAsync(me, ct)).ToList();
        var open = db.WorkItems.AsNoTracking()
            .Where(i => i.DeletedAt == null && !i.Retired && i.Status != WorkStatus.Done &&
                        (i.OwnerUserId == me || (i.OwnerUserId == null && posts.Contains(i.OwnerPost))));

        // One pass: nothing indexes a task's owner, so every filter on it reads the whole plan; grouping the
        // person's open tasks here costs less than a query per group.
        var items = await open.OrderBy(i => i.DueDate).ThenBy(i => i.Key)
            .Select(i => new Entry(i.Id, i.TitleZh, i.TitleEn, i.OwnerPost, i.Status, i.DueDate, i.EvidenceZh, i.EvidenceEn))
            .ToListAsync(ct);
        Groups =
        [
            Take("overdue", items.Where(i => i.Due < today)),
            Take("week", items.Where(i => i.Due >= today && i.Due <= weekEnd)),
            Take("later", items.Where(i => i.Due > weekEnd)),
        ];
    }

    private static Group Take(string key, IEnumerable<Entry> entries)
    {
        var all = entries.ToList();
        return new Group(key, all.Take(PerGroup).ToList(), all.Count);
    }
}
