namespace Formation.Application.Data;

/// <summary>Where a task stands on the board.</summary>
public enum WorkStatus
{
    /// <summary>Not started.</summary>
    Todo,

    /// <summary>In progress.</summary>
    Doing,

    /// <summary>Done by its owner, waiting for the checkpoint's evidence to be checked.</summary>
    Review,

    /// <summary>Checked and closed.</summary>
    Done,
}

/// <summary>A project of the work plan: one module of one playbook, or one a member created.</summary>
public sealed class WorkProject
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    /// <summary>The generator's key (<c>playbook/module</c>); null for a project a member created.</summary>
    public string? Key { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when deleted; recoverable until purged.</summary>
    public DateTime? DeletedAt { get; set; }
}

/// <summary>A task of the work plan.</summary>
public sealed class WorkItem
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    /// <summary>Null for roadmap milestones.</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>The generator's key; null for a task a member created.</summary>
    public string? Key { get; set; }

    public string? ActivityId { get; set; }

    public required string TitleZh { get; set; }

    public required string TitleEn { get; set; }

    /// <summary>planning, implementation or evaluation.</summary>
    public required string Phase { get; set; }

    /// <summary>milestone, setup, recurring or manual.</summary>
    public required string Kind { get; set; }

    public required string OwnerPost { get; set; }

    public Guid? OwnerUserId { get; set; }

    public WorkStatus Status { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly DueDate { get; set; }

    public required string Cadence { get; set; }

    public required string EvidenceZh { get; set; }

    public required string EvidenceEn { get; set; }

    public required string CheckedBy { get; set; }

    public double EffortHours { get; set; }

    /// <summary>The generated content this task was last written from, to tell whether regeneration changes it.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>True once a person changed it: regeneration leaves it alone.</summary>
    public bool Edited { get; set; }

    /// <summary>True when regeneration retired it: the plan no longer needs it.</summary>
    public bool Retired { get; set; }

    /// <summary>Incremented on every change; the concurrency token that makes a second writer see the first.</summary>
    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}

/// <summary>A task that must be done before another.</summary>
public sealed class WorkDependency
{
    public Guid OrganizationId { get; set; }

    public Guid TaskId { get; set; }

    public Guid DependsOnTaskId { get; set; }
}

/// <summary>A member holding a post of the blueprint; one person may hold several posts.</summary>
public sealed class PostAssignment
{
    public Guid OrganizationId { get; set; }

    public required string Post { get; set; }

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
