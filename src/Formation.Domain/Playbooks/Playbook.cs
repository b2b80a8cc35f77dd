using Formation.Domain.Planning;
using Formation.Domain.Text;

namespace Formation.Domain.Playbooks;

/// <summary>One network-marketing model described as the recurring work it takes (docs/playbook-format.md).</summary>
public sealed record Playbook(
    string Id,
    LocalizedText Name,
    LocalizedText Summary,
    IReadOnlyList<PlaybookModule> Modules,
    IReadOnlyList<Activity> Activities,
    string Source);

/// <summary>A business module of a playbook; becomes a project in the work plan.</summary>
public sealed record PlaybookModule(string Id, LocalizedText Name);

/// <summary>A unit of recurring (or one-off) work of a playbook.</summary>
/// <param name="Id">Global id, <c>playbook/activity</c>.</param>
/// <param name="Playbook">Id of the playbook it belongs to.</param>
/// <param name="Module">Module id within the playbook.</param>
/// <param name="Post">The working post that does it.</param>
public sealed record Activity(
    string Id,
    string Playbook,
    string Module,
    LocalizedText Name,
    BusinessFunction Function,
    string Post,
    Phase Phase,
    IReadOnlyList<string> Skills,
    Effort Effort,
    Cadence Cadence,
    IReadOnlyList<string> Kpis,
    Checkpoint Checkpoint);

/// <summary>How much work an activity takes, in productive hours.</summary>
/// <param name="HoursPerWeek">Fixed hours per week.</param>
/// <param name="PerUnit">Hours per unit of a volume driver, if any.</param>
/// <param name="SetupHours">One-off hours of zero-to-one set-up, outside the steady-state headcount.</param>
/// <param name="ErlangC">True when the activity is online consulting sized by Erlang C.</param>
public sealed record Effort(double HoursPerWeek, UnitEffort? PerUnit, double SetupHours, bool ErlangC);

/// <summary>Hours per unit of a volume driver.</summary>
public sealed record UnitEffort(VolumeDriver Driver, double Hours);

/// <summary>How supervision checks an activity: the evidence that closes a cycle, how often, by which post.</summary>
public sealed record Checkpoint(LocalizedText Evidence, Cadence Frequency, string CheckedBy);

/// <summary>A named entry of the skills or KPI vocabulary.</summary>
public sealed record Term(string Id, LocalizedText Name);
