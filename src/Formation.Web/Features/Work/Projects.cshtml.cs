using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>The work plan's projects with their progress; managers delete a project with its tasks (restorable for 30 days).</summary>
public sealed class ProjectsModel(AppDbContext db, Tasks tasks) : OrgPageModel
{
    public sealed record Row(Guid Id, string NameZh, string NameEn, int Tasks, int Done, DateOnly? Start, DateOnly? Due);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var projects = await db.WorkProjects.AsNoTracking().Where(p => p.DeletedAt == null).OrderBy(p => p.Key).ToListAsync(HttpContext.RequestAborted);
        var stats = await db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && !i.Retired && i.ProjectId != null)
            .GroupBy(i => i.ProjectId!.Value)
            .Select(g => new { g.Key, Count = g.Count(), Done = g.Count(i => i.Status == WorkStatus.Done), Start = g.Min(i => i.StartDate), Due = g.Max(i => i.DueDate) })
            .ToDictionaryAsync(g => g.Key, HttpContext.RequestAborted);
        Rows = projects.Select(p => stats.TryGetValue(p.Id, out var s)
            ? new Row(p.Id, p.NameZh, p.NameEn, s.Count, s.Done, s.Start, s.Due)
            : new Row(p.Id, p.NameZh, p.NameEn, 0, 0, null, null)).ToList();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        await tasks.DeleteProjectAsync(id, new Actor(UserId, Role), HttpContext.RequestAborted) switch
        {
            TaskOutcome.Saved => Redirect($"/o/{Organization.Id}/work/deleted"),
            TaskOutcome.Forbidden => Denied(),
            _ => NotFound(),
        };
}
