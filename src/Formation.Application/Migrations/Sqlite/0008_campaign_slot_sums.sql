-- 0008 (SQLite): each campaign's sums slot by slot, kept by every import (Features/Data/SlotSums.cs; decision 0017):
-- its days in one row per campaign and month (31 slots of seven big-endian 64-bit sums), and its months in one row
-- per campaign and year (12 slots). A range then sums one row per campaign and year or month, never the daily rows.
-- The days table is a rowid table: its 1,736-byte value stays on the row's page, where a WITHOUT ROWID table would
-- move most of it to an overflow page of its own. The sums of data imported before this migration are computed here.

CREATE TABLE "metric_campaign_month_days" (
    "organization_id" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "days" BLOB NOT NULL,
    CONSTRAINT "pk_metric_campaign_month_days" PRIMARY KEY ("organization_id", "month", "campaign_id")
);

-- A day number counts days from 0001-01-01 (DateOnly.DayNumber); julianday of that date is 1721425.5.
CREATE TEMP TABLE "campaign_day_sums" (
    "organization_id" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "cost_e4" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "leads" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    PRIMARY KEY ("organization_id", "month", "campaign_id", "slot")
) WITHOUT ROWID;

INSERT INTO "campaign_day_sums"
SELECT "organization_id", "month", "campaign_id", "day" - "month", "impressions", "clicks", "cost_e4", "conversions",
       "leads", "orders", "revenue_e4"
FROM (SELECT "organization_id", "day", "campaign_id",
             CAST(julianday(date("day" + 1721425.5, 'start of month')) - 1721425.5 AS INTEGER) AS "month",
             sum("impressions") AS "impressions", sum("clicks") AS "clicks", sum("cost_e4") AS "cost_e4",
             sum("conversions") AS "conversions", sum("leads") AS "leads", sum("orders") AS "orders",
             sum("revenue_e4") AS "revenue_e4"
      FROM "metric_days"
      GROUP BY "organization_id", "day", "campaign_id");

WITH RECURSIVE "slots"("n") AS (SELECT 0 UNION ALL SELECT "n" + 1 FROM "slots" WHERE "n" < 30)
INSERT INTO "metric_campaign_month_days"
SELECT m."organization_id", m."month", m."campaign_id",
       unhex(group_concat(printf('%016X%016X%016X%016X%016X%016X%016X',
                                 coalesce(d."impressions", 0), coalesce(d."clicks", 0), coalesce(d."cost_e4", 0),
                                 coalesce(d."conversions", 0), coalesce(d."leads", 0), coalesce(d."orders", 0),
                                 coalesce(d."revenue_e4", 0)), '' ORDER BY s."n"))
FROM "metric_campaign_months" m
CROSS JOIN "slots" s
LEFT JOIN "campaign_day_sums" d
       ON d."organization_id" = m."organization_id" AND d."month" = m."month" AND d."campaign_id" = m."campaign_id"
      AND d."slot" = s."n"
GROUP BY m."organization_id", m."month", m."campaign_id";

DROP TABLE "campaign_day_sums";

CREATE TABLE "metric_campaign_year_months" (
    "organization_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "months" BLOB NOT NULL,
    CONSTRAINT "pk_metric_campaign_year_months" PRIMARY KEY ("organization_id", "year", "campaign_id")
) WITHOUT ROWID;

CREATE TEMP TABLE "campaign_month_sums" (
    "organization_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "cost_e4" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "leads" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    PRIMARY KEY ("organization_id", "year", "campaign_id", "slot")
) WITHOUT ROWID;

INSERT INTO "campaign_month_sums"
SELECT "organization_id", CAST(julianday(date("month" + 1721425.5, 'start of year')) - 1721425.5 AS INTEGER),
       "campaign_id", CAST(strftime('%m', date("month" + 1721425.5)) AS INTEGER) - 1, "impressions", "clicks", "cost_e4",
       "conversions", "leads", "orders", "revenue_e4"
FROM "metric_campaign_months";

WITH RECURSIVE "slots"("n") AS (SELECT 0 UNION ALL SELECT "n" + 1 FROM "slots" WHERE "n" < 11)
INSERT INTO "metric_campaign_year_months"
SELECT y."organization_id", y."year", y."campaign_id",
       unhex(group_concat(printf('%016X%016X%016X%016X%016X%016X%016X',
                                 coalesce(m."impressions", 0), coalesce(m."clicks", 0), coalesce(m."cost_e4", 0),
                                 coalesce(m."conversions", 0), coalesce(m."leads", 0), coalesce(m."orders", 0),
                                 coalesce(m."revenue_e4", 0)), '' ORDER BY s."n"))
FROM (SELECT DISTINCT "organization_id", "year", "campaign_id" FROM "campaign_month_sums") y
CROSS JOIN "slots" s
LEFT JOIN "campaign_month_sums" m
       ON m."organization_id" = y."organization_id" AND m."year" = y."year" AND m."campaign_id" = y."campaign_id"
      AND m."slot" = s."n"
GROUP BY y."organization_id", y."year", y."campaign_id";

DROP TABLE "campaign_month_sums";
