-- 0006 (SQLite): each campaign's monthly sums, kept by every import so breakdowns by campaign, module and post
-- never scan the daily rows; and the status each strategy goal had when last evaluated, so going off track opens
-- one task. The monthly sums of data imported before this migration are computed once here.

CREATE TABLE "metric_campaign_months" (
    "organization_id" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "cost_e4" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "leads" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    CONSTRAINT "pk_metric_campaign_months" PRIMARY KEY ("organization_id", "month", "campaign_id")
) WITHOUT ROWID;

-- A day number counts days from 0001-01-01 (DateOnly.DayNumber); julianday of that date is 1721425.5.
INSERT INTO "metric_campaign_months"
SELECT "organization_id",
       CAST(julianday(date("day" + 1721425.5, 'start of month')) - 1721425.5 AS INTEGER) AS "month",
       "campaign_id", count(*), sum("impressions"), sum("clicks"), sum("cost_e4"), sum("conversions"),
       sum("leads"), sum("orders"), sum("revenue_e4")
FROM "metric_days"
GROUP BY 1, 2, 3;

CREATE TABLE "goal_states" (
    "organization_id" TEXT NOT NULL,
    "kpi" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "task_id" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_goal_states" PRIMARY KEY ("organization_id", "kpi", "period"),
    CONSTRAINT "fk_goal_states_organizations" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);
