-- 0003 work operations (PostgreSQL): the audit trail of every change to tasks and projects, comments and evidence (links and
-- files) on tasks, the follow-up's in-app notifications and each organisation's follow-up thresholds.

CREATE TABLE follow_up_settings (
    organization_id uuid NOT NULL,
    due_soon_days integer NOT NULL,
    stalled_days integer NOT NULL,
    supervisor_after_days integer NOT NULL,
    manager_after_days integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_follow_up_settings PRIMARY KEY (organization_id),
    CONSTRAINT fk_follow_up_settings_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE work_changes (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    subject_id uuid NOT NULL,
    subject_kind character varying(20) NOT NULL,
    action character varying(20) NOT NULL,
    user_id uuid,
    at timestamp with time zone NOT NULL,
    before text,
    after text,
    CONSTRAINT pk_work_changes PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_work_changes_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE notifications (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    task_id uuid NOT NULL,
    reason character varying(20) NOT NULL,
    level character varying(20) NOT NULL,
    post character varying(40) NOT NULL,
    days integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    resolved_at timestamp with time zone,
    CONSTRAINT pk_notifications PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_notifications_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_work_items FOREIGN KEY (organization_id, task_id) REFERENCES work_items (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE work_comments (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    task_id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    body text NOT NULL,
    url character varying(2000),
    file_name character varying(260),
    content_type character varying(200),
    file_size bigint,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_work_comments PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_work_comments_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_work_comments_work_items FOREIGN KEY (organization_id, task_id) REFERENCES work_items (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE work_files (
    organization_id uuid NOT NULL,
    comment_id uuid NOT NULL,
    content bytea NOT NULL,
    CONSTRAINT pk_work_files PRIMARY KEY (organization_id, comment_id),
    CONSTRAINT fk_work_files_work_comments FOREIGN KEY (organization_id, comment_id) REFERENCES work_comments (organization_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_notifications_notice ON notifications (organization_id, user_id, task_id, reason, level);

CREATE INDEX ix_notifications_task ON notifications (organization_id, task_id);

CREATE INDEX ix_notifications_user_unread ON notifications (user_id, read_at);

CREATE INDEX ix_work_changes_at ON work_changes (organization_id, at);

CREATE INDEX ix_work_changes_subject ON work_changes (organization_id, subject_id, at);

CREATE INDEX ix_work_comments_task ON work_comments (organization_id, task_id, created_at);

CREATE INDEX ix_work_comments_user_id ON work_comments (user_id);
