using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>"My work": open tasks that are mine, or my posts' when nobody has taken them, by due date.</summary>
public sealed class MineModel(AppDbContext db, WorkPlans workPlans, TimeProvider clock) : OrgPageModel
{
    public List<WorkItem> Items { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var me = UserId;
        var posts = (await workPlans.AssignmentsAsync(HttpContext.RequestAborted)).Where(p => p.Value.Contains(me)).Select(p => p.Key).ToList();
        Items = await db.WorkItems.AsNoTracking()
            .Where(i => i.DeletedAt == null && !i.Retired && i.Status != WorkStatus.Done &&
                        (i.OwnerUserId == me || (i.OwnerUserId == null && posts.Contains(i.OwnerPost))))
            .OrderBy(i => i.DueDate).ThenBy(i => i.Key)
            .Take(200)
            .ToListAsync(HttpContext.RequestAborted);
    }
}
