-- A schema for the write rate. Every customer message rewrites its conversation row (last_seq, activity, preview,
-- state, version, cursor); an update can be HOT (a new row version on the same page, no new index entries) only when
-- no index uses a changed column, in its key or its predicate, and the page has room. So: no index on a column
-- rewritten by every message, and free space on each page.

-- The inbox sorts by a computed rank and filters by tenant, which the primary key serves; this index on a column
-- every customer message rewrites served no query.
DROP INDEX conversations_inbox;

-- The operators' queue and an operator's live chats (status 2 and 3 only): keyed by columns that change on a
-- handoff, a take or a release, not on every message. The few rows are sorted after the lookup.
DROP INDEX conversations_by_status;
CREATE INDEX conversations_waiting_or_live ON conversations (tenant_id, status) WHERE status IN (2, 3);

-- Pending turns: a stored flag that stays false while each turn commits with its message, so a message rewrites no
-- indexed value. The sweeper reads the (few) flagged rows and sorts them.
DROP INDEX conversations_turn_pending;
ALTER TABLE conversations ADD COLUMN turn_pending boolean
    GENERATED ALWAYS AS (status IN (1, 2) AND last_customer_seq > bot_cursor) STORED;
CREATE INDEX conversations_turn_pending ON conversations (tenant_id, conversation_id) WHERE turn_pending;

-- Room on each page for the next versions of its rows (the ADD COLUMN above rewrote the table with it).
ALTER TABLE conversations SET (fillfactor = 70);

-- Full text only where operators search: customer (1) and operator (3) messages. Bot replies and events get no
-- tsvector and no GIN entries.
DROP INDEX messages_search;
ALTER TABLE messages DROP COLUMN search;
ALTER TABLE messages ADD COLUMN search tsvector
    GENERATED ALWAYS AS (CASE WHEN direction IN (1, 3) THEN to_tsvector('russian', body_text) END) STORED;
CREATE INDEX messages_search ON messages USING gin (search) WHERE search IS NOT NULL;

-- No query reads messages by customer (search filters its hits by customer), and a message is found by its key
-- (tenant, conversation, seq); message ids are random and never looked up alone.
DROP INDEX messages_by_customer;
DROP INDEX messages_message_id;

-- The outbox: open rows are the ones not finished (finished_at is set with status 3, 4 and 5), so claiming a row
-- (status, lease) rewrites no indexed column and stays on its page. (tenant_id, message_id) repeated the unique
-- message_id index.
DROP INDEX outbox_by_tenant_message;
DROP INDEX outbox_open;
CREATE INDEX outbox_open ON outbox (tenant_id, channel, account, chat_id, id) WHERE finished_at IS NULL;
-- Open rows in order, for the claim: it walks these from the oldest and stops at its limit instead of sorting every
-- open row.
CREATE INDEX outbox_open_by_id ON outbox (id) WHERE finished_at IS NULL;
ALTER TABLE outbox SET (fillfactor = 80);
