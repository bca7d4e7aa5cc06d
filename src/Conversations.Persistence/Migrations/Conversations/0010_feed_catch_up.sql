-- Operators' feeds catch up every 20 s from the database (changes whose stream events were lost with a silo). They
-- used to page the tenant's whole inbox for that. They now read the conversations changed since a moment through an
-- index on the minute of the last activity: a message within the same minute as the previous change of its
-- conversation leaves the indexed value as it was, so its update can stay HOT (see 0007); a conversation gets one
-- new index entry per minute in which it changes, not one per message.
-- timezone('UTC', …) and date_trunc on a timestamp without time zone are immutable, as a generated column needs.
-- Adding a stored generated column rewrites the table once (like 0007): run it before the new silos, as the upgrade
-- section of the README says; older silos' writes fill it too.
ALTER TABLE conversations ADD COLUMN activity_minute timestamp
    GENERATED ALWAYS AS (date_trunc('minute', timezone('UTC', last_activity_at))) STORED;
CREATE INDEX conversations_changed ON conversations (tenant_id, activity_minute);
