using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Planning;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Work;

/// <summary>What one follow-up run changed in the organisation's notifications.</summary>
/// <param name="Created">New notices.</param>
/// <param name="Updated">Notices whose day count or post changed.</param>
/// <param name="Resolved">Notices that no longer apply.</param>
/// <param name="Reopened">Resolved notices whose condition came back; they are unread again.</param>
public sealed record FollowUpRun(int Created, int Updated, int Resolved, int Reopened)
{
    /// <summary>True when the run wrote nothing.</summary>
    public bool IsEmpty => Created == 0 && Updated == 0 && Resolved == 0 && Reopened == 0;
}

/// <summary>A threshold that does not make sense, with the field it belongs to.</summary>
/// <param name="Field">The <see cref="FollowUpRules"/> property, e.g. <c>ManagerAfterDays</c>.</param>
public sealed record FollowUpSettingsError(string Field, LocalizedText Message);

/// <summary>A notification with the task it is about, for the member's list.</summary>
public sealed record NotificationEntry(Notification Notice, string TitleZh, string TitleEn, DateOnly Due, WorkStatus Status);

/// <summary>
/// The follow-up of one organisation (PRODUCT §3 M3): finds overdue, due-soon and stalled tasks with
/// <see cref="FollowUp.Evaluate"/> and keeps the members' in-app notifications in step — one row per member,
/// task, reason and level, created when a condition starts, its day count kept current while it lasts, resolved
/// when it ends and unread again if it comes back. Running it twice on the same day changes nothing
/// (docs/decisions/0010). Works on the context's organisation.
/// </summary>
public sealed class FollowUps(AppDbContext db, Plans plans, TimeProvider clock, IPlanChanges changes)
{
    /// <summary>The largest threshold accepted, in days.</summary>
    public const int MaxDays = 365;

    /// <summary>How long resolved notices stay in a member's list.</summary>
    public const int ResolvedShownDays = 14;

    /// <summary>The most notices a list shows.</summary>
    public const int MaxListed = 200;

    /// <summary>The name of each threshold as members see it, so an error names the field it is about.</summary>
    public static IReadOnlyDictionary<string, LocalizedText> Labels { get; } = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        [nameof(FollowUpRules.DueSoonDays)] = new("到期提醒提前天数", "Due-soon warning"),
        [nameof(FollowUpRules.StalledDays)] = new("停滞判定天数", "Stalled after"),
        [nameof(FollowUpRules.SupervisorAfterDays)] = new("升级到主管的天数", "Escalate to the supervisor after"),
        [nameof(FollowUpRules.ManagerAfterDays)] = new("升级到部门负责人的天数", "Escalate to the department lead after"),
    };


    /// <summary>The organisation's thresholds; the defaults of <see cref="FollowUpRules"/> until someone saves them.</summary>
    public async Task<FollowUpRules> SettingsAsync(CancellationToken ct = default)
    {
        var row = await db.FollowUpSettings.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? new FollowUpRules() : new FollowUpRules(row.DueSoonDays, row.StalledDays, row.SupervisorAfterDays, row.ManagerAfterDays);
    }

    /// <summary>What is wrong with <paramref name="rules"/>, one entry per field; empty when they can be saved.</summary>
    public static IReadOnlyList<FollowUpSettingsError> Validate(FollowUpRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<FollowUpSettingsError>();
        void Check(string field, int value, int min)
        {
            if (value < min || value > MaxDays)
            {
                var label = Labels[field];
                errors.Add(new FollowUpSettingsError(field, new LocalizedText($"{label.Zh}应在 {min} 到 {MaxDays} 天之间。", $"{label.En} must be between {min} and {MaxDays} days.")));
            }
        }

        Check(nameof(FollowUpRules.DueSoonDays), rules.DueSoonDays, 0);
        Check(nameof(FollowUpRules.StalledDays), rules.StalledDays, 1);
        Check(nameof(FollowUpRules.SupervisorAfterDays), rules.SupervisorAfterDays, 0);
        Check(nameof(FollowUpRules.ManagerAfterDays), rules.ManagerAfterDays, 0);
        if (errors.Count == 0 && !rules.IsValid)
        {
            var (manager, supervisor) = (Labels[nameof(FollowUpRules.ManagerAfterDays)], Labels[nameof(FollowUpRules.SupervisorAfterDays)]);
            errors.Add(new FollowUpSettingsError(nameof(FollowUpRules.ManagerAfterDays), new LocalizedText(
                $"「{manager.Zh}」不能少于「{supervisor.Zh}」：先告诉主管，再告诉部门负责人。",
                $"“{manager.En}” must be no fewer days than “{supervisor.En}”: the supervisor is told first.")));
        }

        return errors;
    }

    /// <summary>Saves the thresholds when <see cref="Validate"/> finds nothing; returns what it found.</summary>
    public async Task<IReadOnlyList<FollowUpSettingsError>> SaveSettingsAsync(FollowUpRules rules, CancellationToken ct = default)
    {
        var errors = Validate(rules);
        if (errors.Count > 0)
        {
            return errors;
        }

        var row = await db.FollowUpSettings.SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is null)
        {
            row = new FollowUpSettings { OrganizationId = db.OrganizationId };
            db.FollowUpSettings.Add(row);
        }

        row.DueSoonDays = rules.DueSoonDays;
        row.StalledDays = rules.StalledDays;
        row.SupervisorAfterDays = rules.SupervisorAfterDays;
        row.ManagerAfterDays = rules.ManagerAfterDays;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return errors;
    }

    /// <summary>
    /// Evaluates the open tasks and brings the notifications in line: who holds the post a notice is addressed
    /// to is told (at owner level, the task's own member when it has one). Safe to run at any time and as often
    /// as wanted; two runs at once settle on the same rows.
    /// </summary>
    public async Task<FollowUpRun> RunAsync(CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var run = await RunOnceAsync(ct).ConfigureAwait(false);
                if (!run.IsEmpty)
                {
                    await changes.ChangedAsync(db.OrganizationId, ct).ConfigureAwait(false);
                }

                return run;
            }
            catch (Exception ex) when (attempt < 2 && (ex is DbUpdateException || ex.InnerException is DbUpdateException))
            {
                // Another run inserted the same notice between our read and write, or (PostgreSQL) the two runs'
                // updates deadlocked and the server aborted this one, which Npgsql's strategy wraps: read again and settle.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<FollowUpRun> RunOnceAsync(CancellationToken ct)
    {
        var rules = await SettingsAsync(ct).ConfigureAwait(false);
        var (reportsTo, lead) = await ReportingLinesAsync(ct).ConfigureAwait(false);
        var tasks = await db.WorkItems.AsNoTracking()
            .Where(i => i.DeletedAt == null && !i.Retired && i.Status != WorkStatus.Done)
            .Select(i => new { i.Id, i.OwnerPost, i.OwnerUserId, i.Status, i.StartDate, i.DueDate, i.UpdatedAt })
            .ToListAsync(ct).ConfigureAwait(false);
        var owners = tasks.ToDictionary(t => t.Id, t => t.OwnerUserId);
        // The organisation's calendar day, the one its task pages show: a task due today is overdue only once the
        // day is over where the organisation is, not at midnight UTC.
        var zone = await db.TimeZoneAsync(ct).ConfigureAwait(false);
        var notices = FollowUp.Evaluate(
            tasks.Select(t => new FollowUpTask(t.Id, t.OwnerPost, t.DueDate, TimeZones.DayOf(t.UpdatedAt, zone), false, t.Status == WorkStatus.Todo ? t.StartDate : null)),
            TimeZones.Today(clock.GetUtcNow(), zone), rules, reportsTo, lead);

        var members = (await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == db.OrganizationId).Select(m => m.UserId).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        var holders = (await db.PostAssignments.AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            .Where(a => members.Contains(a.UserId))
            .GroupBy(a => a.Post, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.UserId).Distinct().ToList(), StringComparer.Ordinal);

        var wanted = new Dictionary<NoticeKey, FollowUpNotice>();
        foreach (var notice in notices)
        {
            var told = notice.Level == FollowUpLevel.Owner && owners[notice.TaskId] is { } owner && members.Contains(owner)
                ? [owner]
                : holders.GetValueOrDefault(notice.Post, []);
            foreach (var user in told)
            {
                wanted.TryAdd(new NoticeKey(user, notice.TaskId, Reason(notice.Reason), Level(notice.Level)), notice);
            }
        }

        var noticed = wanted.Keys.Select(k => k.TaskId).Distinct().ToList();
        var existing = await db.Notifications.Where(n => n.ResolvedAt == null || noticed.Contains(n.TaskId)).ToListAsync(ct).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, resolved = 0, reopened = 0;
        foreach (var row in existing)
        {
            if (wanted.Remove(new NoticeKey(row.UserId, row.TaskId, row.Reason, row.Level), out var notice))
            {
                if (row.ResolvedAt is not null)
                {
                    row.ResolvedAt = null;
                    row.ReadAt = null;
                    reopened++;
                }
                else if (row.Days != notice.Days || row.Post != notice.Post)
                {
                    updated++;
                }
                else
                {
                    continue;
                }

                row.Days = notice.Days;
                row.Post = notice.Post;
                row.UpdatedAt = now;
            }
            else if (row.ResolvedAt is null)
            {
                row.ResolvedAt = now;
                row.UpdatedAt = now;
                resolved++;
            }
        }

        foreach (var (key, notice) in wanted)
        {
            db.Notifications.Add(new Notification
            {
                OrganizationId = db.OrganizationId,
                Id = Guid.CreateVersion7(),
                UserId = key.UserId,
                TaskId = key.TaskId,
                Reason = key.Reason,
                Level = key.Level,
                Post = notice.Post,
                Days = notice.Days,
                CreatedAt = now,
                UpdatedAt = now,
            });
            created++;
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new FollowUpRun(created, updated, resolved, reopened);
    }

    /// <summary>Notices that still apply and the member has not read.</summary>
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null && n.ResolvedAt == null, ct);

    /// <summary>
    /// A member's notices: those that still apply (unread first, then the longest-running), then those resolved in
    /// the last <see cref="ResolvedShownDays"/> days; at most <see cref="MaxListed"/>.
    /// </summary>
    public async Task<List<NotificationEntry>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-ResolvedShownDays);
        var rows = await (from n in db.Notifications.AsNoTracking()
                          join i in db.WorkItems on n.TaskId equals i.Id
                          where n.UserId == userId && i.DeletedAt == null && (n.ResolvedAt == null || n.ResolvedAt >= since)
                          orderby n.ResolvedAt == null descending, n.ReadAt == null descending, n.Days descending, n.UpdatedAt descending
                          select new { n, i.TitleZh, i.TitleEn, i.DueDate, i.Status })
            .Take(MaxListed).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(r => new NotificationEntry(r.n, r.TitleZh, r.TitleEn, r.DueDate, r.Status)).ToList();
    }

    /// <summary>Marks one of the member's notices read; false when it is not theirs (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(Guid userId, Guid notificationId, CancellationToken ct = default)
    {
        var row = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, ct).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        if (row.ReadAt is null)
        {
            row.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await changes.ChangedAsync(db.OrganizationId, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Marks all the member's unread notices read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct).ConfigureAwait(false);
        if (count > 0)
        {
            await changes.ChangedAsync(db.OrganizationId, ct).ConfigureAwait(false);
        }

        return count;
    }

    /// <summary>The stored form of a reason: due-soon, overdue, stalled.</summary>
    public static string Reason(FollowUpReason reason) => reason switch
    {
        FollowUpReason.DueSoon => "due-soon",
        FollowUpReason.Overdue => "overdue",
        FollowUpReason.Stalled => "stalled",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>The stored form of a level: owner, supervisor, manager.</summary>
    public static string Level(FollowUpLevel level) => level switch
    {
        FollowUpLevel.Owner => "owner",
        FollowUpLevel.Supervisor => "supervisor",
        FollowUpLevel.Manager => "manager",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The latest accepted blueprint's org chart (post → the post it reports to) and its lead post; empty before any version.</summary>
    private async Task<(IReadOnlyDictionary<string, string> ReportsTo, string Lead)> ReportingLinesAsync(CancellationToken ct)
    {
        var latest = (await plans.VersionsAsync(ct).ConfigureAwait(false)).FirstOrDefault();
        if (latest is null)
        {
            return (new Dictionary<string, string>(StringComparer.Ordinal), "");
        }

        var posts = plans.BlueprintOf(latest).Posts;
        var lead = posts.FirstOrDefault(p => p.ReportsTo == BlueprintEngine.Owner)?.Id ?? "";
        return (posts.ToDictionary(p => p.Id, p => p.ReportsTo, StringComparer.Ordinal), lead);
    }

    private readonly record struct NoticeKey(Guid UserId, Guid TaskId, string Reason, string Level);
}
