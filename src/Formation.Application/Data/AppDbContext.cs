using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Data;

/// <summary>
/// The application's database. Tenant-owned sets are filtered to <see cref="OrganizationId"/>, and the
/// filter fails closed: with no organisation set they return nothing, so a query that forgot its tenant
/// shows an empty page rather than another organisation's data.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    private Guid _organizationId;
    private string? _timeZone;

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<ProfileDraft> ProfileDrafts => Set<ProfileDraft>();

    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    public DbSet<WorkProject> WorkProjects => Set<WorkProject>();

    public DbSet<WorkItem> WorkItems => Set<WorkItem>();

    public DbSet<WorkDependency> WorkDependencies => Set<WorkDependency>();

    public DbSet<PostAssignment> PostAssignments => Set<PostAssignment>();

    public DbSet<WorkChange> WorkChanges => Set<WorkChange>();

    public DbSet<WorkComment> WorkComments => Set<WorkComment>();

    public DbSet<WorkFile> WorkFiles => Set<WorkFile>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<FollowUpSettings> FollowUpSettings => Set<FollowUpSettings>();

    public DbSet<Channel> Channels => Set<Channel>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<MetricDay> MetricDays => Set<MetricDay>();

    public DbSet<MetricMonth> MetricMonths => Set<MetricMonth>();

    public DbSet<MetricRollup> MetricRollups => Set<MetricRollup>();

    public DbSet<MetricCampaignMonthDays> MetricCampaignMonthDays => Set<MetricCampaignMonthDays>();

    public DbSet<MetricCampaignYearMonths> MetricCampaignYearMonths => Set<MetricCampaignYearMonths>();

    public DbSet<MetricImport> MetricImports => Set<MetricImport>();

    public DbSet<GoalState> GoalStates => Set<GoalState>();

    public DbSet<SavedMapping> SavedMappings => Set<SavedMapping>();

    /// <summary>The organisation whose data this context sees; set once per request.</summary>
    public Guid OrganizationId
    {
        get => _organizationId;
        set
        {
            _organizationId = value;
            _timeZone = null;
        }
    }

    /// <summary>The organisation's time zone (an IANA id), read once per context; UTC when there is no such organisation.</summary>
    public async Task<string> TimeZoneAsync(CancellationToken ct = default) =>
        _timeZone ??= await Organizations.AsNoTracking().Where(o => o.Id == _organizationId).Select(o => o.TimeZone).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? Formation.Domain.Text.TimeZones.Utc;

    /// <summary>The organisation's calendar day at <paramref name="clock"/>'s now.</summary>
    public async Task<DateOnly> TodayAsync(TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), await TimeZoneAsync(ct).ConfigureAwait(false));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        modelBuilder.Entity<Invitation>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<PersonalAccessToken>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<ProfileDraft>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<PlanVersion>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<WorkProject>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<WorkItem>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<WorkDependency>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<PostAssignment>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<WorkChange>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<WorkComment>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<WorkFile>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<Notification>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<FollowUpSettings>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<Channel>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<Campaign>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<MetricDay>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<MetricMonth>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<MetricRollup>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<MetricCampaignMonthDays>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<MetricCampaignYearMonths>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<GoalState>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<MetricImport>().HasQueryFilter(e => e.OrganizationId == _organizationId);
        modelBuilder.Entity<SavedMapping>().HasQueryFilter(e => e.OrganizationId == _organizationId);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
