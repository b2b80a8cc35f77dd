-- 0011 (SQLite): the daily figures are kept a month to a row, one row per campaign, segment and month (decision
-- 0021). "present" has bit n set when the month's day n + 1 has figures (a day of zeros is not a missing day); "days"
-- holds the present days in order, each as seven big-endian 64-bit sums (impressions, clicks, cost_e4, conversions,
-- leads, orders, revenue_e4); "import_id" is the import that last wrote the row. A rowid table, as for the campaign
-- months' sums (0008): its value of up to 1,736 bytes stays on the row's page. The view metric_days unpacks the rows
-- a day to a row, as the table was before, for anyone reading them with SQL.

CREATE TABLE "metric_months" (
    "organization_id" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    "present" INTEGER NOT NULL,
    "days" BLOB NOT NULL,
    "import_id" INTEGER NOT NULL,
    CONSTRAINT "pk_metric_months" PRIMARY KEY ("organization_id", "month", "campaign_id", "segment")
);

-- A day number counts days from 0001-01-01 (DateOnly.DayNumber); julianday of that date is 1721425.5.
INSERT INTO "metric_months"
SELECT "organization_id", "month", "campaign_id", "segment", sum(1 << ("day" - "month")),
       unhex(group_concat(printf('%016X%016X%016X%016X%016X%016X%016X', "impressions", "clicks", "cost_e4", "conversions",
                                 "leads", "orders", "revenue_e4"), '' ORDER BY "day")),
       max("import_id")
FROM (SELECT d.*, CAST(julianday(date(d."day" + 1721425.5, 'start of month')) - 1721425.5 AS INTEGER) AS "month"
      FROM "metric_days" d)
GROUP BY "organization_id", "month", "campaign_id", "segment";

DROP TABLE "metric_days";

-- SQLite reads no integer from a blob: each sum is put together from the sixteen hexadecimal digits of its eight
-- bytes, the first shifted 60 bits left, which gives a negative sum back as one. A present day's place among the
-- month's present days is counted by a window function, which also keeps SQLite from merging the inner query into the
-- outer one: merged, the day's digits ("h") would be worked out again for each of their 112 uses, eight times slower.
-- A condition on organization_id, the first of the window's partition columns, still reaches the table's key.
CREATE VIEW "metric_days" AS
WITH RECURSIVE "slots"("n") AS (SELECT 0 UNION ALL SELECT "n" + 1 FROM "slots" WHERE "n" < 30)
SELECT "organization_id", "day", "campaign_id", "segment",
       ((instr('0123456789ABCDEF', substr("h", 1, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 2, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 3, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 4, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 5, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 6, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 7, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 8, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 9, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 10, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 11, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 12, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 13, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 14, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 15, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 16, 1)) - 1) << 0) AS "impressions",
       ((instr('0123456789ABCDEF', substr("h", 17, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 18, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 19, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 20, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 21, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 22, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 23, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 24, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 25, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 26, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 27, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 28, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 29, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 30, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 31, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 32, 1)) - 1) << 0) AS "clicks",
       ((instr('0123456789ABCDEF', substr("h", 33, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 34, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 35, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 36, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 37, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 38, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 39, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 40, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 41, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 42, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 43, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 44, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 45, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 46, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 47, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 48, 1)) - 1) << 0) AS "cost_e4",
       ((instr('0123456789ABCDEF', substr("h", 49, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 50, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 51, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 52, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 53, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 54, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 55, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 56, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 57, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 58, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 59, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 60, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 61, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 62, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 63, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 64, 1)) - 1) << 0) AS "conversions",
       ((instr('0123456789ABCDEF', substr("h", 65, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 66, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 67, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 68, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 69, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 70, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 71, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 72, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 73, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 74, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 75, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 76, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 77, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 78, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 79, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 80, 1)) - 1) << 0) AS "leads",
       ((instr('0123456789ABCDEF', substr("h", 81, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 82, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 83, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 84, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 85, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 86, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 87, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 88, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 89, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 90, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 91, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 92, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 93, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 94, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 95, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 96, 1)) - 1) << 0) AS "orders",
       ((instr('0123456789ABCDEF', substr("h", 97, 1)) - 1) << 60) | ((instr('0123456789ABCDEF', substr("h", 98, 1)) - 1) << 56) | ((instr('0123456789ABCDEF', substr("h", 99, 1)) - 1) << 52) | ((instr('0123456789ABCDEF', substr("h", 100, 1)) - 1) << 48)
           | ((instr('0123456789ABCDEF', substr("h", 101, 1)) - 1) << 44) | ((instr('0123456789ABCDEF', substr("h", 102, 1)) - 1) << 40) | ((instr('0123456789ABCDEF', substr("h", 103, 1)) - 1) << 36) | ((instr('0123456789ABCDEF', substr("h", 104, 1)) - 1) << 32)
           | ((instr('0123456789ABCDEF', substr("h", 105, 1)) - 1) << 28) | ((instr('0123456789ABCDEF', substr("h", 106, 1)) - 1) << 24) | ((instr('0123456789ABCDEF', substr("h", 107, 1)) - 1) << 20) | ((instr('0123456789ABCDEF', substr("h", 108, 1)) - 1) << 16)
           | ((instr('0123456789ABCDEF', substr("h", 109, 1)) - 1) << 12) | ((instr('0123456789ABCDEF', substr("h", 110, 1)) - 1) << 8) | ((instr('0123456789ABCDEF', substr("h", 111, 1)) - 1) << 4) | ((instr('0123456789ABCDEF', substr("h", 112, 1)) - 1) << 0) AS "revenue_e4",
       "import_id"
FROM (SELECT m."organization_id", m."month" + s."n" AS "day", m."campaign_id", m."segment", m."import_id",
             hex(substr(m."days", 1 + 56 * (row_number() OVER (PARTITION BY m."organization_id", m."month", m."campaign_id", m."segment" ORDER BY s."n") - 1), 56)) AS "h"
      FROM "metric_months" m
      JOIN "slots" s ON (m."present" >> s."n") & 1 = 1);
