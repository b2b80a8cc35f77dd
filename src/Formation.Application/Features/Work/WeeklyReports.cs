using System.Globalization;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Work;

/// <summary>A built weekly report with the name of the organisation it is about.</summary>
public sealed record WeeklyReportResult(WeeklyReport Report, string Organization);

/// <summary>
/// Loads what the weekly report is built from (<see cref="WeeklyReportBuilder"/>) for the context's organisation:
/// its live tasks (not deleted, not retired), the status and due-date moves members made (audit actions
/// <c>status</c> and <c>updated</c>), when each task was last moved to Done, who holds which post, and the posts of
/// the latest accepted plan. Everyone works the plan's weekly hours (<c>enterprise.workHoursPerWeek</c>).
/// </summary>
public sealed class WeeklyReports(AppDbContext db, Plans plans)
{
    private static readonly string[] s_moves = ["status", "updated"];

    /// <summary>Builds the report for a week; null when the organisation has no accepted plan yet.</summary>
    public async Task<WeeklyReportResult?> BuildAsync(IsoWeek week, CancellationToken ct = default)
    {
        var versions = await plans.VersionsAsync(ct).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }

        var blueprint = plans.BlueprintOf(versions[0]);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == db.OrganizationId).Select(o => o.Name).SingleAsync(ct).ConfigureAwait(false);
        var items = await db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && !i.Retired).ToListAsync(ct).ConfigureAwait(false);
        var tasks = items.Select(i => new WeeklyTask(
            i.Id, new LocalizedText(i.TitleZh, i.TitleEn), i.OwnerPost, i.OwnerUserId, StatusOf(i.Status),
            i.StartDate, i.DueDate, i.EffortHours, i.Kind == "recurring")).ToList();

        var changes = await db.WorkChanges.AsNoTracking().Where(c => c.SubjectKind == "task" && c.Before != null && c.After != null)
            .Select(c => new { c.SubjectId, c.Action, c.At, c.Before, c.After }).ToListAsync(ct).ConfigureAwait(false);
        var statusChanges = new List<StatusChange>();
        var dueChanges = new List<DueChange>();
        var doneAt = new Dictionary<Guid, DateTime>();
        foreach (var change in changes)
        {
            var before = Fields(change.Before!);
            var after = Fields(change.After!);
            var at = DateTime.SpecifyKind(change.At, DateTimeKind.Utc);
            if (after.TryGetValue("status", out var to) && Enum.TryParse<WeeklyTaskStatus>(to, out var toStatus))
            {
                if (toStatus == WeeklyTaskStatus.Done && (!doneAt.TryGetValue(change.SubjectId, out var last) || at > last))
                {
                    doneAt[change.SubjectId] = at;
                }

                if (before.TryGetValue("status", out var from) && Enum.TryParse<WeeklyTaskStatus>(from, out var fromStatus))
                {
                    statusChanges.Add(new StatusChange(change.SubjectId, at, fromStatus, toStatus));
                }
            }

            if (s_moves.Contains(change.Action) && before.TryGetValue("dueDate", out var oldDue) && after.TryGetValue("dueDate", out var newDue)
                && DateOnly.TryParseExact(oldDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fromDue)
                && DateOnly.TryParseExact(newDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var toDue))
            {
                dueChanges.Add(new DueChange(change.SubjectId, at, fromDue, toDue));
            }
        }

        var holders = await db.PostAssignments.AsNoTracking().Select(a => new { a.Post, a.UserId }).ToListAsync(ct).ConfigureAwait(false);
        var people = await (from m in db.Memberships.AsNoTracking()
                            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                            where m.OrganizationId == db.OrganizationId
                            select new { u.Id, u.DisplayName }).ToListAsync(ct).ConfigureAwait(false);
        var hours = blueprint.Assumptions.WorkHoursPerWeek > 0 ? blueprint.Assumptions.WorkHoursPerWeek : WeeklyReportBuilder.DefaultWeeklyHours;

        var input = new WeeklyReportInput(
            week, tasks, statusChanges, dueChanges, doneAt,
            holders.Select(h => new PostHolder(h.Post, h.UserId)).ToList(),
            people.Select(p => new ReportPerson(p.Id, p.DisplayName, hours)).ToList(),
            blueprint.Posts.Select(p => p.Id).ToList(),
            // The report's days are the organisation's: work done on a Monday morning in Shanghai is Monday's, not
            // the Sunday it still was in UTC.
            TimeZones.Resolve(await db.TimeZoneAsync(ct).ConfigureAwait(false)));
        return new WeeklyReportResult(WeeklyReportBuilder.Build(input), organization);
    }

    private static WeeklyTaskStatus StatusOf(WorkStatus status) => status switch
    {
        WorkStatus.Doing => WeeklyTaskStatus.Doing,
        WorkStatus.Review => WeeklyTaskStatus.Review,
        WorkStatus.Done => WeeklyTaskStatus.Done,
        _ => WeeklyTaskStatus.Todo,
    };

    /// <summary>The top-level fields of an audit entry's JSON object as text (strings as they are, others as JSON).</summary>
    private static Dictionary<string, string> Fields(string json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            // An entry that is not a JSON object says nothing the report reads.
        }

        return fields;
    }
}
