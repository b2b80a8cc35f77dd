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

/// <summary>One change to a task or project: who, when, what it was before and after (JSON of the changed fields).</summary>
public sealed class WorkChange
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    /// <summary>The task's or project's id.</summary>
    public Guid SubjectId { get; set; }

    /// <summary><c>task</c> or <c>project</c>.</summary>
    public required string SubjectKind { get; set; }

    /// <summary>created, updated, status, deleted, restored, generated, retired, commented.</summary>
    public required string Action { get; set; }

    /// <summary>The member who made it; null for Formation itself (generation, follow-up).</summary>
    public Guid? UserId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The changed fields before, as a JSON object; null on creation.</summary>
    public string? Before { get; set; }

    /// <summary>The changed fields after, as a JSON object; null on deletion.</summary>
    public string? After { get; set; }
}

/// <summary>A comment on a task, or evidence for its checkpoint: a link or a file.</summary>
public sealed class WorkComment
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>comment, link or file.</summary>
    public required string Kind { get; set; }

    public required string Body { get; set; }

    /// <summary>For a link: its address.</summary>
    public string? Url { get; set; }

    /// <summary>For a file: its name as uploaded.</summary>
    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long? FileSize { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The bytes of a file attached as evidence; kept apart so listing comments never reads them.</summary>
public sealed class WorkFile
{
    public Guid OrganizationId { get; set; }

    /// <summary>The id of the comment that carries it.</summary>
    public Guid CommentId { get; set; }

    public required byte[] Content { get; set; }
}

/// <summary>An in-app notice from the follow-up: a task needs attention and this member is told.</summary>
public sealed class Notification
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid TaskId { get; set; }

    /// <summary>due-soon, overdue or stalled.</summary>
    public required string Reason { get; set; }

    /// <summary>owner, supervisor or manager.</summary>
    public required string Level { get; set; }

    /// <summary>The post the notice is addressed to.</summary>
    public required string Post { get; set; }

    /// <summary>Days overdue or stalled; for due-soon, days left. Updated while the condition lasts.</summary>
    public int Days { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>Set when the task no longer needs this notice (done, moved, updated).</summary>
    public DateTime? ResolvedAt { get; set; }
}

/// <summary>An organisation's follow-up thresholds, in days; absent means the defaults.</summary>
public sealed class FollowUpSettings
{
    public Guid OrganizationId { get; set; }

    public int DueSoonDays { get; set; }

    public int StalledDays { get; set; }

    public int SupervisorAfterDays { get; set; }

    public int ManagerAfterDays { get; set; }

    public DateTime UpdatedAt { get; set; }
}
