using System.Text.Json;
using System.Text.Json.Serialization;
using Formation.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Work;

/// <summary>How a change to a task ended.</summary>
public enum TaskOutcome
{
    /// <summary>Saved (or nothing to change).</summary>
    Saved,

    /// <summary>No such task in this organisation (or it is deleted).</summary>
    NotFound,

    /// <summary>The member's role or posts do not allow it.</summary>
    Forbidden,

    /// <summary>Someone else changed the task first; <see cref="TaskResult.Current"/> is their version.</summary>
    Conflict,

    /// <summary>Deleted too long ago to restore.</summary>
    Expired,

    /// <summary>A date outside the years a plan can hold (see <see cref="Tasks.IsPlannable"/>), or a due date before the start.</summary>
    Invalid,
}

/// <summary>The outcome and, where there is one, the task as it now stands.</summary>
public sealed record TaskResult(TaskOutcome Outcome, WorkItem? Current = null);

/// <summary>Who is acting: the member and their role in the context's organisation.</summary>
public sealed record Actor(Guid UserId, Role Role)
{
    /// <summary>Owners, managers and supervisors change any task.</summary>
    public bool Supervises => Role is Role.Owner or Role.Manager or Role.Supervisor;
}

/// <summary>What a member may change on a task; null leaves a field as it is.</summary>
public sealed record TaskEdit(string? TitleZh = null, string? TitleEn = null, DateOnly? Due = null, Guid? Owner = null, bool ClearOwner = false, WorkStatus? Status = null);

/// <summary>A task or project deleted within the last <see cref="Tasks.RestoreDays"/> days.</summary>
public sealed record DeletedEntry(string Kind, Guid Id, string NameZh, string NameEn, DateTime DeletedAt, int TaskCount);

/// <summary>
/// Every change members make to tasks goes through here: the role check (staff change only their own tasks
/// or their post's unclaimed ones; supervisors and above any; viewers none), optimistic concurrency on the
/// task's version (a second writer gets <see cref="TaskOutcome.Conflict"/> and the first writer's version),
/// the audit trail (who, when, the changed fields before and after) and soft deletion that can be undone for
/// <see cref="RestoreDays"/> days. Works on the context's organisation.
/// </summary>
public sealed class Tasks(AppDbContext db, TimeProvider clock)
{
    /// <summary>How long a deleted task or project can be restored.</summary>
    public const int RestoreDays = 30;

    /// <summary>The longest title.</summary>
    public const int MaxTitle = 300;

    /// <summary>The largest evidence file.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Dates a task may carry: years 2000 to 2199, so reports and the roadmap never run off the calendar.</summary>
    public static bool IsPlannable(DateOnly date) => date.Year is >= 2000 and <= 2199;

    /// <summary>The posts a member holds.</summary>
    public async Task<HashSet<string>> PostsOfAsync(Guid userId, CancellationToken ct = default) =>
        (await db.PostAssignments.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.Post).ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the member may change this task.</summary>
    public static bool MayEdit(WorkItem item, Actor actor, IReadOnlySet<string> myPosts)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(myPosts);
        return actor.Supervises || (actor.Role == Role.Staff &&
            (item.OwnerUserId == actor.UserId || (item.OwnerUserId is null && myPosts.Contains(item.OwnerPost))));
    }

    /// <summary>Changes a task if <paramref name="expectedVersion"/> is still its version.</summary>
    public async Task<TaskResult> EditAsync(Guid id, int expectedVersion, Actor actor, TaskEdit edit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(edit);
        var item = await db.WorkItems.SingleOrDefaultAsync(i => i.Id == id && i.DeletedAt == null, ct).ConfigureAwait(false);
        if (item is null)
        {
            return new TaskResult(TaskOutcome.NotFound);
        }

        if (!MayEdit(item, actor, await PostsOfAsync(actor.UserId, ct).ConfigureAwait(false)))
        {
            return new TaskResult(TaskOutcome.Forbidden, item);
        }

        // Staff may take a task or give it back to their post, not hand it to someone else.
        var owner = edit.ClearOwner ? null : edit.Owner ?? item.OwnerUserId;
        if (!actor.Supervises && owner != item.OwnerUserId && owner is not null && owner != actor.UserId)
        {
            return new TaskResult(TaskOutcome.Forbidden, item);
        }

        if (edit.Due is { } due && !IsPlannable(due))
        {
            return new TaskResult(TaskOutcome.Invalid, item);
        }

        if (item.Version != expectedVersion)
        {
            return new TaskResult(TaskOutcome.Conflict, item);
        }

        var before = TaskSnapshot.Of(item);
        item.TitleZh = edit.TitleZh ?? item.TitleZh;
        item.TitleEn = edit.TitleEn ?? item.TitleEn;
        item.DueDate = edit.Due ?? item.DueDate;
        item.OwnerUserId = owner;
        item.Status = edit.Status ?? item.Status;
        var after = TaskSnapshot.Of(item);
        if (before == after)
        {
            return new TaskResult(TaskOutcome.Saved, item);
        }

        // A person's change to what the plan generated keeps regeneration away from it; moving it along does not.
        item.Edited |= before with { Status = after.Status } != after;
        return await SaveAsync(item, actor, before.Status != after.Status && before with { Status = after.Status } == after ? "status" : "updated", before, after, ct).ConfigureAwait(false);
    }

    /// <summary>Moves a task to another status (the board's drag).</summary>
    public Task<TaskResult> MoveAsync(Guid id, int expectedVersion, Actor actor, WorkStatus status, CancellationToken ct = default) =>
        EditAsync(id, expectedVersion, actor, new TaskEdit(Status: status), ct);

    /// <summary>Adds a task by hand; supervisors and above, or staff for their own posts.</summary>
    public async Task<TaskResult> CreateAsync(Actor actor, string title, string post, DateOnly start, DateOnly due, double effortHours, Guid? projectId, Guid? owner, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(post);
        if (!IsPlannable(start) || !IsPlannable(due) || due < start)
        {
            return new TaskResult(TaskOutcome.Invalid);
        }

        var myPosts = await PostsOfAsync(actor.UserId, ct).ConfigureAwait(false);
        if (!actor.Supervises && !(actor.Role == Role.Staff && myPosts.Contains(post) && (owner is null || owner == actor.UserId)))
        {
            return new TaskResult(TaskOutcome.Forbidden);
        }

        if (projectId is { } p && !await db.WorkProjects.AnyAsync(x => x.Id == p && x.DeletedAt == null, ct).ConfigureAwait(false))
        {
            return new TaskResult(TaskOutcome.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new WorkItem
        {
            OrganizationId = db.OrganizationId,
            Id = Guid.CreateVersion7(),
            ProjectId = projectId,
            TitleZh = title.Trim(),
            TitleEn = title.Trim(),
            Phase = "implementation",
            Kind = "manual",
            OwnerPost = post,
            OwnerUserId = owner,
            Status = WorkStatus.Todo,
            StartDate = start,
            DueDate = due,
            Cadence = "once",
            EvidenceZh = "",
            EvidenceEn = "",
            CheckedBy = post,
            EffortHours = effortHours,
            Edited = true,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WorkItems.Add(item);
        Audit.Record(db, item.Id, "task", "created", actor.UserId, now, null, TaskSnapshot.Of(item));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new TaskResult(TaskOutcome.Saved, item);
    }

    /// <summary>Deletes a task (supervisors and above); it can be restored for <see cref="RestoreDays"/> days.</summary>
    public async Task<TaskResult> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = await db.WorkItems.SingleOrDefaultAsync(i => i.Id == id && i.DeletedAt == null, ct).ConfigureAwait(false);
        if (item is null)
        {
            return new TaskResult(TaskOutcome.NotFound);
        }

        if (!actor.Supervises)
        {
            return new TaskResult(TaskOutcome.Forbidden, item);
        }

        var before = TaskSnapshot.Of(item);
        item.DeletedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(item, actor, "deleted", before, TaskSnapshot.Of(item), ct).ConfigureAwait(false);
    }

    /// <summary>Restores a deleted task, if deleted within <see cref="RestoreDays"/> days.</summary>
    public async Task<TaskResult> RestoreAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = await db.WorkItems.SingleOrDefaultAsync(i => i.Id == id && i.DeletedAt != null, ct).ConfigureAwait(false);
        if (item is null)
        {
            return new TaskResult(TaskOutcome.NotFound);
        }

        if (!actor.Supervises)
        {
            return new TaskResult(TaskOutcome.Forbidden, item);
        }

        if (!Restorable(item.DeletedAt!.Value))
        {
            return new TaskResult(TaskOutcome.Expired, item);
        }

        if (item.ProjectId is { } p && await db.WorkProjects.AnyAsync(x => x.Id == p && x.DeletedAt != null, ct).ConfigureAwait(false))
        {
            // Its project is deleted: restore the project, which brings back what was deleted with it.
            return new TaskResult(TaskOutcome.Conflict, item);
        }

        var before = TaskSnapshot.Of(item);
        item.DeletedAt = null;
        return await SaveAsync(item, actor, "restored", before, TaskSnapshot.Of(item), ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a project and its tasks together (managers and owners).</summary>
    public async Task<TaskOutcome> DeleteProjectAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var project = await db.WorkProjects.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct).ConfigureAwait(false);
        if (project is null)
        {
            return TaskOutcome.NotFound;
        }

        if (actor.Role is not (Role.Owner or Role.Manager))
        {
            return TaskOutcome.Forbidden;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        project.DeletedAt = now;
        Audit.Record(db, project.Id, "project", "deleted", actor.UserId, now, new { deleted = false }, new { deleted = true });
        foreach (var item in await db.WorkItems.Where(i => i.ProjectId == id && i.DeletedAt == null).ToListAsync(ct).ConfigureAwait(false))
        {
            var before = TaskSnapshot.Of(item);
            item.DeletedAt = now;
            item.Version++;
            item.UpdatedAt = now;
            Audit.Record(db, item.Id, "task", "deleted", actor.UserId, now, before, TaskSnapshot.Of(item));
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TaskOutcome.Saved;
    }

    /// <summary>Restores a project and the tasks deleted with it, if within <see cref="RestoreDays"/> days.</summary>
    public async Task<TaskOutcome> RestoreProjectAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var project = await db.WorkProjects.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt != null, ct).ConfigureAwait(false);
        if (project is null)
        {
            return TaskOutcome.NotFound;
        }

        if (actor.Role is not (Role.Owner or Role.Manager))
        {
            return TaskOutcome.Forbidden;
        }

        var deletedAt = project.DeletedAt!.Value;
        if (!Restorable(deletedAt))
        {
            return TaskOutcome.Expired;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        project.DeletedAt = null;
        Audit.Record(db, project.Id, "project", "restored", actor.UserId, now, new { deleted = true }, new { deleted = false });

        // Tasks deleted one by one before the project keep their own deletion.
        foreach (var item in await db.WorkItems.Where(i => i.ProjectId == id && i.DeletedAt == deletedAt).ToListAsync(ct).ConfigureAwait(false))
        {
            var before = TaskSnapshot.Of(item);
            item.DeletedAt = null;
            item.Version++;
            item.UpdatedAt = now;
            Audit.Record(db, item.Id, "task", "restored", actor.UserId, now, before, TaskSnapshot.Of(item));
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TaskOutcome.Saved;
    }

    /// <summary>What can still be restored: deleted projects, and tasks deleted on their own.</summary>
    public async Task<List<DeletedEntry>> DeletedAsync(CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RestoreDays);
        var projects = await db.WorkProjects.AsNoTracking().Where(p => p.DeletedAt != null && p.DeletedAt >= since).ToListAsync(ct).ConfigureAwait(false);
        var projectIds = projects.Select(p => p.Id).ToList();
        var counts = await db.WorkItems.AsNoTracking().Where(i => i.ProjectId != null && projectIds.Contains(i.ProjectId.Value) && i.DeletedAt != null)
            .GroupBy(i => i.ProjectId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct).ConfigureAwait(false);
        var tasks = await db.WorkItems.AsNoTracking()
            .Where(i => i.DeletedAt != null && i.DeletedAt >= since && (i.ProjectId == null || !projectIds.Contains(i.ProjectId.Value)))
            .ToListAsync(ct).ConfigureAwait(false);
        return projects.Select(p => new DeletedEntry("project", p.Id, p.NameZh, p.NameEn, p.DeletedAt!.Value, counts.GetValueOrDefault(p.Id)))
            .Concat(tasks.Select(t => new DeletedEntry("task", t.Id, t.TitleZh, t.TitleEn, t.DeletedAt!.Value, 1)))
            .OrderByDescending(e => e.DeletedAt)
            .ToList();
    }

    /// <summary>Removes for good what was deleted more than <see cref="RestoreDays"/> days ago; returns the tasks removed.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-RestoreDays);
        var ids = await db.WorkItems.Where(i => i.DeletedAt != null && i.DeletedAt < before).Select(i => i.Id).ToListAsync(ct).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await db.WorkDependencies.Where(d => ids.Contains(d.DependsOnTaskId) || ids.Contains(d.TaskId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        var removed = await db.WorkItems.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        var projects = await db.WorkProjects.Where(p => p.DeletedAt != null && p.DeletedAt < before).Select(p => p.Id).ToListAsync(ct).ConfigureAwait(false);
        if (projects.Count > 0)
        {
            // Tasks that were restored on their own out of a deleted project leave it for the plan at large.
            await db.WorkItems.Where(i => i.ProjectId != null && projects.Contains(i.ProjectId.Value)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProjectId, (Guid?)null), ct).ConfigureAwait(false);
            await db.WorkProjects.Where(p => projects.Contains(p.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Adds a comment; any member but a viewer may comment.</summary>
    public async Task<TaskOutcome> CommentAsync(Guid taskId, Actor actor, string body, CancellationToken ct = default) =>
        await AttachAsync(taskId, actor, new WorkComment { Kind = "comment", Body = body.Trim() }, null, ct).ConfigureAwait(false);

    /// <summary>Adds a link as evidence for the checkpoint; those who may change the task may.</summary>
    public async Task<TaskOutcome> AddLinkAsync(Guid taskId, Actor actor, Uri url, string note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        return await AttachAsync(taskId, actor, new WorkComment { Kind = "link", Body = note.Trim(), Url = url.ToString() }, null, ct).ConfigureAwait(false);
    }

    /// <summary>Adds a file (at most <see cref="MaxFileBytes"/>) as evidence for the checkpoint.</summary>
    public async Task<TaskOutcome> AddFileAsync(Guid taskId, Actor actor, string fileName, string contentType, byte[] content, string note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return await AttachAsync(taskId, actor, new WorkComment { Kind = "file", Body = note.Trim(), FileName = Path.GetFileName(fileName), ContentType = contentType, FileSize = content.LongLength }, content, ct).ConfigureAwait(false);
    }

    /// <summary>The comments and evidence on a task, oldest first.</summary>
    public async Task<List<(WorkComment Comment, string Author)>> CommentsAsync(Guid taskId, CancellationToken ct = default) =>
        (await (from c in db.WorkComments.AsNoTracking()
                join u in db.Users on c.UserId equals u.Id
                where c.TaskId == taskId
                orderby c.CreatedAt
                select new { c, u.DisplayName }).ToListAsync(ct).ConfigureAwait(false)).Select(x => (x.c, x.DisplayName)).ToList();

    /// <summary>An evidence file's bytes and how to serve them; null when there is none.</summary>
    public async Task<(WorkComment Comment, byte[] Content)?> FileAsync(Guid commentId, CancellationToken ct = default)
    {
        var comment = await db.WorkComments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && c.Kind == "file", ct).ConfigureAwait(false);
        var file = comment is null ? null : await db.WorkFiles.AsNoTracking().SingleOrDefaultAsync(f => f.CommentId == commentId, ct).ConfigureAwait(false);
        return file is null ? null : (comment!, file.Content);
    }

    /// <summary>A task's audit trail, newest first, with who made each change ("" for Formation itself).</summary>
    public async Task<List<(WorkChange Change, string Who)>> HistoryAsync(Guid subjectId, CancellationToken ct = default) =>
        (await (from c in db.WorkChanges.AsNoTracking()
                join u in db.Users on c.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                where c.SubjectId == subjectId
                orderby c.At descending
                select new { c, Name = u == null ? "" : u.DisplayName }).ToListAsync(ct).ConfigureAwait(false)).Select(x => (x.c, x.Name)).ToList();

    private bool Restorable(DateTime deletedAt) => deletedAt >= clock.GetUtcNow().UtcDateTime.AddDays(-RestoreDays);

    private async Task<TaskOutcome> AttachAsync(Guid taskId, Actor actor, WorkComment comment, byte[]? content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = await db.WorkItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == taskId && i.DeletedAt == null, ct).ConfigureAwait(false);
        if (item is null)
        {
            return TaskOutcome.NotFound;
        }

        var allowed = comment.Kind == "comment" ? actor.Role != Role.Viewer : MayEdit(item, actor, await PostsOfAsync(actor.UserId, ct).ConfigureAwait(false));
        if (!allowed)
        {
            return TaskOutcome.Forbidden;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        comment.OrganizationId = db.OrganizationId;
        comment.Id = Guid.CreateVersion7();
        comment.TaskId = taskId;
        comment.UserId = actor.UserId;
        comment.CreatedAt = now;
        db.WorkComments.Add(comment);
        if (content is not null)
        {
            db.WorkFiles.Add(new WorkFile { OrganizationId = db.OrganizationId, CommentId = comment.Id, Content = content });
        }

        Audit.Record(db, taskId, "task", "commented", actor.UserId, now, null, new { kind = comment.Kind, comment.Body, comment.Url, comment.FileName });

        // A comment or evidence is activity: the follow-up does not call a task stalled while people work on it.
        // The version stays, so an edit form open elsewhere still saves.
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await db.WorkItems.Where(i => i.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return TaskOutcome.Saved;
    }

    private async Task<TaskResult> SaveAsync(WorkItem item, Actor actor, string action, TaskSnapshot before, TaskSnapshot after, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        item.Version++;
        item.UpdatedAt = now;
        var (b, a) = TaskSnapshot.Diff(before, after);
        Audit.Record(db, item.Id, "task", action, actor.UserId, now, b, a);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return new TaskResult(TaskOutcome.Saved, item);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: theirs stands, ours is reported back.
            db.ChangeTracker.Clear();
            var current = await db.WorkItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.Id, ct).ConfigureAwait(false);
            return new TaskResult(current is null ? TaskOutcome.NotFound : TaskOutcome.Conflict, current);
        }
    }
}

/// <summary>The fields of a task the audit trail follows.</summary>
internal sealed record TaskSnapshot(string TitleZh, string TitleEn, WorkStatus Status, DateOnly StartDate, DateOnly DueDate, string OwnerPost, Guid? OwnerUserId, bool Retired, bool Deleted)
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },

        // Chinese titles stay readable in the database, not \uXXXX; the trail is never put into HTML or script unencoded.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TaskSnapshot Of(WorkItem i) => new(i.TitleZh, i.TitleEn, i.Status, i.StartDate, i.DueDate, i.OwnerPost, i.OwnerUserId, i.Retired, i.DeletedAt is not null);

    public static string Json(object value) => value is Dictionary<string, object?> d ? JsonSerializer.Serialize(d, s_options) : JsonSerializer.Serialize(value, value.GetType(), s_options);

    /// <summary>Only the fields that differ, by camelCase name.</summary>
    public static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Diff(TaskSnapshot before, TaskSnapshot after)
    {
        var b = new Dictionary<string, object?>(StringComparer.Ordinal);
        var a = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in typeof(TaskSnapshot).GetProperties())
        {
            var x = property.GetValue(before);
            var y = property.GetValue(after);
            if (!Equals(x, y))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                b[name] = x is WorkStatus s1 ? s1.ToString() : x;
                a[name] = y is WorkStatus s2 ? s2.ToString() : y;
            }
        }

        return (b, a);
    }
}

/// <summary>The audit trail: one <see cref="WorkChange"/> per change, added to the context for the caller to save.</summary>
internal static class Audit
{
    public static void Record(AppDbContext db, Guid subjectId, string kind, string action, Guid? userId, DateTime at, object? before, object? after) =>
        db.WorkChanges.Add(new WorkChange
        {
            OrganizationId = db.OrganizationId,
            Id = Guid.CreateVersion7(),
            SubjectId = subjectId,
            SubjectKind = kind,
            Action = action,
            UserId = userId,
            At = at,
            Before = before is null ? null : TaskSnapshot.Json(before),
            After = after is null ? null : TaskSnapshot.Json(after),
        });
}
