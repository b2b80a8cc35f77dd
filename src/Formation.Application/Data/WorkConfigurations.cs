using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Formation.Application.Data;

internal sealed class WorkProjectConfiguration : IEntityTypeConfiguration<WorkProject>
{
    public void Configure(EntityTypeBuilder<WorkProject> b)
    {
        b.ToTable("work_projects");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_work_projects");
        b.Property(e => e.Key).HasMaxLength(200);
        b.Property(e => e.NameZh).HasMaxLength(300);
        b.Property(e => e.NameEn).HasMaxLength(300);
        b.HasIndex(e => new { e.OrganizationId, e.Key }).IsUnique().HasDatabaseName("ix_work_projects_key");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_work_projects_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> b)
    {
        b.ToTable("work_items");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_work_items");
        b.Property(e => e.Key).HasMaxLength(300);
        b.Property(e => e.ActivityId).HasMaxLength(200);
        b.Property(e => e.TitleZh).HasMaxLength(300);
        b.Property(e => e.TitleEn).HasMaxLength(300);
        b.Property(e => e.Phase).HasMaxLength(20);
        b.Property(e => e.Kind).HasMaxLength(20);
        b.Property(e => e.OwnerPost).HasMaxLength(40);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Cadence).HasMaxLength(20);
        b.Property(e => e.CheckedBy).HasMaxLength(40);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.OrganizationId, e.Key }).IsUnique().HasDatabaseName("ix_work_items_key");
        b.HasIndex(e => new { e.OrganizationId, e.OwnerPost, e.DueDate }).HasDatabaseName("ix_work_items_owner_due");
        b.HasIndex(e => new { e.OrganizationId, e.ProjectId }).HasDatabaseName("ix_work_items_project");
        b.HasIndex(e => new { e.OrganizationId, e.Status, e.DueDate }).HasDatabaseName("ix_work_items_status_due");
        b.HasIndex(e => new { e.OrganizationId, e.OwnerUserId, e.DueDate }).HasDatabaseName("ix_work_items_owner_user_due");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_work_items_organizations").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WorkProject>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.ProjectId }).HasConstraintName("fk_work_items_work_projects").OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkDependencyConfiguration : IEntityTypeConfiguration<WorkDependency>
{
    public void Configure(EntityTypeBuilder<WorkDependency> b)
    {
        b.ToTable("work_dependencies");
        b.HasKey(e => new { e.OrganizationId, e.TaskId, e.DependsOnTaskId }).HasName("pk_work_dependencies");
        b.HasIndex(e => new { e.OrganizationId, e.DependsOnTaskId }).HasDatabaseName("ix_work_dependencies_depends_on");
        b.HasOne<WorkItem>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.TaskId }).HasConstraintName("fk_work_dependencies_task").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WorkItem>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.DependsOnTaskId }).HasConstraintName("fk_work_dependencies_depends_on").OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostAssignmentConfiguration : IEntityTypeConfiguration<PostAssignment>
{
    public void Configure(EntityTypeBuilder<PostAssignment> b)
    {
        b.ToTable("post_assignments");
        b.HasKey(e => new { e.OrganizationId, e.Post, e.UserId }).HasName("pk_post_assignments");
        b.Property(e => e.Post).HasMaxLength(40);
        b.HasIndex(e => e.UserId).HasDatabaseName("ix_post_assignments_user_id");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_post_assignments_organizations").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).HasConstraintName("fk_post_assignments_users").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkChangeConfiguration : IEntityTypeConfiguration<WorkChange>
{
    public void Configure(EntityTypeBuilder<WorkChange> b)
    {
        b.ToTable("work_changes");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_work_changes");
        b.Property(e => e.SubjectKind).HasMaxLength(20);
        b.Property(e => e.Action).HasMaxLength(20);
        b.HasIndex(e => new { e.OrganizationId, e.SubjectId, e.At }).HasDatabaseName("ix_work_changes_subject");
        b.HasIndex(e => new { e.OrganizationId, e.At }).HasDatabaseName("ix_work_changes_at");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_work_changes_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkCommentConfiguration : IEntityTypeConfiguration<WorkComment>
{
    public void Configure(EntityTypeBuilder<WorkComment> b)
    {
        b.ToTable("work_comments");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_work_comments");
        b.Property(e => e.Kind).HasMaxLength(20);
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.FileName).HasMaxLength(260);
        b.Property(e => e.ContentType).HasMaxLength(200);
        b.HasIndex(e => new { e.OrganizationId, e.TaskId, e.CreatedAt }).HasDatabaseName("ix_work_comments_task");
        b.HasIndex(e => e.UserId).HasDatabaseName("ix_work_comments_user_id");
        b.HasOne<WorkItem>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.TaskId }).HasConstraintName("fk_work_comments_work_items").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).HasConstraintName("fk_work_comments_users").OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkFileConfiguration : IEntityTypeConfiguration<WorkFile>
{
    public void Configure(EntityTypeBuilder<WorkFile> b)
    {
        b.ToTable("work_files");
        b.HasKey(e => new { e.OrganizationId, e.CommentId }).HasName("pk_work_files");
        b.HasOne<WorkComment>().WithOne().HasForeignKey<WorkFile>(e => new { e.OrganizationId, e.CommentId }).HasConstraintName("fk_work_files_work_comments").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(e => new { e.OrganizationId, e.Id }).HasName("pk_notifications");
        b.Property(e => e.Reason).HasMaxLength(20);
        b.Property(e => e.Level).HasMaxLength(20);
        b.Property(e => e.Post).HasMaxLength(40);
        b.HasIndex(e => new { e.OrganizationId, e.UserId, e.TaskId, e.Reason, e.Level }).IsUnique().HasDatabaseName("ix_notifications_notice");
        b.HasIndex(e => new { e.UserId, e.ReadAt }).HasDatabaseName("ix_notifications_user_unread");
        b.HasIndex(e => new { e.OrganizationId, e.TaskId }).HasDatabaseName("ix_notifications_task");
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).HasConstraintName("fk_notifications_organizations").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).HasConstraintName("fk_notifications_users").OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WorkItem>().WithMany().HasForeignKey(e => new { e.OrganizationId, e.TaskId }).HasConstraintName("fk_notifications_work_items").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpSettingsConfiguration : IEntityTypeConfiguration<FollowUpSettings>
{
    public void Configure(EntityTypeBuilder<FollowUpSettings> b)
    {
        b.ToTable("follow_up_settings");
        b.HasKey(e => e.OrganizationId).HasName("pk_follow_up_settings");
        b.HasOne<Organization>().WithOne().HasForeignKey<FollowUpSettings>(e => e.OrganizationId).HasConstraintName("fk_follow_up_settings_organizations").OnDelete(DeleteBehavior.Cascade);
    }
}
