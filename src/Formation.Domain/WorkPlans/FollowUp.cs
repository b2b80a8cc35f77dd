namespace Formation.Domain.WorkPlans;

/// <summary>An organisation's follow-up rules (PRODUCT §3 M3), in days.</summary>
/// <param name="DueSoonDays">Warn the owner this many days before a task is due.</param>
/// <param name="StalledDays">A started or open task with no update for this long is stalled.</param>
/// <param name="SupervisorAfterDays">Days overdue (or stalled beyond the threshold) before the post's supervisor is told.</param>
/// <param name="ManagerAfterDays">Days before the department's lead is told.</param>
public sealed record FollowUpRules(int DueSoonDays = 2, int StalledDays = 7, int SupervisorAfterDays = 2, int ManagerAfterDays = 5)
{
    /// <summary>Rules that make sense: positive windows, the manager after the supervisor.</summary>
    public bool IsValid => DueSoonDays >= 0 && StalledDays >= 1 && SupervisorAfterDays >= 0 && ManagerAfterDays >= SupervisorAfterDays;
}

/// <summary>Why a task needs attention.</summary>
public enum FollowUpReason
{
    /// <summary>Due within the warning window.</summary>
    DueSoon,

    /// <summary>Past its due date and not done.</summary>
    Overdue,

    /// <summary>Not updated for too long.</summary>
    Stalled,
}

/// <summary>Who is told, in escalation order.</summary>
public enum FollowUpLevel
{
    /// <summary>The task's owner.</summary>
    Owner,

    /// <summary>The supervisor of the owner's post.</summary>
    Supervisor,

    /// <summary>The department's lead.</summary>
    Manager,
}

/// <summary>What the follow-up needs to know about an open task.</summary>
/// <param name="LastUpdated">The day of its last change.</param>
/// <param name="Done">True when done (done tasks need no follow-up).</param>
/// <param name="Start">For a task not yet begun, when it is planned to start: it cannot stall before then. Null once begun.</param>
public sealed record FollowUpTask(Guid Id, string OwnerPost, DateOnly Due, DateOnly LastUpdated, bool Done, DateOnly? Start = null);

/// <summary>One notice: the task, why, and which post is told at which level.</summary>
/// <param name="Days">Days overdue or stalled (0 on the day); for due-soon, days left.</param>
public sealed record FollowUpNotice(Guid TaskId, FollowUpReason Reason, FollowUpLevel Level, string Post, int Days);

/// <summary>
/// Finds overdue, due-soon and stalled tasks and says who to tell: first the owner, then — once it has gone on
/// long enough — the supervisor of the owner's post, then the department's lead. Pure: the caller passes today
/// (from its <see cref="TimeProvider"/>), the rules and the reporting lines of the blueprint.
/// </summary>
public static class FollowUp
{
    /// <param name="reportsTo">Post → the post it reports to (the blueprint's org chart).</param>
    /// <param name="lead">The department's lead post (manager or specialist).</param>
    public static IReadOnlyList<FollowUpNotice> Evaluate(
        IEnumerable<FollowUpTask> tasks, DateOnly today, FollowUpRules rules, IReadOnlyDictionary<string, string> reportsTo, string lead)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(reportsTo);
        if (!rules.IsValid)
        {
            throw new ArgumentException("Follow-up rules must have positive windows and tell the manager after the supervisor.", nameof(rules));
        }

        var notices = new List<FollowUpNotice>();
        foreach (var task in tasks.Where(t => !t.Done))
        {
            var overdue = today.DayNumber - task.Due.DayNumber;
            // Quiet since the last change, or since the planned start when that came later.
            var quiet = today.DayNumber - Math.Max(task.LastUpdated.DayNumber, task.Start?.DayNumber ?? int.MinValue);
            if (overdue > 0)
            {
                Escalate(task, FollowUpReason.Overdue, overdue, rules, reportsTo, lead, notices);
            }
            else if (-overdue <= rules.DueSoonDays)
            {
                notices.Add(new FollowUpNotice(task.Id, FollowUpReason.DueSoon, FollowUpLevel.Owner, task.OwnerPost, -overdue));
            }

            if (quiet >= rules.StalledDays)
            {
                Escalate(task, FollowUpReason.Stalled, quiet - rules.StalledDays, rules, reportsTo, lead, notices);
            }
        }

        return notices;
    }

    private static void Escalate(FollowUpTask task, FollowUpReason reason, int days, FollowUpRules rules,
        IReadOnlyDictionary<string, string> reportsTo, string lead, List<FollowUpNotice> notices)
    {
        notices.Add(new FollowUpNotice(task.Id, reason, FollowUpLevel.Owner, task.OwnerPost, days));
        var supervisor = reportsTo.GetValueOrDefault(task.OwnerPost);
        if (days >= rules.SupervisorAfterDays && supervisor is not null && supervisor != lead && supervisor != task.OwnerPost)
        {
            notices.Add(new FollowUpNotice(task.Id, reason, FollowUpLevel.Supervisor, supervisor, days));
        }

        if (days >= rules.ManagerAfterDays && task.OwnerPost != lead)
        {
            notices.Add(new FollowUpNotice(task.Id, reason, FollowUpLevel.Manager, lead, days));
        }
    }
}
