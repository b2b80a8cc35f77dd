-- 0009 (PostgreSQL): each campaign's sums per month are kept slot by slot in metric_campaign_month_days and
-- metric_campaign_year_months (0008, decision 0017), which every page reads; the older per-month sums table
-- was only written, at a third of the cost of keeping the sums on every import.

DROP TABLE metric_campaign_months;
