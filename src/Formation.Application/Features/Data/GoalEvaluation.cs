using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Domain.Metrics;
using Formation.Domain.Planning;
using Formation.Domain.Profiles;
using Formation.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Data;

/// <summary>A goal of the accepted plan, where it stands, and the task opened when it went off track, if any.</summary>
/// <param name="Owner">The post that owns the goal's KPI (the first of the plan's posts driving it), null when none does.</param>
public sealed record GoalRow(GoalOwnership Ownership, LocalizedText KpiName, GoalProgress Progress, string? Owner, Guid? TaskId);

/// <summary>The goals of the accepted plan on one day; <see cref="TasksOpened"/> counts tasks this evaluation opened.</summary>
public sealed record GoalBoard(DateOnly Today, string Currency, IReadOnlyList<GoalRow> Goals, int TasksOpened);

/// <summary>
/// Measures the accepted plan's goals against the imported figures for the period containing today, remembers each
/// goal's status, and when a goal goes off track (or ends missed) opens one task for the post that owns its KPI.
/// Safe to run from several places at once: a status is replaced only if it is still the one read, so only one of
/// two concurrent evaluations opens the task.
/// </summary>
public sealed class GoalEvaluation(AppDbContext db, Plans plans, MetricQueries queries, TimeProvider clock)
{
    /// <summary>Days a goal task is given before it is due.</summary>
    public const int TaskDays = 7;

    /// <summary>
    /// Evaluates the goals; with <paramref name="record"/>, also stores each status and opens the tasks (after an
    /// import and on the periodic follow-up), without it only reads (pages). Null when there is no accepted plan.
    /// </summary>
    public async Task<GoalBoard?> EvaluateAsync(bool record, CancellationToken ct = default)
    {
        var version = await db.PlanVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var blueprint = plans.BlueprintOf(version);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = await db.TodayAsync(clock, ct).ConfigureAwait(false);
        var states = await db.GoalStates.AsNoTracking().ToDictionaryAsync(s => (s.Kpi, s.Period), ct).ConfigureAwait(false);

        var rows = new List<GoalRow>();
        var opened = 0;
        foreach (var ownership in blueprint.Goals)
        {
            var goal = ownership.Goal;
            var (start, end) = GoalTracking.PeriodContaining(goal.Period, today);
            var soFar = new DayRange(start, today < end ? today : end);
            var progress = await queries.HasDataAsync(soFar, ct).ConfigureAwait(false)
                ? GoalTracking.Evaluate(goal, await queries.TotalsAsync(soFar, ct: ct).ConfigureAwait(false), start, end, today, blueprint.Currency)
                : NothingImported(goal, start, end, today);
            var owner = ownership.Posts.Count > 0 ? ownership.Posts[0] : null;
            var kpiName = Kpis.TryGet(goal.Kpi, out var kpi) ? kpi.Name : blueprint.NameOf(goal.Kpi);

            var period = PeriodName(goal.Period);
            states.TryGetValue((goal.Kpi, period), out var state);
            var before = state is not null && state.PeriodStart == start && EnumNames.TryParse<GoalStatus>(state.Status, out var s) ? s : GoalStatus.NoData;
            var taskId = state is not null && state.PeriodStart == start ? state.TaskId : null;

            if (record && (state is null || state.PeriodStart != start || before != progress.Status))
            {
                var opens = owner is not null && GoalTracking.BecameOffTrack(before, progress.Status);
                var newTask = opens ? Guid.CreateVersion7() : taskId;
                if (await RecordAsync(state, goal.Kpi, period, start, progress.Status, newTask, now, ct).ConfigureAwait(false) && opens)
                {
                    await OpenTaskAsync(newTask!.Value, owner!, kpiName, goal, progress, blueprint, today, now, ct).ConfigureAwait(false);
                    opened++;
                }

                taskId = newTask;
            }

            rows.Add(new GoalRow(ownership, kpiName, progress, owner, taskId));
        }

        return new GoalBoard(today, blueprint.Currency, rows, opened);
    }

    /// <summary>
    /// No figures for the period yet: a period whose data is simply not imported yet is not judged (zero leads on the
    /// 2nd of the month would read as off track and open a task nobody needs).
    /// </summary>
    private static GoalProgress NothingImported(Goal goal, DateOnly start, DateOnly end, DateOnly today) =>
        new(goal, start, end, Math.Min(today.DayNumber, end.DayNumber) - start.DayNumber + 1, end.DayNumber - start.DayNumber + 1,
            null, null, null, GoalStatus.NoData,
            new LocalizedText("本周期还没有导入数据。", "No data has been imported for this period yet."));

    /// <summary>The id a goal period is stored under.</summary>
    public static string PeriodName(GoalPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>Replaces the status read as <paramref name="read"/> (or inserts the first); false when another evaluation got there first.</summary>
    private async Task<bool> RecordAsync(GoalState? read, string kpi, string period, DateOnly start, GoalStatus status, Guid? taskId, DateTime now, CancellationToken ct)
    {
        var name = status.ToString();
        if (read is null)
        {
            db.GoalStates.Add(new GoalState
            {
                OrganizationId = db.OrganizationId,
                Kpi = kpi,
                Period = period,
                PeriodStart = start,
                Status = name,
                TaskId = taskId,
                UpdatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return false;
            }
        }

        var changed = await db.GoalStates
            .Where(g => g.Kpi == kpi && g.Period == period && g.PeriodStart == read.PeriodStart && g.Status == read.Status)
            .ExecuteUpdateAsync(u => u
                .SetProperty(g => g.PeriodStart, start)
                .SetProperty(g => g.Status, name)
                .SetProperty(g => g.TaskId, taskId)
                .SetProperty(g => g.UpdatedAt, now), ct).ConfigureAwait(false);
        return changed == 1;
    }

    private async Task OpenTaskAsync(Guid id, string post, LocalizedText kpiName, Goal goal, GoalProgress progress, Blueprint blueprint, DateOnly today, DateTime now, CancellationToken ct)
    {
        var (zhPeriod, enPeriod) = PeriodLabel(goal.Period, progress.PeriodStart);
        var missed = progress.Status == GoalStatus.Missed;
        var item = new WorkItem
        {
            OrganizationId = db.OrganizationId,
            Id = id,
            TitleZh = missed ? $"目标未达成：{kpiName.Zh}（{zhPeriod}）— 复盘原因并调整计划" : $"目标偏离：{kpiName.Zh}（{zhPeriod}）— 分析原因并提出纠正措施",
            TitleEn = missed ? $"Goal missed: {kpiName.En} ({enPeriod}) — review why and adjust the plan" : $"Goal off track: {kpiName.En} ({enPeriod}) — find the cause and correct course",
            Phase = "evaluation",
            Kind = "goal",
            OwnerPost = post,
            Status = WorkStatus.Todo,
            StartDate = today,
            DueDate = today.AddDays(TaskDays),
            Cadence = "once",
            EvidenceZh = progress.Explanation.Zh + " 交付：原因分析与纠正措施，经理确认。",
            EvidenceEn = progress.Explanation.En + " Deliver: the causes and the corrective actions, confirmed by the manager.",
            CheckedBy = blueprint.Posts.Any(p => p.Id == "manager") ? "manager" : post,
            EffortHours = 2,
            Edited = false,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WorkItems.Add(item);
        Audit.Record(db, item.Id, "task", "created", null, now, null, TaskSnapshot.Of(item));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static (string Zh, string En) PeriodLabel(GoalPeriod period, DateOnly start) => period switch
    {
        GoalPeriod.Day => ($"{start:yyyy-MM-dd}", $"{start:yyyy-MM-dd}"),
        GoalPeriod.Week => ($"{start:yyyy-MM-dd} 起一周", $"week of {start:yyyy-MM-dd}"),
        GoalPeriod.Month => ($"{start.Year} 年 {start.Month} 月", $"{start:yyyy-MM}"),
        GoalPeriod.Quarter => ($"{start.Year} 年第 {((start.Month - 1) / 3) + 1} 季度", $"{start.Year} Q{((start.Month - 1) / 3) + 1}"),
        _ => ($"{start.Year} 年", $"{start.Year}"),
    };
}
