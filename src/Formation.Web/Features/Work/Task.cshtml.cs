using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>
/// One task: its checkpoint, and an edit form guarded by the task's version, so a second writer is told and
/// sees both versions instead of overwriting the first. Staff change only their own tasks (or their post's
/// unclaimed ones); supervisors, managers and owners change any; viewers read.
/// </summary>
public sealed class TaskModel(AppDbContext db, Tasks tasks) : OrgPageModel
{
    public WorkItem Item { get; private set; } = null!;

    public WorkItem? Conflict { get; private set; }

    public List<(Guid Id, string Name)> Members { get; private set; } = [];

    public bool MayEdit { get; private set; }

    [BindProperty]
    public TaskInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Denied();
        }

        if (Input.Title is not { Length: > 0 and <= 300 } || Input.Due is null || (Input.Owner is { } o && Members.All(m => m.Id != o)))
        {
            ModelState.AddModelError("Input.Title", L("请填写标题（300 字以内）、截止日期，并选择本组织的成员。", "Give a title (at most 300 characters), a due date and a member of this organisation."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var zh = Language == Formation.Domain.Text.Language.Zh;
        var edit = new TaskEdit(TitleZh: zh ? Input.Title : null, TitleEn: zh ? null : Input.Title, Due: Input.Due, Owner: Input.Owner, ClearOwner: Input.Owner is null, Status: Input.Status);
        var result = await tasks.EditAsync(id, Input.Version, new Actor(UserId, Role), edit, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            TaskOutcome.Saved => Redirect($"/o/{Organization.Id}/work/{id}"),
            TaskOutcome.Conflict => Conflicted(result.Current!),
            TaskOutcome.Forbidden => Denied(),
            _ => NotFound(),
        };
    }

    public static string Title(WorkItem item) => Language == Formation.Domain.Text.Language.Zh ? item.TitleZh : item.TitleEn;

    private PageResult Conflicted(WorkItem current)
    {
        Conflict = current;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var item = await db.WorkItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.DeletedAt == null, HttpContext.RequestAborted);
        if (item is null)
        {
            return false;
        }

        Item = item;
        var members = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.OrganizationId == Organization.Id
                             orderby u.DisplayName
                             select new { u.Id, u.DisplayName }).ToListAsync(HttpContext.RequestAborted);
        Members = members.Select(m => (m.Id, m.DisplayName)).ToList();
        MayEdit = Tasks.MayEdit(item, new Actor(UserId, Role), await tasks.PostsOfAsync(UserId, HttpContext.RequestAborted));
        if (Request.Method == HttpMethods.Get)
        {
            Input = new TaskInput { Title = Title(item), Due = item.DueDate, Owner = item.OwnerUserId, Status = item.Status, Version = item.Version };
        }

        return true;
    }

    public sealed class TaskInput
    {
        public string? Title { get; set; }

        public DateOnly? Due { get; set; }

        public Guid? Owner { get; set; }

        public WorkStatus Status { get; set; }

        public int Version { get; set; }
    }
}
