using System.Globalization;
using System.Text;

namespace Formation.Domain.WorkPlans;

/// <summary>A generated task as it stands in the department's plan.</summary>
/// <param name="Key">The generated key it was created from.</param>
/// <param name="Fingerprint">The <see cref="WorkPlanMerge.Fingerprint"/> of the generated task it was last written from.</param>
/// <param name="Edited">True once a person changed it: regeneration never touches it again.</param>
/// <param name="Retired">True when an earlier regeneration retired it.</param>
public sealed record ExistingTask(string Key, string Fingerprint, bool Edited, bool Retired);

/// <summary>What regenerating a work plan does to the tasks already there.</summary>
/// <param name="Added">New generated tasks to create.</param>
/// <param name="Updated">Unedited tasks whose generated content changed (or that return after being retired): rewrite them.</param>
/// <param name="Retired">Unedited tasks the plan no longer has: retire them (recoverable), do not delete.</param>
/// <param name="KeptEdited">Edited tasks left exactly as they are, whatever the plan now says.</param>
public sealed record WorkPlanChanges(
    IReadOnlyList<WorkTask> Added,
    IReadOnlyList<WorkTask> Updated,
    IReadOnlyList<string> Retired,
    IReadOnlyList<string> KeptEdited)
{
    /// <summary>True when regenerating changes nothing.</summary>
    public bool IsEmpty => Added.Count == 0 && Updated.Count == 0 && Retired.Count == 0;
}

/// <summary>
/// Merges a freshly generated work plan into the tasks a department already has, by task key: generating
/// twice changes nothing, a blueprint change adds and retires tasks, and anything a person edited is kept.
/// </summary>
public static class WorkPlanMerge
{
    public static WorkPlanChanges Merge(IEnumerable<ExistingTask> existing, WorkPlan generated)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(generated);
        var current = existing.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var added = new List<WorkTask>();
        var updated = new List<WorkTask>();
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in generated.Tasks)
        {
            seen.Add(task.Key);
            if (!current.TryGetValue(task.Key, out var have))
            {
                added.Add(task);
            }
            else if (have.Edited)
            {
                kept.Add(task.Key);
            }
            else if (have.Retired || have.Fingerprint != Fingerprint(task))
            {
                updated.Add(task);
            }
        }

        var retired = new List<string>();
        foreach (var have in current.Values.Where(t => !seen.Contains(t.Key) && !t.Retired).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            (have.Edited ? kept : retired).Add(have.Key);
        }

        return new WorkPlanChanges(added, updated, retired, kept);
    }

    /// <summary>Everything of a generated task that regeneration may change, as one comparable string.</summary>
    public static string Fingerprint(WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var b = new StringBuilder();
        foreach (var part in new object?[]
                 {
                     task.ProjectKey, task.ActivityId, task.Title.Zh, task.Title.En, task.Phase, task.Kind, task.OwnerPost,
                     task.Start.ToString("O", CultureInfo.InvariantCulture), task.Due.ToString("O", CultureInfo.InvariantCulture),
                     string.Join(",", task.DependsOn), task.Cadence, task.Evidence.Zh, task.Evidence.En, task.CheckedBy,
                     task.EffortHours.ToString("R", CultureInfo.InvariantCulture),
                 })
        {
            b.Append(part).Append('\u001f');
        }

        return b.ToString();
    }
}
