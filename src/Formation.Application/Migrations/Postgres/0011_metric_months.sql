-- 0011 (PostgreSQL): the daily figures are kept a month to a row, one row per campaign, segment and month
-- (decision 0021). `present` has bit n set when the month's day n + 1 has figures (a day of zeros is not a missing
-- day); `days` holds the present days in order, each as seven big-endian 64-bit sums (impressions, clicks, cost_e4,
-- conversions, leads, orders, revenue_e4); `import_id` is the import that last wrote the row. A million daily rows
-- become about thirty times fewer, under a real primary key. The view metric_days unpacks them a day to a row, as
-- the table was before, for anyone reading them with SQL.

CREATE TABLE metric_months (
    organization_id uuid NOT NULL,
    month integer NOT NULL,
    campaign_id bigint NOT NULL,
    segment character varying(200) NOT NULL,
    present integer NOT NULL,
    days bytea NOT NULL,
    import_id bigint NOT NULL,
    CONSTRAINT pk_metric_months PRIMARY KEY (organization_id, month, campaign_id, segment)
);

-- A day number counts days from 0001-01-01 (DateOnly.DayNumber); a month is the day number of its first day. Since
-- 0007 only the importer kept a key unique here; should a key still be there twice, the later import's row is kept.
INSERT INTO metric_months
SELECT organization_id, month, campaign_id, segment, sum(1 << (day - month))::integer,
       string_agg(int8send(impressions) || int8send(clicks) || int8send(cost_e4) || int8send(conversions)
                  || int8send(leads) || int8send(orders) || int8send(revenue_e4), ''::bytea ORDER BY day),
       max(import_id)
FROM (SELECT DISTINCT ON (d.organization_id, d.day, d.campaign_id, d.segment) d.*,
             date_trunc('month', (DATE '0001-01-01' + d.day)::timestamp)::date - DATE '0001-01-01' AS month
      FROM metric_days d
      ORDER BY d.organization_id, d.day, d.campaign_id, d.segment, d.import_id DESC) AS dated
GROUP BY organization_id, month, campaign_id, segment;

DROP TABLE metric_days;

CREATE VIEW metric_days AS
SELECT m.organization_id, m.month + d.n AS day, m.campaign_id, m.segment,
       ('x' || encode(substring(m.days FROM d.at + 1 FOR 8), 'hex'))::bit(64)::bigint AS impressions,
       ('x' || encode(substring(m.days FROM d.at + 9 FOR 8), 'hex'))::bit(64)::bigint AS clicks,
       ('x' || encode(substring(m.days FROM d.at + 17 FOR 8), 'hex'))::bit(64)::bigint AS cost_e4,
       ('x' || encode(substring(m.days FROM d.at + 25 FOR 8), 'hex'))::bit(64)::bigint AS conversions,
       ('x' || encode(substring(m.days FROM d.at + 33 FOR 8), 'hex'))::bit(64)::bigint AS leads,
       ('x' || encode(substring(m.days FROM d.at + 41 FOR 8), 'hex'))::bit(64)::bigint AS orders,
       ('x' || encode(substring(m.days FROM d.at + 49 FOR 8), 'hex'))::bit(64)::bigint AS revenue_e4,
       m.import_id
FROM metric_months m
CROSS JOIN LATERAL (SELECT s.n, 56 * bit_count((m.present & ((1 << s.n) - 1))::bit(32))::integer AS at
                    FROM generate_series(0, 30) AS s(n)
                    WHERE (m.present >> s.n) & 1 = 1) AS d;
