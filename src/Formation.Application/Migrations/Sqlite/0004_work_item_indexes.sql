-- 0004 (SQLite): the board reads a column (status) by due date and "my work" a person's tasks by due date;
-- without these each read walks the whole plan.

CREATE INDEX "ix_work_items_status_due" ON "work_items" ("organization_id", "status", "due_date");

CREATE INDEX "ix_work_items_owner_user_due" ON "work_items" ("organization_id", "owner_user_id", "due_date");
