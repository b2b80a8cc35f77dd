-- 0001 initial schema (PostgreSQL): organisations, users and memberships, invitations, personal access
-- tokens, the working profile and accepted plan versions. Every tenant table leads with organization_id.

CREATE TABLE organizations (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    currency character varying(3) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_organizations PRIMARY KEY (id)
);

CREATE TABLE users (
    id uuid NOT NULL,
    email character varying(320) NOT NULL,
    normalized_email character varying(320) NOT NULL,
    display_name character varying(200) NOT NULL,
    password_hash character varying(200) NOT NULL,
    language character varying(8),
    failed_sign_ins integer NOT NULL,
    locked_until timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);

CREATE TABLE invitations (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    email character varying(320) NOT NULL,
    role character varying(20) NOT NULL,
    token_hash character varying(64) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_invitations PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_invitations_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE plan_versions (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    number integer NOT NULL,
    profile_yaml text NOT NULL,
    headcount numeric(9,1) NOT NULL,
    total_annual_cost numeric(18,2) NOT NULL,
    error_count integer NOT NULL,
    note character varying(500),
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_plan_versions PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_plan_versions_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE profile_drafts (
    organization_id uuid NOT NULL,
    yaml text NOT NULL,
    revision integer NOT NULL,
    updated_by uuid NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_profile_drafts PRIMARY KEY (organization_id),
    CONSTRAINT fk_profile_drafts_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE memberships (
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_memberships PRIMARY KEY (organization_id, user_id),
    CONSTRAINT fk_memberships_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE personal_access_tokens (
    organization_id uuid NOT NULL,
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    token_hash character varying(64) NOT NULL,
    prefix character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_personal_access_tokens PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_personal_access_tokens_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_personal_access_tokens_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_invitations_token_hash ON invitations (token_hash);

CREATE INDEX ix_memberships_user_id ON memberships (user_id);

CREATE UNIQUE INDEX ix_personal_access_tokens_token_hash ON personal_access_tokens (token_hash);

CREATE INDEX ix_personal_access_tokens_user_id ON personal_access_tokens (user_id);

CREATE UNIQUE INDEX ix_plan_versions_number ON plan_versions (organization_id, number);

CREATE UNIQUE INDEX ix_users_normalized_email ON users (normalized_email);
