-- 0003 work operations (SQLite): the audit trail of every change to tasks and projects, comments and evidence (links and
-- files) on tasks, the follow-up's in-app notifications and each organisation's follow-up thresholds.

CREATE TABLE "follow_up_settings" (
    "organization_id" TEXT NOT NULL CONSTRAINT "pk_follow_up_settings" PRIMARY KEY,
    "due_soon_days" INTEGER NOT NULL,
    "stalled_days" INTEGER NOT NULL,
    "supervisor_after_days" INTEGER NOT NULL,
    "manager_after_days" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_follow_up_settings_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "work_changes" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "at" TEXT NOT NULL,
    "before" TEXT NULL,
    "after" TEXT NULL,
    CONSTRAINT "pk_work_changes" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_work_changes_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "notifications" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "post" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    "resolved_at" TEXT NULL,
    CONSTRAINT "pk_notifications" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_notifications_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_notifications_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_notifications_work_items" FOREIGN KEY ("organization_id", "task_id") REFERENCES "work_items" ("organization_id", "id") ON DELETE CASCADE
);

CREATE TABLE "work_comments" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT NULL,
    "file_name" TEXT NULL,
    "content_type" TEXT NULL,
    "file_size" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_work_comments" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_work_comments_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_work_comments_work_items" FOREIGN KEY ("organization_id", "task_id") REFERENCES "work_items" ("organization_id", "id") ON DELETE CASCADE
);

CREATE TABLE "work_files" (
    "organization_id" TEXT NOT NULL,
    "comment_id" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    CONSTRAINT "pk_work_files" PRIMARY KEY ("organization_id", "comment_id"),
    CONSTRAINT "fk_work_files_work_comments" FOREIGN KEY ("organization_id", "comment_id") REFERENCES "work_comments" ("organization_id", "id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_notifications_notice" ON "notifications" ("organization_id", "user_id", "task_id", "reason", "level");

CREATE INDEX "ix_notifications_task" ON "notifications" ("organization_id", "task_id");

CREATE INDEX "ix_notifications_user_unread" ON "notifications" ("user_id", "read_at");

CREATE INDEX "ix_work_changes_at" ON "work_changes" ("organization_id", "at");

CREATE INDEX "ix_work_changes_subject" ON "work_changes" ("organization_id", "subject_id", "at");

CREATE INDEX "ix_work_comments_task" ON "work_comments" ("organization_id", "task_id", "created_at");

CREATE INDEX "ix_work_comments_user_id" ON "work_comments" ("user_id");
