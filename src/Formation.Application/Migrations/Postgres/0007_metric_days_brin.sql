-- 0007 (PostgreSQL): the daily metric rows lose their unique primary key for a BRIN index on (organization_id, day)
-- (decision 0014, "No unique key on PostgreSQL"). The importer is the only writer of metric_days and keeps a key
-- unique itself: one import per organisation at a time, a repeated key within a file is skipped or rejected, and an
-- import first deletes every earlier row of the file's campaigns within the file's days. Keeping the unique B-tree
-- up to date cost the server about as much as writing the rows; a BRIN index costs almost nothing and still serves
-- the reads by organisation and day range, since imports write rows in day order.

ALTER TABLE metric_days DROP CONSTRAINT pk_metric_days;

CREATE INDEX ix_metric_days_day ON metric_days USING brin (organization_id, day);
