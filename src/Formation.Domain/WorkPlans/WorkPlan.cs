using Formation.Domain.Planning;
using Formation.Domain.Text;

namespace Formation.Domain.WorkPlans;

/// <summary>How a work plan is laid out in time.</summary>
/// <param name="Start">The first day of the plan (stage 1 of the roadmap begins).</param>
/// <param name="HorizonWeeks">How far ahead recurring work is laid out as dated tasks.</param>
public sealed record WorkPlanOptions(DateOnly Start, int HorizonWeeks = 12);

/// <summary>The work that carries a blueprint out: projects per playbook module, dated tasks, roadmap windows.</summary>
public sealed record WorkPlan(IReadOnlyList<RoadmapWindow> Stages, IReadOnlyList<WorkProject> Projects, IReadOnlyList<WorkTask> Tasks);

/// <summary>When a roadmap stage is planned to run.</summary>
/// <param name="End">The last day of the stage, inclusive.</param>
public sealed record RoadmapWindow(int Stage, LocalizedText Name, DateOnly Start, DateOnly End);

/// <summary>A project: one module of one playbook.</summary>
/// <param name="Key">Stable key, <c>playbook/module</c>, so regenerating finds the same project.</param>
public sealed record WorkProject(string Key, string Playbook, string Module, LocalizedText Name);

/// <summary>What kind of task a generated task is.</summary>
public enum WorkTaskKind
{
    /// <summary>A roadmap stage's gate: its criteria are met.</summary>
    Milestone,

    /// <summary>One-off set-up work of an activity.</summary>
    Setup,

    /// <summary>One occurrence of an activity's recurring work.</summary>
    Recurring,
}

/// <summary>A generated task.</summary>
/// <param name="Key">Stable key: <c>gate/N</c>, <c>activity/setup</c> or <c>activity@yyyy-MM-dd</c> (the due date).</param>
/// <param name="ProjectKey">The project it belongs to; null for roadmap milestones.</param>
/// <param name="ActivityId">The playbook activity it comes from; null for milestones.</param>
/// <param name="OwnerPost">The post that does it (the department's lead for outsourced work and milestones).</param>
/// <param name="DependsOn">Keys of tasks that must be done first.</param>
/// <param name="Evidence">What evidence closes it (the activity's supervision checkpoint).</param>
/// <param name="CheckedBy">The post that checks the evidence.</param>
/// <param name="EffortHours">Planned productive hours.</param>
public sealed record WorkTask(
    string Key,
    string? ProjectKey,
    string? ActivityId,
    LocalizedText Title,
    Phase Phase,
    WorkTaskKind Kind,
    string OwnerPost,
    DateOnly Start,
    DateOnly Due,
    IReadOnlyList<string> DependsOn,
    Cadence Cadence,
    LocalizedText Evidence,
    string CheckedBy,
    double EffortHours);
