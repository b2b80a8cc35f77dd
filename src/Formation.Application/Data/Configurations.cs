using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Formation.Application.Data;

// One configuration per entity. Names of tables, keys, indexes and foreign keys are fixed here and in
// the SQL migrations alike; MigrationSchemaTests proves the two agree on SQLite and PostgreSQL.

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.HasKey(e => e.Id).HasName("pk_organizations");
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Currency).HasMaxLength(3);
        b.Property(e => e.TimeZone).HasMaxLength(Formation.Domain.Text.TimeZones.MaxIdLength);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasKey(e => e.Id).HasName("pk_users");
        b.Property(e => e.Email).HasMaxLength(320);
        b.Property(e => e.NormalizedEmail).HasMaxLength(320);
        b.Property(e => e.DisplayName).HasMaxLength(200);
        b.Property(e => e.PasswordHash).HasMaxLength(200);
        b.Property(e => e.Language).HasMaxLength(8);
        b.HasIndex(e => e.NormalizedEmail).IsUnique().HasDatabaseName("ix_users_normalized_email");
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasKey(e => new { e.OrganizationId, e.UserId }).HasName("pk_memberships");
        b.Property(e => e.Role).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => e.UserId).HasDatabaseName("ix_memberships_user_id");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_memberships_organizations").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).HasConstraintName("fk_memberships_users").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_invitations");
        b.Property(e => e.Email).HasMaxLength(320);
        b.Property(e => e.Role).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.TokenHash).HasMaxLength(64);
        b.HasIndex(e => e.TokenHash).IsUnique().HasDatabaseName("ix_invitations_token_hash");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_invitations_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.ToTable("personal_access_tokens");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_personal_access_tokens");
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.TokenHash).HasMaxLength(64);
        b.Property(e => e.Prefix).HasMaxLength(16);
        b.HasIndex(e => e.TokenHash).IsUnique().HasDatabaseName("ix_personal_access_tokens_token_hash");
        b.HasIndex(e => e.UserId).HasDatabaseName("ix_personal_access_tokens_user_id");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_personal_access_tokens_organizations").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).HasConstraintName("fk_personal_access_tokens_users").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProfileDraftConfiguration : IEntityTypeConfiguration<ProfileDraft>
{
    public void Configure(EntityTypeBuilder<ProfileDraft> b)
    {
        b.ToTable("profile_drafts");
        b.HasKey(e => e.OrganizationId).HasName("pk_profile_drafts");
        b.Property(e => e.Revision).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_profile_drafts_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.ToTable("plan_versions");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_plan_versions");
        b.Property(e => e.Headcount).HasPrecision(9, 1);
        b.Property(e => e.TotalAnnualCost).HasPrecision(18, 2);
        b.Property(e => e.Note).HasMaxLength(500);
        b.HasIndex(e => new { e.OrganizationId, e.Number }).IsUnique().HasDatabaseName("ix_plan_versions_number");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_plan_versions_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}
