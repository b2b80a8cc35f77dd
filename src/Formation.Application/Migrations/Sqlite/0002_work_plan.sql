-- 0002 work plan (SQLite): projects per playbook module, tasks with their checkpoint, dependencies between
-- tasks, and members assigned to posts. Every table leads with organization_id.

CREATE TABLE "work_projects" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "key" TEXT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "deleted_at" TEXT NULL,
    CONSTRAINT "pk_work_projects" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_work_projects_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "work_items" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "project_id" TEXT NULL,
    "key" TEXT NULL,
    "activity_id" TEXT NULL,
    "title_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "owner_post" TEXT NOT NULL,
    "owner_user_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "due_date" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "evidence_zh" TEXT NOT NULL,
    "evidence_en" TEXT NOT NULL,
    "checked_by" TEXT NOT NULL,
    "effort_hours" REAL NOT NULL,
    "fingerprint" TEXT NULL,
    "edited" INTEGER NOT NULL,
    "retired" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "deleted_at" TEXT NULL,
    CONSTRAINT "pk_work_items" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_work_items_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_work_items_work_projects" FOREIGN KEY ("organization_id", "project_id") REFERENCES "work_projects" ("organization_id", "id") ON DELETE RESTRICT
);

CREATE TABLE "work_dependencies" (
    "organization_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "depends_on_task_id" TEXT NOT NULL,
    CONSTRAINT "pk_work_dependencies" PRIMARY KEY ("organization_id", "task_id", "depends_on_task_id"),
    CONSTRAINT "fk_work_dependencies_depends_on" FOREIGN KEY ("organization_id", "depends_on_task_id") REFERENCES "work_items" ("organization_id", "id") ON DELETE RESTRICT,
    CONSTRAINT "fk_work_dependencies_task" FOREIGN KEY ("organization_id", "task_id") REFERENCES "work_items" ("organization_id", "id") ON DELETE CASCADE
);

CREATE TABLE "post_assignments" (
    "organization_id" TEXT NOT NULL,
    "post" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_post_assignments" PRIMARY KEY ("organization_id", "post", "user_id"),
    CONSTRAINT "fk_post_assignments_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_post_assignments_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_work_projects_key" ON "work_projects" ("organization_id", "key");

CREATE UNIQUE INDEX "ix_work_items_key" ON "work_items" ("organization_id", "key");

CREATE INDEX "ix_work_items_owner_due" ON "work_items" ("organization_id", "owner_post", "due_date");

CREATE INDEX "ix_work_items_project" ON "work_items" ("organization_id", "project_id");

CREATE INDEX "ix_work_dependencies_depends_on" ON "work_dependencies" ("organization_id", "depends_on_task_id");

CREATE INDEX "ix_post_assignments_user_id" ON "post_assignments" ("user_id");
