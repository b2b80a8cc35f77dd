using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>Tasks and projects deleted in the last 30 days, each with a restore button.</summary>
public sealed class DeletedModel(Tasks tasks) : OrgPageModel
{
    public List<DeletedEntry> Entries { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => Entries = await tasks.DeletedAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRestoreAsync(string kind, Guid id)
    {
        var actor = new Actor(UserId, Role);
        var outcome = kind switch
        {
            "project" => await tasks.RestoreProjectAsync(id, actor, HttpContext.RequestAborted),
            "task" => (await tasks.RestoreAsync(id, actor, HttpContext.RequestAborted)).Outcome,
            _ => TaskOutcome.NotFound,
        };
        switch (outcome)
        {
            case TaskOutcome.Saved:
                return Redirect(kind == "task" ? $"/o/{Organization.Id}/work/{id}" : $"/o/{Organization.Id}/work/projects");
            case TaskOutcome.Forbidden:
                return Denied();
            case TaskOutcome.NotFound:
                return NotFound();
            default:
                Message = outcome == TaskOutcome.Expired
                    ? L($"删除已超过 {Tasks.RestoreDays} 天，无法恢复。", $"It was deleted more than {Tasks.RestoreDays} days ago and can no longer be restored.")
                    : L("它所属的项目已被删除：请先恢复项目。", "Its project is deleted: restore the project first.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                Entries = await tasks.DeletedAsync(HttpContext.RequestAborted);
                return Page();
        }
    }
}
