using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.WorkPlans;
using WorkProject = Formation.Application.Data.WorkProject;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Work;

/// <summary>What generating the work plan did.</summary>
public sealed record GenerationResult(int VersionNumber, int Added, int Updated, int Retired, int KeptEdited);

/// <summary>
/// The organisation's work plan: generated from the latest accepted plan version and merged into the tasks
/// already there by key (docs/decisions, WorkPlanMerge), so generating again changes nothing and a member's
/// edits survive. Works on the context's organisation.
/// </summary>
public sealed class WorkPlans(AppDbContext db, Plans plans, PlaybookLibrary library, TimeProvider clock)
{
    /// <summary>How far ahead recurring work is laid out.</summary>
    public const int HorizonWeeks = 12;

    /// <summary>Generates or updates the work plan; null when no plan version has been accepted yet.</summary>
    /// <param name="userId">The member who asked, for the audit trail.</param>
    public async Task<GenerationResult?> GenerateAsync(Guid? userId, CancellationToken ct = default)
    {
        var versions = await plans.VersionsAsync(ct).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }

        // The plan starts when the first version was accepted, so regenerating never shifts every date.
        var start = DateOnly.FromDateTime(versions[^1].CreatedAt);
        var blueprint = plans.BlueprintOf(versions[0]);
        var generated = WorkPlanGenerator.Generate(blueprint, library, new WorkPlanOptions(start, HorizonWeeks));

        var items = await db.WorkItems.Where(i => i.Key != null && i.DeletedAt == null).ToDictionaryAsync(i => i.Key!, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var changes = WorkPlanMerge.Merge(items.Values.Select(i => new ExistingTask(i.Key!, i.Fingerprint ?? "", i.Edited, i.Retired)), generated);
        if (changes.IsEmpty)
        {
            return new GenerationResult(versions[0].Number, 0, 0, 0, changes.KeptEdited.Count);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var projects = await db.WorkProjects.Where(p => p.Key != null).ToDictionaryAsync(p => p.Key!, StringComparer.Ordinal, ct).ConfigureAwait(false);
        foreach (var project in generated.Projects.Where(p => !projects.ContainsKey(p.Key)))
        {
            var row = new WorkProject { OrganizationId = db.OrganizationId, Id = Guid.CreateVersion7(), Key = project.Key, NameZh = project.Name.Zh, NameEn = project.Name.En, CreatedAt = now };
            db.WorkProjects.Add(row);
            projects[project.Key] = row;
        }

        foreach (var task in changes.Added)
        {
            var row = new WorkItem
            {
                OrganizationId = db.OrganizationId,
                Id = Guid.CreateVersion7(),
                Key = task.Key,
                TitleZh = "",
                TitleEn = "",
                Phase = "",
                Kind = "",
                OwnerPost = "",
                Cadence = "",
                EvidenceZh = "",
                EvidenceEn = "",
                CheckedBy = "",
                Status = WorkStatus.Todo,
                CreatedAt = now,
            };
            Write(row, task, projects, now);
            db.WorkItems.Add(row);
            Audit.Record(db, row.Id, "task", "created", userId, now, null, TaskSnapshot.Of(row));
            items[task.Key] = row;
        }

        foreach (var task in changes.Updated)
        {
            var row = items[task.Key];
            var before = TaskSnapshot.Of(row);
            Write(row, task, projects, now);
            var (b, a) = TaskSnapshot.Diff(before, TaskSnapshot.Of(row));
            Audit.Record(db, row.Id, "task", "generated", userId, now, b, a);
        }

        foreach (var key in changes.Retired)
        {
            var row = items[key];
            Audit.Record(db, row.Id, "task", "retired", userId, now, new { retired = false }, new { retired = true });
            row.Retired = true;
            row.Version++;
            row.UpdatedAt = now;
        }

        // Dependencies of rewritten tasks follow the plan; those of edited tasks stay as the member left them.
        var rewritten = changes.Added.Concat(changes.Updated).ToList();
        var rewrittenIds = rewritten.Select(t => items[t.Key].Id).ToList();
        db.WorkDependencies.RemoveRange(await db.WorkDependencies.Where(d => rewrittenIds.Contains(d.TaskId)).ToListAsync(ct).ConfigureAwait(false));
        foreach (var task in rewritten)
        {
            foreach (var key in task.DependsOn.Where(items.ContainsKey))
            {
                db.WorkDependencies.Add(new WorkDependency { OrganizationId = db.OrganizationId, TaskId = items[task.Key].Id, DependsOnTaskId = items[key].Id });
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await AssignOwnersAsync(userId, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new GenerationResult(versions[0].Number, changes.Added.Count, changes.Updated.Count, changes.Retired.Count, changes.KeptEdited.Count);
    }

    /// <summary>The members holding each post.</summary>
    public async Task<Dictionary<string, List<Guid>>> AssignmentsAsync(CancellationToken ct = default) =>
        (await db.PostAssignments.AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(a => a.Post, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.UserId).ToList(), StringComparer.Ordinal);

    /// <summary>Puts a member on a post (one person may hold several posts); false when they already hold it.</summary>
    /// <param name="actorId">The member who made the change, for the audit trail.</param>
    public async Task<bool> AssignAsync(string post, Guid userId, Guid? actorId, CancellationToken ct = default)
    {
        if (await db.PostAssignments.AnyAsync(a => a.Post == post && a.UserId == userId, ct).ConfigureAwait(false))
        {
            return false;
        }

        db.PostAssignments.Add(new PostAssignment { OrganizationId = db.OrganizationId, Post = post, UserId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await AssignOwnersAsync(actorId, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Takes a member off a post.</summary>
    public async Task UnassignAsync(string post, Guid userId, Guid? actorId, CancellationToken ct = default)
    {
        await db.PostAssignments.Where(a => a.Post == post && a.UserId == userId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await AssignOwnersAsync(actorId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Unedited tasks of a post held by exactly one person are theirs; with several people (or none) the post
    /// owns them until someone takes one. Edited tasks keep whoever a person chose.
    /// </summary>
    private async Task AssignOwnersAsync(Guid? actorId, CancellationToken ct)
    {
        var single = (await AssignmentsAsync(ct).ConfigureAwait(false)).Where(p => p.Value.Count == 1).ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in await db.WorkItems.Where(i => !i.Edited && i.DeletedAt == null).ToListAsync(ct).ConfigureAwait(false))
        {
            var owner = single.TryGetValue(item.OwnerPost, out var user) ? user : (Guid?)null;
            if (item.OwnerUserId != owner)
            {
                Audit.Record(db, item.Id, "task", "assigned", actorId, now, new { ownerUserId = item.OwnerUserId }, new { ownerUserId = owner });
                item.OwnerUserId = owner;
                item.Version++;
                item.UpdatedAt = now;
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static void Write(WorkItem row, WorkTask task, Dictionary<string, WorkProject> projects, DateTime now)
    {
        row.ProjectId = task.ProjectKey is null ? null : projects[task.ProjectKey].Id;
        row.ActivityId = task.ActivityId;
        row.TitleZh = task.Title.Zh;
        row.TitleEn = task.Title.En;
        row.Phase = task.Phase.ToId();
        row.Kind = task.Kind.ToString().ToLowerInvariant();
        row.OwnerPost = task.OwnerPost;
        row.StartDate = task.Start;
        row.DueDate = task.Due;
        row.Cadence = task.Cadence.ToId();
        row.EvidenceZh = task.Evidence.Zh;
        row.EvidenceEn = task.Evidence.En;
        row.CheckedBy = task.CheckedBy;
        row.EffortHours = task.EffortHours;
        row.Fingerprint = WorkPlanMerge.Fingerprint(task);
        row.Retired = false;
        row.Version++;
        row.UpdatedAt = now;
    }
}
