-- 0006 (PostgreSQL): each campaign's monthly sums, kept by every import so breakdowns by campaign, module and post
-- never scan the daily rows; and the status each strategy goal had when last evaluated, so going off track opens
-- one task. The monthly sums of data imported before this migration are computed once here.

CREATE TABLE metric_campaign_months (
    organization_id uuid NOT NULL,
    month integer NOT NULL,
    campaign_id bigint NOT NULL,
    rows bigint NOT NULL,
    impressions bigint NOT NULL,
    clicks bigint NOT NULL,
    cost_e4 bigint NOT NULL,
    conversions bigint NOT NULL,
    leads bigint NOT NULL,
    orders bigint NOT NULL,
    revenue_e4 bigint NOT NULL,
    CONSTRAINT pk_metric_campaign_months PRIMARY KEY (organization_id, month, campaign_id)
);

-- A day number counts days from 0001-01-01 (DateOnly.DayNumber).
INSERT INTO metric_campaign_months
SELECT organization_id,
       (date_trunc('month', DATE '0001-01-01' + day)::date - DATE '0001-01-01') AS month,
       campaign_id, count(*), sum(impressions), sum(clicks), sum(cost_e4), sum(conversions),
       sum(leads), sum(orders), sum(revenue_e4)
FROM metric_days
GROUP BY 1, 2, 3;

CREATE TABLE goal_states (
    organization_id uuid NOT NULL,
    kpi character varying(40) NOT NULL,
    period character varying(20) NOT NULL,
    period_start date NOT NULL,
    status character varying(20) NOT NULL,
    task_id uuid,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_goal_states PRIMARY KEY (organization_id, kpi, period),
    CONSTRAINT fk_goal_states_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
