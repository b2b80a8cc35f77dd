namespace Formation.Application.Data;

/// <summary>A member's role in an organisation, from most to least rights.</summary>
public enum Role
{
    /// <summary>Everything, including members and the organisation itself.</summary>
    Owner,

    /// <summary>Runs the plan: edits the profile, accepts versions, invites members.</summary>
    Manager,

    /// <summary>Supervises a function; reads the plan.</summary>
    Supervisor,

    /// <summary>Does the work; reads the plan.</summary>
    Staff,

    /// <summary>Reads only (offline sales, finance, an agency).</summary>
    Viewer,
}

/// <summary>A tenant: one enterprise's network marketing department.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Currency { get; set; }

    /// <summary>IANA id of the zone whose calendar day is the organisation's "today" (<see cref="Formation.Domain.Text.TimeZones"/>).</summary>
    public string TimeZone { get; set; } = Formation.Domain.Text.TimeZones.Utc;

    public DateTime CreatedAt { get; set; }
}

/// <summary>A person who can sign in. Users are global: one person may belong to several organisations.</summary>
public sealed class User
{
    public Guid Id { get; set; }

    public required string Email { get; set; }

    /// <summary>Upper-case invariant e-mail, the unique sign-in key.</summary>
    public required string NormalizedEmail { get; set; }

    public required string DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>"zh" or "en"; null follows the browser.</summary>
    public string? Language { get; set; }

    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A user's role in an organisation.</summary>
public sealed class Membership
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public Role Role { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A one-time link that lets someone join an organisation with a role, until it expires.</summary>
public sealed class Invitation
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    public required string Email { get; set; }

    public Role Role { get; set; }

    /// <summary>SHA-256 of the secret in the link; the secret itself is never stored.</summary>
    public required string TokenHash { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A token for scripts calling the API as a member of one organisation.</summary>
public sealed class PersonalAccessToken
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the token; the token is shown once and never stored.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters, so a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>The organisation's working profile (YAML), edited by the wizard or replaced by an upload or the API.</summary>
public sealed class ProfileDraft
{
    public Guid OrganizationId { get; set; }

    public required string Yaml { get; set; }

    /// <summary>Incremented on every save; a concurrency token so two editors cannot silently overwrite each other.</summary>
    public int Revision { get; set; }

    public Guid UpdatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>An accepted plan: the profile as it was, with the headline figures of its blueprint.</summary>
public sealed class PlanVersion
{
    public Guid OrganizationId { get; set; }

    public Guid Id { get; set; }

    /// <summary>1, 2, 3… within the organisation.</summary>
    public int Number { get; set; }

    public required string ProfileYaml { get; set; }

    public decimal Headcount { get; set; }

    public decimal TotalAnnualCost { get; set; }

    public int ErrorCount { get; set; }

    public string? Note { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}
