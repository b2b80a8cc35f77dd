using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Formation.Application.Data;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> b)
    {
        b.ToTable("channels");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_channels");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.ModuleId).HasMaxLength(100);
        b.Property(e => e.PostId).HasMaxLength(40);
        b.HasIndex(e => new { e.OrganizationId, e.Name }).IsUnique().HasDatabaseName("ix_channels_name");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_channels_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("campaigns");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_campaigns");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.ModuleId).HasMaxLength(100);
        b.Property(e => e.PostId).HasMaxLength(40);
        b.Property(e => e.Conclusions).HasMaxLength(20000);
        b.HasIndex(e => new { e.OrganizationId, e.ChannelId, e.Name }).IsUnique().HasDatabaseName("ix_campaigns_name");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_campaigns_organizations").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Channel>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.ChannelId }).HasConstraintName("fk_campaigns_channels").OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The daily figures are stored a month to a row per campaign and segment (decision 0021) and carry no foreign keys:
/// they are written in bulk by the importer, which creates their campaigns in the same transaction. The natural key is
/// the primary key on both databases. Rows are read and written by the importer's own SQL, never tracked or saved
/// through EF.
/// </summary>
internal sealed class MetricMonthConfiguration : IEntityTypeConfiguration<MetricMonth>
{
    public void Configure(EntityTypeBuilder<MetricMonth> b)
    {
        b.ToTable("metric_months");
        b.HasKey(e => new { e.OrganizationId, e.Month, e.CampaignId, e.Segment }).HasName("pk_metric_months");
        b.Property(e => e.Segment).HasMaxLength(200);
    }
}

/// <summary>The view that unpacks <see cref="MetricMonth"/> rows a day to a row (migration 0011); read-only.</summary>
internal sealed class MetricDayConfiguration : IEntityTypeConfiguration<MetricDay>
{
    public void Configure(EntityTypeBuilder<MetricDay> b)
    {
        b.ToView("metric_days");
        b.HasNoKey();
    }
}

internal sealed class MetricRollupConfiguration : IEntityTypeConfiguration<MetricRollup>
{
    public void Configure(EntityTypeBuilder<MetricRollup> b)
    {
        b.ToTable("metric_rollups");
        b.HasKey(e => new { e.OrganizationId, e.Day, e.ChannelId }).HasName("pk_metric_rollups");
    }
}

internal sealed class MetricCampaignMonthDaysConfiguration : IEntityTypeConfiguration<MetricCampaignMonthDays>
{
    public void Configure(EntityTypeBuilder<MetricCampaignMonthDays> b)
    {
        b.ToTable("metric_campaign_month_days");
        b.HasKey(e => new { e.OrganizationId, e.Month, e.CampaignId }).HasName("pk_metric_campaign_month_days");
    }
}

internal sealed class MetricCampaignYearMonthsConfiguration : IEntityTypeConfiguration<MetricCampaignYearMonths>
{
    public void Configure(EntityTypeBuilder<MetricCampaignYearMonths> b)
    {
        b.ToTable("metric_campaign_year_months");
        b.HasKey(e => new { e.OrganizationId, e.Year, e.CampaignId }).HasName("pk_metric_campaign_year_months");
    }
}

internal sealed class GoalStateConfiguration : IEntityTypeConfiguration<GoalState>
{
    public void Configure(EntityTypeBuilder<GoalState> b)
    {
        b.ToTable("goal_states");
        b.HasKey(e => new { e.OrganizationId, e.Kpi, e.Period }).HasName("pk_goal_states");
        b.Property(e => e.Kpi).HasMaxLength(40);
        b.Property(e => e.Period).HasMaxLength(20);
        b.Property(e => e.Status).HasMaxLength(20);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_goal_states_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MetricImportConfiguration : IEntityTypeConfiguration<MetricImport>
{
    public void Configure(EntityTypeBuilder<MetricImport> b)
    {
        b.ToTable("metric_imports");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_metric_imports");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.FileName).HasMaxLength(300);
        b.Property(e => e.MappingName).HasMaxLength(100);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_metric_imports_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedMappingConfiguration : IEntityTypeConfiguration<SavedMapping>
{
    public void Configure(EntityTypeBuilder<SavedMapping> b)
    {
        b.ToTable("saved_mappings");
        b.HasKey(e => new { e.OrganizationId, e.Name }).HasName("pk_saved_mappings");
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Yaml).HasMaxLength(20000);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_saved_mappings_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}
