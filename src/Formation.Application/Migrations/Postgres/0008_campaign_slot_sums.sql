-- 0008 (PostgreSQL): each campaign's sums slot by slot, kept by every import (Features/Data/SlotSums.cs; decision
-- 0017): its days in one row per campaign and month (31 slots of seven big-endian 64-bit sums), and its months in one
-- row per campaign and year (12 slots). A range then sums one row per campaign and year or month, never the daily
-- rows. The sums of data imported before this migration are computed here.

CREATE TABLE metric_campaign_month_days (
    organization_id uuid NOT NULL,
    month integer NOT NULL,
    campaign_id bigint NOT NULL,
    days bytea NOT NULL,
    CONSTRAINT pk_metric_campaign_month_days PRIMARY KEY (organization_id, month, campaign_id)
);

-- A day number counts days from 0001-01-01 (DateOnly.DayNumber); slot n of a month is its day month + n.
INSERT INTO metric_campaign_month_days
SELECT m.organization_id, m.month, m.campaign_id,
       string_agg(int8send(coalesce(d.impressions, 0)) || int8send(coalesce(d.clicks, 0)) || int8send(coalesce(d.cost_e4, 0))
                  || int8send(coalesce(d.conversions, 0)) || int8send(coalesce(d.leads, 0)) || int8send(coalesce(d.orders, 0))
                  || int8send(coalesce(d.revenue_e4, 0)), ''::bytea ORDER BY s.n)
FROM metric_campaign_months m
CROSS JOIN generate_series(0, 30) AS s(n)
LEFT JOIN (SELECT organization_id, campaign_id, day, sum(impressions)::bigint AS impressions, sum(clicks)::bigint AS clicks,
                  sum(cost_e4)::bigint AS cost_e4, sum(conversions)::bigint AS conversions, sum(leads)::bigint AS leads,
                  sum(orders)::bigint AS orders, sum(revenue_e4)::bigint AS revenue_e4
           FROM metric_days
           GROUP BY organization_id, campaign_id, day) d
       ON d.organization_id = m.organization_id AND d.campaign_id = m.campaign_id AND d.day = m.month + s.n
      AND s.n < (((DATE '0001-01-01' + m.month) + interval '1 month')::date - (DATE '0001-01-01' + m.month))
GROUP BY m.organization_id, m.month, m.campaign_id;

CREATE TABLE metric_campaign_year_months (
    organization_id uuid NOT NULL,
    year integer NOT NULL,
    campaign_id bigint NOT NULL,
    months bytea NOT NULL,
    CONSTRAINT pk_metric_campaign_year_months PRIMARY KEY (organization_id, year, campaign_id)
);

-- Slot n of a year is its month year + n months.
INSERT INTO metric_campaign_year_months
SELECT y.organization_id, y.year, y.campaign_id,
       string_agg(int8send(coalesce(m.impressions, 0)) || int8send(coalesce(m.clicks, 0)) || int8send(coalesce(m.cost_e4, 0))
                  || int8send(coalesce(m.conversions, 0)) || int8send(coalesce(m.leads, 0)) || int8send(coalesce(m.orders, 0))
                  || int8send(coalesce(m.revenue_e4, 0)), ''::bytea ORDER BY s.n)
FROM (SELECT DISTINCT organization_id, (date_trunc('year', DATE '0001-01-01' + month)::date - DATE '0001-01-01') AS year, campaign_id
      FROM metric_campaign_months) y
CROSS JOIN generate_series(0, 11) AS s(n)
LEFT JOIN metric_campaign_months m
       ON m.organization_id = y.organization_id AND m.campaign_id = y.campaign_id
      AND m.month = ((DATE '0001-01-01' + y.year) + make_interval(months => s.n))::date - DATE '0001-01-01'
GROUP BY y.organization_id, y.year, y.campaign_id;
