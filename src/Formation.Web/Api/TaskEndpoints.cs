using Formation.Domain.Text;
using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Api;

/// <summary>The work plan's tasks under /api/v1/organizations/{org}/tasks, with the same role rules and version check as the pages.</summary>
public static class TaskEndpoints
{
    /// <summary>The largest page of tasks one request returns.</summary>
    public const int MaxPage = 1000;

    /// <summary>A change to a task: the version the caller read, and the fields to change.</summary>
    public sealed record TaskPatch(int? Version, string? Status, DateOnly? Due, string? TitleZh, string? TitleEn);

    internal static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder org)
    {
        org.MapGet("/tasks", ListAsync).WithSummary("Tasks of the work plan, by due date; filter by status, post, owner (a user id or \"me\") and due date; page with offset and limit (at most 1000).");
        org.MapGet("/tasks/{id:guid}", GetAsync).WithSummary("One task; the ETag is its version.");
        org.MapPatch("/tasks/{id:guid}", PatchAsync).WithSummary("Changes a task's status, due date or title. Send the version you read; a newer one answers 409 with the current task.");
        return org;
    }

    private static async Task<IResult> ListAsync(HttpContext http, AppDbContext db, [FromQuery] string? status, [FromQuery] string? post, [FromQuery] string? owner,
        [FromQuery] DateOnly? dueBefore, [FromQuery] int? offset, [FromQuery] int? limit)
    {
        var query = db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && !i.Retired);
        if (status is not null)
        {
            if (ParseStatus(status) is not { } s)
            {
                return BadStatus(status);
            }

            query = query.Where(i => i.Status == s);
        }

        if (post is not null)
        {
            query = query.Where(i => i.OwnerPost == post);
        }

        if (owner is not null)
        {
            Guid id;
            if (owner == "me")
            {
                id = http.User.UserId()!.Value;
            }
            else if (!Guid.TryParse(owner, out id))
            {
                return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad owner", $"owner must be a user id or \"me\" (is \"{owner}\").");
            }

            query = query.Where(i => i.OwnerUserId == id);
        }

        if (dueBefore is { } before)
        {
            query = query.Where(i => i.DueDate < before);
        }

        if (offset is < 0 || limit is < 1 or > MaxPage)
        {
            return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad page", $"offset must be 0 or more and limit between 1 and {MaxPage}.");
        }

        var items = await query.OrderBy(i => i.DueDate).ThenBy(i => i.Id).Skip(offset ?? 0).Take(limit ?? 200).ToListAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(items.Select(Shape));
    }

    private static async Task<IResult> GetAsync(HttpContext http, AppDbContext db, Guid id)
    {
        var item = await db.WorkItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.DeletedAt == null, http.RequestAborted).ConfigureAwait(false);
        if (item is null)
        {
            return NoSuchTask();
        }

        http.Response.Headers.ETag = $"\"{item.Version}\"";
        return Results.Ok(Shape(item));
    }

    private static async Task<IResult> PatchAsync(HttpContext http, Tasks tasks, Guid id, TaskPatch? patch)
    {
        if (patch?.Version is not { } version)
        {
            return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Version missing", "Send the task's version as read (the \"version\" field), so a change made meanwhile is not overwritten.");
        }

        var status = patch.Status is null ? null : ParseStatus(patch.Status);
        if (patch.Status is not null && status is null)
        {
            return BadStatus(patch.Status);
        }

        if (patch.TitleZh is { } zh && (zh.Trim().Length == 0 || zh.Length > Tasks.MaxTitle) || patch.TitleEn is { } en && (en.Trim().Length == 0 || en.Length > Tasks.MaxTitle))
        {
            return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad title", $"A title must have text and at most {Tasks.MaxTitle} characters.");
        }

        var actor = new Actor(http.User.UserId()!.Value, (Role)http.Items[ApiEndpoints.RoleItem]!);
        var result = await tasks.EditAsync(id, version, actor, new TaskEdit(TitleZh: patch.TitleZh?.Trim(), TitleEn: patch.TitleEn?.Trim(), Due: patch.Due, Status: status), http.RequestAborted).ConfigureAwait(false);
        return result.Outcome switch
        {
            TaskOutcome.Saved => Results.Ok(Shape(result.Current!)),
            TaskOutcome.Conflict => Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed meanwhile",
                Detail = $"The task was changed by someone else meanwhile (version {result.Current!.Version}); your change was not saved. Compare with \"current\" and send it again with that version.",
                Extensions = { ["current"] = Shape(result.Current) },
            }),
            TaskOutcome.Invalid => ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad due date", "due must be a date in the years 2000 to 2199."),
            TaskOutcome.Forbidden => ApiEndpoints.Problem(StatusCodes.Status403Forbidden, "Not allowed", "Staff change only their own tasks (or their post's unclaimed ones) and cannot hand them to someone else; viewers change none."),
            _ => NoSuchTask(),
        };
    }

    private static WorkStatus? ParseStatus(string text) =>
        EnumNames.TryParse<WorkStatus>(text, out var status) ? status : null;

    private static IResult BadStatus(string text) =>
        ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad status", $"status must be one of {string.Join(", ", Enum.GetNames<WorkStatus>())} (is \"{text}\").");

    private static IResult NoSuchTask() => ApiEndpoints.Problem(StatusCodes.Status404NotFound, "Not found", "No such task in this organisation.");

    private static object Shape(WorkItem i) => new
    {
        id = i.Id,
        key = i.Key,
        projectId = i.ProjectId,
        titleZh = i.TitleZh,
        titleEn = i.TitleEn,
        phase = i.Phase,
        kind = i.Kind,
        post = i.OwnerPost,
        ownerUserId = i.OwnerUserId,
        status = i.Status.ToString(),
        start = i.StartDate,
        due = i.DueDate,
        cadence = i.Cadence,
        evidenceZh = i.EvidenceZh,
        evidenceEn = i.EvidenceEn,
        checkedBy = i.CheckedBy,
        effortHours = i.EffortHours,
        version = i.Version,
        updatedAt = DateTime.SpecifyKind(i.UpdatedAt, DateTimeKind.Utc),
    };
}
