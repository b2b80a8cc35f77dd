-- 0005 marketing data (SQLite): channels and campaigns (small integer ids per organisation, so each daily row carries
-- a few bytes instead of a GUID), the daily metric rows keyed by their natural key (day, campaign, segment) and
-- stored WITHOUT ROWID in key order, each channel's daily sums kept by every import for the dashboards, the
-- record of committed imports, and the column mappings an organisation saved.

CREATE TABLE "channels" (
    "organization_id" TEXT NOT NULL,
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "module_id" TEXT NULL,
    "post_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_channels" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_channels_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_channels_name" ON "channels" ("organization_id", "name");

CREATE TABLE "campaigns" (
    "organization_id" TEXT NOT NULL,
    "id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "module_id" TEXT NULL,
    "post_id" TEXT NULL,
    "planned_budget_e4" INTEGER NULL,
    "starts_on" TEXT NULL,
    "ends_on" TEXT NULL,
    "conclusions" TEXT NULL,
    "first_day" INTEGER NULL,
    "last_day" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_campaigns" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_campaigns_channels" FOREIGN KEY ("organization_id", "channel_id") REFERENCES "channels" ("organization_id", "id") ON DELETE RESTRICT,
    CONSTRAINT "fk_campaigns_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_campaigns_name" ON "campaigns" ("organization_id", "channel_id", "name");

CREATE TABLE "metric_days" (
    "organization_id" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "cost_e4" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "leads" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    "import_id" INTEGER NOT NULL,
    CONSTRAINT "pk_metric_days" PRIMARY KEY ("organization_id", "day", "campaign_id", "segment")
) WITHOUT ROWID;

CREATE TABLE "metric_rollups" (
    "organization_id" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "cost_e4" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "leads" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    CONSTRAINT "pk_metric_rollups" PRIMARY KEY ("organization_id", "day", "channel_id")
) WITHOUT ROWID;

CREATE TABLE "metric_imports" (
    "organization_id" TEXT NOT NULL,
    "id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "mapping_name" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT NOT NULL,
    "rows_written" INTEGER NOT NULL,
    "rows_replaced" INTEGER NOT NULL,
    "rows_removed" INTEGER NOT NULL,
    "first_day" INTEGER NULL,
    "last_day" INTEGER NULL,
    CONSTRAINT "pk_metric_imports" PRIMARY KEY ("organization_id", "id"),
    CONSTRAINT "fk_metric_imports_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "saved_mappings" (
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "yaml" TEXT NOT NULL,
    "updated_by" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_saved_mappings" PRIMARY KEY ("organization_id", "name"),
    CONSTRAINT "fk_saved_mappings_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);
