-- 0005 marketing data (PostgreSQL): channels and campaigns (small integer ids per organisation), the daily metric
-- rows keyed by their natural key (day, campaign, segment), each channel's daily sums kept by every import for the
-- dashboards, the record of committed imports, and the column mappings an organisation saved.

CREATE TABLE channels (
    organization_id uuid NOT NULL,
    id bigint NOT NULL,
    name character varying(200) NOT NULL,
    module_id character varying(100),
    post_id character varying(40),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_channels PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_channels_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_channels_name ON channels (organization_id, name);

CREATE TABLE campaigns (
    organization_id uuid NOT NULL,
    id bigint NOT NULL,
    channel_id bigint NOT NULL,
    name character varying(200) NOT NULL,
    module_id character varying(100),
    post_id character varying(40),
    planned_budget_e4 bigint,
    starts_on date,
    ends_on date,
    conclusions character varying(20000),
    first_day integer,
    last_day integer,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_campaigns PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_campaigns_channels FOREIGN KEY (organization_id, channel_id) REFERENCES channels (organization_id, id) ON DELETE RESTRICT,
    CONSTRAINT fk_campaigns_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_campaigns_name ON campaigns (organization_id, channel_id, name);

CREATE TABLE metric_days (
    organization_id uuid NOT NULL,
    day integer NOT NULL,
    campaign_id bigint NOT NULL,
    segment character varying(200) NOT NULL,
    impressions bigint NOT NULL,
    clicks bigint NOT NULL,
    cost_e4 bigint NOT NULL,
    conversions bigint NOT NULL,
    leads bigint NOT NULL,
    orders bigint NOT NULL,
    revenue_e4 bigint NOT NULL,
    import_id bigint NOT NULL,
    CONSTRAINT pk_metric_days PRIMARY KEY (organization_id, day, campaign_id, segment)
);

CREATE TABLE metric_rollups (
    organization_id uuid NOT NULL,
    day integer NOT NULL,
    channel_id bigint NOT NULL,
    rows bigint NOT NULL,
    impressions bigint NOT NULL,
    clicks bigint NOT NULL,
    cost_e4 bigint NOT NULL,
    conversions bigint NOT NULL,
    leads bigint NOT NULL,
    orders bigint NOT NULL,
    revenue_e4 bigint NOT NULL,
    CONSTRAINT pk_metric_rollups PRIMARY KEY (organization_id, day, channel_id)
);

CREATE TABLE metric_imports (
    organization_id uuid NOT NULL,
    id bigint NOT NULL,
    file_name character varying(300) NOT NULL,
    mapping_name character varying(100) NOT NULL,
    user_id uuid,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    rows_written bigint NOT NULL,
    rows_replaced bigint NOT NULL,
    rows_removed bigint NOT NULL,
    first_day integer,
    last_day integer,
    CONSTRAINT pk_metric_imports PRIMARY KEY (organization_id, id),
    CONSTRAINT fk_metric_imports_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE saved_mappings (
    organization_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    yaml character varying(20000) NOT NULL,
    updated_by uuid,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_mappings PRIMARY KEY (organization_id, name),
    CONSTRAINT fk_saved_mappings_organizations FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
