-- 0001 initial schema (SQLite): organisations, users and memberships, invitations, personal access
-- tokens, the working profile and accepted plan versions. Every tenant table leads with organization_id.

CREATE TABLE "organizations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organizations" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "email" TEXT NOT NULL,
    "normalized_email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "language" TEXT NULL,
    "failed_sign_ins" INTEGER NOT NULL,
    "locked_until" TEXT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "invitations" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "accepted_at" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_invitations" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_invitations_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "plan_versions" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "profile_yaml" TEXT NOT NULL,
    "headcount" TEXT NOT NULL,
    "total_annual_cost" TEXT NOT NULL,
    "error_count" INTEGER NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_plan_versions" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_plan_versions_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "profile_drafts" (
    "organization_id" TEXT NOT NULL CONSTRAINT "pk_profile_drafts" PRIMARY KEY,
    "yaml" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_profile_drafts_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "memberships" (
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_memberships" PRIMARY KEY ("organization_id", "user_id"),
    CONSTRAINT "fk_memberships_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_memberships_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "personal_access_tokens" (
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "pk_personal_access_tokens" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_personal_access_tokens_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_personal_access_tokens_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_invitations_token_hash" ON "invitations" ("token_hash");

CREATE INDEX "ix_memberships_user_id" ON "memberships" ("user_id");

CREATE UNIQUE INDEX "ix_personal_access_tokens_token_hash" ON "personal_access_tokens" ("token_hash");

CREATE INDEX "ix_personal_access_tokens_user_id" ON "personal_access_tokens" ("user_id");

CREATE UNIQUE INDEX "ix_plan_versions_number" ON "plan_versions" ("organization_id", "number");

CREATE UNIQUE INDEX "ix_users_normalized_email" ON "users" ("normalized_email");
