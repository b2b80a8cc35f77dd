using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Work;
using Formation.Domain.Planning;
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
[RequestSizeLimit(Tasks.MaxFileBytes + UploadOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = Tasks.MaxFileBytes + UploadOverhead)]
public sealed class TaskModel(AppDbContext db, Accounts accounts, Tasks tasks) : OrgPageModel
{
    /// <summary>Room for the form's other fields around an evidence file of the largest size, so an oversized file is told, not cut off.</summary>
    private const long UploadOverhead = 1024 * 1024;

    public WorkItem Item { get; private set; } = null!;

    public WorkItem? Conflict { get; private set; }

    public List<(Guid Id, string Name)> Members { get; private set; } = [];

    public bool MayEdit { get; private set; }

    public List<(WorkComment Comment, string Author)> Comments { get; private set; } = [];

    public List<(WorkChange Change, string Who)> History { get; private set; } = [];

    /// <summary>What was wrong with a comment or evidence the member just sent.</summary>
    public string? AttachError { get; private set; }

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

        Input.Title = Input.Title?.Trim();
        if (Input.Title is not { Length: > 0 and <= Tasks.MaxTitle } || Input.Due is not { } due || !Tasks.IsPlannable(due)
            || Input.Status is not { } status || !Enum.IsDefined(status) || (Input.Owner is { } o && Members.All(m => m.Id != o)))
        {
            ModelState.AddModelError("Input.Title", L("请填写标题（300 字以内）、2000–2199 年之间的截止日期和状态，并选择本组织的成员。", "Give a title (at most 300 characters), a due date in the years 2000–2199, a status and a member of this organisation."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var zh = Language == Formation.Domain.Text.Language.Zh;
        var edit = new TaskEdit(TitleZh: zh ? Input.Title : null, TitleEn: zh ? null : Input.Title, Due: due, Owner: Input.Owner, ClearOwner: Input.Owner is null, Status: status);
        var result = await tasks.EditAsync(id, Input.Version, Actor, edit, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            TaskOutcome.Saved => Redirect($"/o/{Organization.Id}/work/{id}"),
            TaskOutcome.Conflict => Conflicted(result.Current!),
            TaskOutcome.Forbidden => Denied(),
            _ => NotFound(),
        };
    }

    /// <summary>A comment on the task.</summary>
    public async Task<IActionResult> OnPostCommentAsync(Guid id, string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > 4000)
        {
            return await AttachRejectedAsync(id, L("请填写评论（4000 字以内）。", "Write a comment of at most 4,000 characters."));
        }

        return await AttachedAsync(id, await tasks.CommentAsync(id, Actor, body, HttpContext.RequestAborted));
    }

    /// <summary>A link as evidence for the checkpoint.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid id, string? url, string? note)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https") || url!.Length > 2000 || note?.Length > 4000)
        {
            return await AttachRejectedAsync(id, L("链接须是以 http:// 或 https:// 开头的完整网址。", "The link must be a full address starting with http:// or https://."));
        }

        return await AttachedAsync(id, await tasks.AddLinkAsync(id, Actor, link, note ?? "", HttpContext.RequestAborted));
    }

    /// <summary>A file as evidence for the checkpoint.</summary>
    public async Task<IActionResult> OnPostFileAsync(Guid id, IFormFile? file, string? note)
    {
        if (file is null || file.Length == 0)
        {
            return await AttachRejectedAsync(id, L("请选择要上传的文件。", "Choose a file to upload."));
        }

        if (file.Length > Tasks.MaxFileBytes)
        {
            return await AttachRejectedAsync(id, L($"文件 {file.FileName} 超过 10 MB 上限。", $"The file {file.FileName} is larger than the 10 MB limit."));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, HttpContext.RequestAborted);
        var type = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
        return await AttachedAsync(id, await tasks.AddFileAsync(id, Actor, file.FileName, type, buffer.ToArray(), note ?? "", HttpContext.RequestAborted));
    }

    /// <summary>Downloads an evidence file; always as an attachment, so nothing uploaded runs in the page.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid comment)
    {
        var found = await tasks.FileAsync(comment, HttpContext.RequestAborted);
        if (found is not { } f || f.Comment.TaskId != id)
        {
            return NotFound();
        }

        var type = f.Comment.ContentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "application/pdf" or "text/csv" ? f.Comment.ContentType : "application/octet-stream";
        return File(f.Content, type, FileNames.Safe(f.Comment.FileName ?? "evidence"));
    }

    /// <summary>Deletes the task; it can be restored for 30 days from the deleted-items page.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var result = await tasks.DeleteAsync(id, Actor, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            TaskOutcome.Saved => Redirect($"/o/{Organization.Id}/work/deleted"),
            TaskOutcome.Forbidden => Denied(),
            _ => NotFound(),
        };
    }

    /// <summary>An audit action in the reader's language.</summary>
    public static string ActionName(string action) => action switch
    {
        "created" => L("创建", "created"),
        "updated" => L("修改", "changed"),
        "status" => L("状态变更", "moved"),
        "generated" => L("按计划更新", "updated from the plan"),
        "retired" => L("停用", "retired"),
        "assigned" => L("指派", "assigned"),
        "deleted" => L("删除", "deleted"),
        "restored" => L("恢复", "restored"),
        "commented" => L("评论/依据", "comment or evidence"),
        _ => action,
    };

    /// <summary>An audit entry's changed fields in the reader's words: (field, before, after).</summary>
    public IEnumerable<(string Field, string Before, string After)> Changes(WorkChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = Fields(change.Before);
        var after = Fields(change.After);
        if (change.Action is "created" or "commented")
        {
            yield break;
        }

        foreach (var key in before.Keys.Union(after.Keys))
        {
            yield return (FieldName(key), Value(key, before.GetValueOrDefault(key)), Value(key, after.GetValueOrDefault(key)));
        }
    }

    private static Dictionary<string, System.Text.Json.JsonElement> Fields(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : [];
    }

    private static string FieldName(string key) => key switch
    {
        "titleZh" => L("中文标题", "Chinese title"),
        "titleEn" => L("英文标题", "English title"),
        "status" => L("状态", "Status"),
        "startDate" => L("开始", "Start"),
        "dueDate" => L("截止", "Due"),
        "ownerPost" => L("岗位", "Post"),
        "ownerUserId" => L("负责人", "Owner"),
        "retired" => L("停用", "Retired"),
        "deleted" => L("已删除", "Deleted"),
        _ => key,
    };

    private string Value(string key, System.Text.Json.JsonElement? value)
    {
        if (value is not { } v || v.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return "—";
        }

        return key switch
        {
            "status" when Enum.TryParse<WorkStatus>(v.GetString(), out var status) => WorkText.Status(status),
            "ownerUserId" when v.TryGetGuid(out var user) => Members.FirstOrDefault(m => m.Id == user).Name ?? L("（已离开的成员）", "(a former member)"),
            "ownerPost" => T(PostCatalog.TitleOf(v.GetString() ?? "")),
            "dueDate" or "startDate" when DateOnly.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var date) => date.ToString("d", System.Globalization.CultureInfo.CurrentCulture),
            _ when v.ValueKind is System.Text.Json.JsonValueKind.True => L("是", "yes"),
            _ when v.ValueKind is System.Text.Json.JsonValueKind.False => L("否", "no"),
            _ => v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : v.GetRawText(),
        };
    }

    public static string Title(WorkItem item) => Language == Formation.Domain.Text.Language.Zh ? item.TitleZh : item.TitleEn;

    private Actor Actor => new(UserId, Role);

    private async Task<IActionResult> AttachedAsync(Guid id, TaskOutcome outcome) => outcome switch
    {
        TaskOutcome.Saved => Redirect($"/o/{Organization.Id}/work/{id}#comments"),
        TaskOutcome.Forbidden => await LoadAsync(id) ? Denied() : NotFound(),
        _ => NotFound(),
    };

    private async Task<IActionResult> AttachRejectedAsync(Guid id, string message)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        AttachError = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

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
        Members = (await accounts.MembersAsync(Organization.Id, HttpContext.RequestAborted)).Select(m => (m.Id, m.Name)).ToList();
        MayEdit = Tasks.MayEdit(item, Actor, await tasks.PostsOfAsync(UserId, HttpContext.RequestAborted));
        Comments = await tasks.CommentsAsync(id, HttpContext.RequestAborted);
        History = await tasks.HistoryAsync(id, HttpContext.RequestAborted);
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

        public WorkStatus? Status { get; set; }

        public int Version { get; set; }
    }
}
