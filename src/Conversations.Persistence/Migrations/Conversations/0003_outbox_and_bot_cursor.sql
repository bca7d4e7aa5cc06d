-- Durable outbox of outbound messages (bot and operator replies), written in the same transaction as the
-- messages themselves. Delivery is at least once: message_id is the idempotency key, a row stays
-- 'sending' under a lease while a silo delivers it, and a lease that runs out is visible and retried.
CREATE TABLE outbox (
    id                 bigserial   PRIMARY KEY,
    message_id         uuid        NOT NULL UNIQUE,
    tenant_id          uuid        NOT NULL,
    conversation_id    uuid        NOT NULL,
    channel            smallint    NOT NULL,
    account            text        NOT NULL,
    chat_id            text        NOT NULL,
    content            jsonb       NOT NULL,
    status             smallint    NOT NULL,          -- 1 pending, 2 sending, 3 sent, 4 failed, 5 blocked
    attempts           int         NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    lease_until        timestamptz NULL,
    last_error         text        NULL,
    channel_message_id text        NULL,
    created_at         timestamptz NOT NULL,
    finished_at        timestamptz NULL
);

-- Open rows per chat in order: the head of each chat is the only one a dispatcher may send.
CREATE INDEX outbox_open ON outbox (tenant_id, channel, account, chat_id, id) WHERE status IN (1, 2);
CREATE INDEX outbox_by_tenant_message ON outbox (tenant_id, message_id);

-- The bot's progress: customer messages with a higher seq than bot_cursor still wait for a bot turn.
ALTER TABLE conversations ADD COLUMN last_customer_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN bot_cursor bigint NOT NULL DEFAULT 0;
CREATE INDEX conversations_bot_pending ON conversations (last_activity_at)
    WHERE status = 1 AND last_customer_seq > bot_cursor;
