-- Retention counts from a file's last use, not its first upload: the store keeps one copy per tenant and checksum, so
-- the same bytes sent again (a customer's repeated photo, an operator's standard PDF) reuse an old row, and deleting
-- it by its first upload would take a file still being sent. Null until the first reuse (no rewrite of existing rows).
ALTER TABLE media ADD COLUMN last_used_at timestamptz NULL;

-- The retention job deletes by last use: per tenant with its own days, and across tenants for the default days.
CREATE INDEX media_by_last_use ON media (tenant_id, (coalesce(last_used_at, created_at)));
CREATE INDEX media_by_last_use_all ON media ((coalesce(last_used_at, created_at)));
DROP INDEX media_by_age;
