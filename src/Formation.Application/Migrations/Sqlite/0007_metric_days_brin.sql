-- 0007 (SQLite): nothing changes. On PostgreSQL this migration replaces the daily rows' primary key by a BRIN index;
-- on SQLite metric_days keeps its primary key, because a WITHOUT ROWID table is stored in key order as its own index,
-- so the key costs an import nothing beyond writing the rows.
SELECT 1;
