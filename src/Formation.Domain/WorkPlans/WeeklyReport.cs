using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Text;

namespace Formation.Domain.WorkPlans;

/// <summary>An ISO 8601 week: Monday to Sunday, written <c>2026-W48</c>.</summary>
public readonly record struct IsoWeek
{
    private IsoWeek(int year, int week)
    {
        Year = year;
        Week = week;
    }

    public int Year { get; }

    public int Week { get; }

    /// <summary>The week's Monday.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The week's Sunday, its last day.</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The week after this one.</summary>
    public IsoWeek Next => Containing(Monday.AddDays(7));

    /// <summary>The week before this one.</summary>
    public IsoWeek Previous => Containing(Monday.AddDays(-7));

    /// <summary>The week a day falls in.</summary>
    public static IsoWeek Containing(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    /// <summary>The week with this number, if the year has it (52 or 53 weeks).</summary>
    public static bool TryCreate(int year, int week, out IsoWeek result)
    {
        result = default;
        if (year is < 1900 or > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        result = new IsoWeek(year, week);
        return true;
    }

    /// <summary>Reads <c>2026-W48</c> (also <c>2026-w48</c> and <c>2026W48</c>, the forms of HTML's week input and ISO 8601).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IsoWeek week)
    {
        week = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToUpperInvariant();
        var w = t.IndexOf('W', StringComparison.Ordinal);
        if (w is not (4 or 5) || (w == 5 && t[4] != '-') || t.Length - w - 1 is < 1 or > 2)
        {
            return false;
        }

        return int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(t[(w + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && TryCreate(year, number, out week);
    }

    /// <summary><c>2026-W48</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-W{Week:00}");

    /// <summary>True when the day falls in this week.</summary>
    public bool Contains(DateOnly day) => day >= Monday && day <= Sunday;
}

/// <summary>Where a task stands on the board, as the weekly report sees it.</summary>
public enum WeeklyTaskStatus
{
    Todo,
    Doing,
    Review,
    Done,
}

/// <summary>A task as the weekly report needs it.</summary>
/// <param name="Status">Its status now; the report works out its status at the end of the week from the status changes.</param>
/// <param name="Recurring">One occurrence of recurring work: its effort counts in the week it is due.</param>
public sealed record WeeklyTask(
    Guid Id,
    LocalizedText Title,
    string OwnerPost,
    Guid? OwnerUserId,
    WeeklyTaskStatus Status,
    DateOnly Start,
    DateOnly Due,
    double EffortHours,
    bool Recurring = false);

/// <summary>A move of a task from one status to another, from the audit trail (UTC).</summary>
public sealed record StatusChange(Guid TaskId, DateTime At, WeeklyTaskStatus From, WeeklyTaskStatus To);

/// <summary>A change of a task's due date, from the audit trail (UTC).</summary>
public sealed record DueChange(Guid TaskId, DateTime At, DateOnly From, DateOnly To);

/// <summary>A member holding a post.</summary>
public sealed record PostHolder(string Post, Guid UserId);

/// <summary>A member the report is about, with the hours they work in a week (shared evenly among the posts they hold).</summary>
public sealed record ReportPerson(Guid UserId, string Name, double WeeklyHours = WeeklyReportBuilder.DefaultWeeklyHours);

/// <summary>
/// Everything the weekly report is built from. Times are UTC instants; <paramref name="Zone"/> decides the days they
/// fall on, so that the week runs from the organisation's Monday morning (instants keep their order even in the hour
/// a clock goes back).
/// </summary>
/// <param name="Posts">The posts of the accepted plan: a post here that nobody holds is vacant.</param>
/// <param name="DoneAt">Task → when it was last moved to Done (UTC), per the audit trail.</param>
/// <param name="Zone">The organisation's time zone; UTC when null.</param>
public sealed record WeeklyReportInput(
    IsoWeek Week,
    IReadOnlyList<WeeklyTask> Tasks,
    IReadOnlyList<StatusChange> StatusChanges,
    IReadOnlyList<DueChange> DueChanges,
    IReadOnlyDictionary<Guid, DateTime> DoneAt,
    IReadOnlyList<PostHolder> Holders,
    IReadOnlyList<ReportPerson> People,
    IReadOnlyList<string> Posts,
    TimeZoneInfo? Zone = null);

/// <summary>Why a task is slipping.</summary>
public enum SlipReason
{
    /// <summary>Its due date was moved later during the week.</summary>
    DueMoved,

    /// <summary>Its planned start has passed and it was still to do at the end of the week.</summary>
    StartedLate,
}

/// <summary>A task in a list of the report.</summary>
/// <param name="Date">Done: the day it was done; overdue, upcoming, slipping: its due date; checkpoints: the day of the check.</param>
/// <param name="MovedFrom">For a due date moved during the week: the due date at the start of the week's moves.</param>
public sealed record ReportEntry(WeeklyTask Task, DateOnly Date, SlipReason? Slip = null, DateOnly? MovedFrom = null);

/// <summary>The lists of one section: a person's, a function's or the department's.</summary>
public sealed record ReportSection(
    IReadOnlyList<ReportEntry> Done,
    IReadOnlyList<ReportEntry> Overdue,
    IReadOnlyList<ReportEntry> Slipping,
    IReadOnlyList<ReportEntry> Upcoming,
    IReadOnlyList<ReportEntry> CheckpointsPassed,
    IReadOnlyList<ReportEntry> CheckpointsFailed)
{
    /// <summary>True when every list is empty.</summary>
    public bool IsEmpty => Done.Count + Overdue.Count + Slipping.Count + Upcoming.Count + CheckpointsPassed.Count + CheckpointsFailed.Count == 0;
}

/// <summary>A person's part of the report.</summary>
public sealed record PersonReport(ReportPerson Person, IReadOnlyList<string> Posts, ReportSection Section);

/// <summary>A function's part of the report.</summary>
public sealed record FunctionReport(BusinessFunction Function, IReadOnlyList<string> Posts, ReportSection Section);

/// <summary>How a post's week looks against the hours of the people on it.</summary>
public enum CapacityState
{
    /// <summary>Between 25 % and 100 % loaded.</summary>
    Ok,

    /// <summary>More than 100 % of its holders' hours assigned.</summary>
    Overloaded,

    /// <summary>Less than 25 % loaded, or nothing open.</summary>
    Idle,

    /// <summary>Nobody holds it.</summary>
    Vacant,
}

/// <summary>A row of the manager's capacity table.</summary>
/// <param name="EffortHours">Effort of the post's tasks active in the week.</param>
/// <param name="CapacityHours">Hours its holders have for it.</param>
/// <param name="Load">Effort over capacity; null when vacant.</param>
/// <param name="OpenTasks">Its tasks not done at the end of the week.</param>
public sealed record PostCapacity(string Post, IReadOnlyList<Guid> Holders, double EffortHours, double CapacityHours, double? Load, int OpenTasks, CapacityState State);

/// <summary>The weekly report: the department, each function, each person and the capacity table.</summary>
public sealed record WeeklyReport(
    IsoWeek Week,
    ReportSection Department,
    IReadOnlyList<FunctionReport> Functions,
    IReadOnlyList<PersonReport> People,
    IReadOnlyList<PostCapacity> Capacity)
{
    /// <summary>A person's display name, or null when the report does not know them.</summary>
    public string? NameOf(Guid userId) => People.FirstOrDefault(p => p.Person.UserId == userId)?.Person.Name;
}

/// <summary>
/// Builds the weekly report (PRODUCT §3 M3) for one ISO week. Pure; days are the organisation's (its zone's). The rules:
/// <list type="bullet">
/// <item>A task's status at the end of the week is read from the status changes (the last one by then, else the
/// one before the first later change, else its status now).</item>
/// <item><b>Done</b>: last moved to Done during the week and still done at its end (done and re-opened in the week is not done).</item>
/// <item><b>Overdue</b>: due on or before the Sunday and not done at the end of the week.</item>
/// <item><b>Slipping</b>: not done, and either its due date was moved later during the week, or it was still to do
/// at the end of the week although it should have started (start on or before the Sunday, due after it).</item>
/// <item><b>Upcoming</b>: due next week and not done.</item>
/// <item><b>Checkpoints</b>: passed = Review → Done in the week; failed = Review → Todo or Doing in the week.</item>
/// <item><b>Capacity</b>: a post's effort is that of its tasks active in the week (not done before it began): an
/// occurrence of recurring work counts whole in the week it is due; other work is spread evenly over the working
/// days from its start to its due date. Its hours are its holders' weekly hours, each shared evenly among the posts
/// they hold. Over 100 % is overloaded; under 25 %, or nothing open, idle; nobody on it, vacant.</item>
/// </list>
/// A person's tasks are those they own and the unclaimed tasks of the posts they hold.
/// </summary>
public static class WeeklyReportBuilder
{
    /// <summary>A person's weekly hours when nothing else is known.</summary>
    public const double DefaultWeeklyHours = 40;

    /// <summary>Above this load a post is overloaded.</summary>
    public const double OverloadedAbove = 1.0;

    /// <summary>Below this load a post is idle.</summary>
    public const double IdleBelow = 0.25;

    /// <summary>
    /// The UTC instant <paramref name="day"/> begins in <paramref name="zone"/>: its first midnight where a clock going
    /// back repeats it, the first minute after it where a clock skips it.
    /// </summary>
    private static DateTime StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        if (zone.IsAmbiguousTime(midnight))
        {
            return new DateTime((midnight - zone.GetAmbiguousTimeOffsets(midnight).Max()).Ticks, DateTimeKind.Unspecified);
        }

        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), DateTimeKind.Unspecified);
    }

    public static WeeklyReport Build(WeeklyReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var week = input.Week;
        var zone = input.Zone ?? TimeZoneInfo.Utc;
        var start = StartOf(week.Monday, zone);
        var end = StartOf(week.Sunday.AddDays(1), zone);
        DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
        var changes = input.StatusChanges.GroupBy(c => c.TaskId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ToList());
        WeeklyTaskStatus StatusAt(WeeklyTask task, DateTime at)
        {
            if (!changes.TryGetValue(task.Id, out var list))
            {
                return task.Status;
            }

            // The last move before that moment, else the status before the first move after it.
            return list.LastOrDefault(c => c.At < at)?.To ?? list[0].From;
        }

        var tasks = input.Tasks.OrderBy(t => t.Due).ThenBy(t => t.Title.En, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
        var statusAtEnd = tasks.ToDictionary(t => t.Id, t => StatusAt(t, end));
        var statusAtStart = tasks.ToDictionary(t => t.Id, t => StatusAt(t, start));
        var byId = tasks.ToDictionary(t => t.Id);

        var entries = new Entries([], [], [], [], [], []);
        foreach (var task in tasks)
        {
            var done = statusAtEnd[task.Id] == WeeklyTaskStatus.Done;
            if (done && input.DoneAt.TryGetValue(task.Id, out var doneAt) && doneAt >= start && doneAt < end)
            {
                entries.Done.Add(new ReportEntry(task, DayOf(doneAt)));
            }

            if (done)
            {
                continue;
            }

            if (task.Due <= week.Sunday)
            {
                entries.Overdue.Add(new ReportEntry(task, task.Due));
            }

            var moves = input.DueChanges.Where(c => c.TaskId == task.Id && c.At >= start && c.At < end).OrderBy(c => c.At).ToList();
            if (moves.Count > 0 && moves[^1].To > moves[0].From)
            {
                entries.Slipping.Add(new ReportEntry(task, task.Due, SlipReason.DueMoved, moves[0].From));
            }
            else if (statusAtEnd[task.Id] == WeeklyTaskStatus.Todo && task.Start <= week.Sunday && task.Due > week.Sunday)
            {
                entries.Slipping.Add(new ReportEntry(task, task.Due, SlipReason.StartedLate));
            }

            if (week.Next.Contains(task.Due))
            {
                entries.Upcoming.Add(new ReportEntry(task, task.Due));
            }
        }

        foreach (var change in input.StatusChanges.Where(c => c.At >= start && c.At < end && c.From == WeeklyTaskStatus.Review).OrderBy(c => c.At))
        {
            if (!byId.TryGetValue(change.TaskId, out var task))
            {
                continue;
            }

            if (change.To == WeeklyTaskStatus.Done)
            {
                entries.Passed.Add(new ReportEntry(task, DayOf(change.At)));
            }
            else if (change.To is WeeklyTaskStatus.Todo or WeeklyTaskStatus.Doing)
            {
                entries.Failed.Add(new ReportEntry(task, DayOf(change.At)));
            }
        }

        var postsOf = input.Holders.GroupBy(h => h.UserId).ToDictionary(g => g.Key, g => g.Select(h => h.Post).Distinct(StringComparer.Ordinal).ToList());
        var holdersOf = input.Holders.GroupBy(h => h.Post, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(h => h.UserId).Distinct().ToList(), StringComparer.Ordinal);

        var people = input.People
            .Where(p => postsOf.ContainsKey(p.UserId) || tasks.Any(t => t.OwnerUserId == p.UserId))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.UserId)
            .Select(p =>
            {
                var posts = postsOf.TryGetValue(p.UserId, out var list) ? list.OrderBy(PostCatalog.IndexOf).ThenBy(x => x, StringComparer.Ordinal).ToList() : [];
                return new PersonReport(p, posts, entries.Where(t => t.OwnerUserId == p.UserId || (t.OwnerUserId is null && posts.Contains(t.OwnerPost))));
            })
            .ToList();

        var allPosts = input.Posts.Concat(input.Holders.Select(h => h.Post)).Concat(tasks.Select(t => t.OwnerPost))
            .Distinct(StringComparer.Ordinal).OrderBy(PostCatalog.IndexOf).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var functions = allPosts.GroupBy(FunctionOf).OrderBy(g => g.Key)
            .Select(g =>
            {
                var posts = g.ToHashSet(StringComparer.Ordinal);
                return new FunctionReport(g.Key, g.ToList(), entries.Where(t => posts.Contains(t.OwnerPost)));
            })
            .ToList();

        var hours = input.People.ToDictionary(p => p.UserId, p => p.WeeklyHours);
        var capacity = allPosts.Select(post =>
        {
            var holders = holdersOf.TryGetValue(post, out var h) ? h : [];
            var capacityHours = holders.Sum(u => hours.GetValueOrDefault(u, DefaultWeeklyHours) / postsOf[u].Count);
            var own = tasks.Where(t => t.OwnerPost == post).ToList();
            var effort = own.Where(t => statusAtStart[t.Id] != WeeklyTaskStatus.Done).Sum(t => EffortIn(t, week));
            var open = own.Count(t => statusAtEnd[t.Id] != WeeklyTaskStatus.Done);
            double? load = capacityHours > 0 ? effort / capacityHours : null;
            var state = holders.Count == 0 ? CapacityState.Vacant
                : load > OverloadedAbove ? CapacityState.Overloaded
                : load < IdleBelow || open == 0 ? CapacityState.Idle
                : CapacityState.Ok;
            return new PostCapacity(post, holders, Math.Round(effort, 2), Math.Round(capacityHours, 2), load is { } l ? Math.Round(l, 4) : null, open, state);
        }).ToList();

        return new WeeklyReport(week, entries.Where(_ => true), functions, people, capacity);
    }

    /// <summary>The function a post belongs to; posts outside the vocabulary count as management.</summary>
    public static BusinessFunction FunctionOf(string post) =>
        PostCatalog.TryGet(post, out var definition) ? definition.Function : BusinessFunction.Management;

    /// <summary>The share of a task's effort that falls in the week.</summary>
    public static double EffortIn(WeeklyTask task, IsoWeek week)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Recurring)
        {
            return week.Contains(task.Due) ? task.EffortHours : 0;
        }

        var from = task.Start <= task.Due ? task.Start : task.Due;
        var to = task.Due;
        if (to < week.Monday || from > week.Sunday)
        {
            return 0;
        }

        var overlapFrom = from > week.Monday ? from : week.Monday;
        var overlapTo = to < week.Sunday ? to : week.Sunday;
        var span = WorkingDays(from, to);
        return span > 0
            ? task.EffortHours * WorkingDays(overlapFrom, overlapTo) / span
            : task.EffortHours * (overlapTo.DayNumber - overlapFrom.DayNumber + 1) / (to.DayNumber - from.DayNumber + 1);
    }

    private static int WorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }

        return count;
    }

    private sealed record Entries(List<ReportEntry> Done, List<ReportEntry> Overdue, List<ReportEntry> Slipping, List<ReportEntry> Upcoming, List<ReportEntry> Passed, List<ReportEntry> Failed)
    {
        public ReportSection Where(Func<WeeklyTask, bool> predicate)
        {
            List<ReportEntry> Of(List<ReportEntry> list) => list.Where(e => predicate(e.Task)).ToList();
            return new ReportSection(Of(Done), Of(Overdue), Of(Slipping), Of(Upcoming), Of(Passed), Of(Failed));
        }
    }
}

/// <summary>Which part of the weekly report to show: the department, one function or one person.</summary>
public sealed record ReportScope
{
    private ReportScope(BusinessFunction? function, Guid? person)
    {
        Function = function;
        Person = person;
    }

    /// <summary>The whole department.</summary>
    public static ReportScope Department { get; } = new(null, null);

    public BusinessFunction? Function { get; }

    public Guid? Person { get; }

    public bool IsDepartment => Function is null && Person is null;

    public static ReportScope OfFunction(BusinessFunction function) => new(function, null);

    public static ReportScope OfPerson(Guid userId) => new(null, userId);

    /// <summary>Reads <c>department</c>, <c>function:&lt;id&gt;</c> or <c>person:&lt;user id&gt;</c>; empty means the department.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportScope? scope)
    {
        scope = null;
        var t = text?.Trim() ?? "";
        if (t.Length == 0 || t.Equals("department", StringComparison.OrdinalIgnoreCase))
        {
            scope = Department;
        }
        else if (t.StartsWith("function:", StringComparison.OrdinalIgnoreCase) && Ids.TryParseFunction(t["function:".Length..].ToLowerInvariant(), out var function))
        {
            scope = OfFunction(function);
        }
        else if (t.StartsWith("person:", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(t["person:".Length..], out var person))
        {
            scope = OfPerson(person);
        }

        return scope is not null;
    }

    /// <summary><c>department</c>, <c>function:promotion</c> or <c>person:&lt;id&gt;</c>.</summary>
    public override string ToString() =>
        Function is { } f ? $"function:{f.ToId()}" : Person is { } p ? $"person:{p}" : "department";
}
