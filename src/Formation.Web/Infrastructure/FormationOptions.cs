using System.ComponentModel.DataAnnotations;

namespace Formation.Web.Infrastructure;

/// <summary>The "Formation" configuration section.</summary>
public sealed class FormationOptions
{
    public const string Section = "Formation";

    /// <summary>Folder for the embedded SQLite database and the cookie-protection keys.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>"sqlite" (default) or "postgres"; PostgreSQL needs <c>ConnectionStrings:Formation</c>.</summary>
    [Required]
    public string Database { get; set; } = "sqlite";

    /// <summary>How long an invitation link stays valid.</summary>
    [Range(1, 90)]
    public int InvitationDays { get; set; } = 7;

    /// <summary>The largest profile upload accepted.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The largest metric export (CSV or XLSX) accepted for import. At most
    /// <see cref="Features.Data.ImportStaging.MaxBytes"/>, the ceiling the upload endpoint is built with.
    /// </summary>
    [Range(1024, Features.Data.ImportStaging.MaxBytes)]
    public long MaxImportBytes { get; set; } = Features.Data.ImportStaging.MaxBytes;

    /// <summary>Sign-in attempts per client address per minute before 429.</summary>
    [Range(1, 1000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Runs the app as if it were this many days later (or earlier): for rehearsing follow-up and reports on a
    /// copy of the data, and for the browser tests that move time. 0 in production.
    /// </summary>
    [Range(-3650, 3650)]
    public int ClockOffsetDays { get; set; }

    /// <summary>Minutes between follow-up runs (overdue, due-soon and stalled notices, and purging old deletions); 0 turns the job off.</summary>
    [Range(0, 24 * 60)]
    public int FollowUpMinutes { get; set; } = 15;
}
