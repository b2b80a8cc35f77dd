-- 0002 work plan (PostgreSQL): projects per playbook module, tasks with their checkpoint, dependencies between
-- tasks, and members assigned to posts. Every table leads with organization_id.

CREATE TABLE work_projects (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    key character varying(200),
    name_zh character varying(300) NOT NULL,
    name_en character varying(300) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT pk_work_projects PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_work_projects_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE work_items (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    project_id uuid,
    key character varying(300),
    activity_id character varying(200),
    title_zh character varying(300) NOT NULL,
    title_en character varying(300) NOT NULL,
    phase character varying(20) NOT NULL,
    kind character varying(20) NOT NULL,
    owner_post character varying(40) NOT NULL,
    owner_user_id uuid,
    status character varying(20) NOT NULL,
    start_date date NOT NULL,
    due_date date NOT NULL,
    cadence character varying(20) NOT NULL,
    evidence_zh text NOT NULL,
    evidence_en text NOT NULL,
    checked_by character varying(40) NOT NULL,
    effort_hours double precision NOT NULL,
    fingerprint text,
    edited boolean NOT NULL,
    retired boolean NOT NULL,
    version integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT pk_work_items PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_work_items_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_work_items_work_projects FOREIGN KEY (organization_id, project_id) REFERENCES work_projects (organization_id, id) ON DELETE RESTRICT
);

CREATE TABLE work_dependencies (
    organization_id uuid NOT NULL,
    task_id uuid NOT NULL,
    depends_on_task_id uuid NOT NULL,
    CONSTRAINT pk_work_dependencies PRIMARY KEY (organization_id, task_id, depends_on_task_id),
    CONSTRAINT fk_work_dependencies_depends_on FOREIGN KEY (organization_id, depends_on_task_id) REFERENCES work_items (organization_id, id) ON DELETE RESTRICT,
    CONSTRAINT fk_work_dependencies_task FOREIGN KEY (organization_id, task_id) REFERENCES work_items (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE post_assignments (
    organization_id uuid NOT NULL,
    post character varying(40) NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_post_assignments PRIMARY KEY (organization_id, post, user_id),
    CONSTRAINT fk_post_assignments_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_post_assignments_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_work_projects_key ON work_projects (organization_id, key);

CREATE UNIQUE INDEX ix_work_items_key ON work_items (organization_id, key);

CREATE INDEX ix_work_items_owner_due ON work_items (organization_id, owner_post, due_date);

CREATE INDEX ix_work_items_project ON work_items (organization_id, project_id);

CREATE INDEX ix_work_dependencies_depends_on ON work_dependencies (organization_id, depends_on_task_id);

CREATE INDEX ix_post_assignments_user_id ON post_assignments (user_id);
