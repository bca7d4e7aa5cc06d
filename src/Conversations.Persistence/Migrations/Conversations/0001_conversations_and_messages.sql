-- Conversations and their message history. Every row carries tenant_id and every query filters on it.

CREATE TABLE conversations (
    tenant_id              uuid        NOT NULL,
    conversation_id        uuid        NOT NULL,
    customer_id            uuid        NOT NULL,
    status                 smallint    NOT NULL,
    assigned_operator_id   uuid        NULL,
    opened_at              timestamptz NOT NULL,
    closed_at              timestamptz NULL,
    last_seq               bigint      NOT NULL,
    last_customer_message_at timestamptz NULL,
    last_activity_at       timestamptz NOT NULL,
    waiting_since          timestamptz NULL,
    last_channel           smallint    NULL,
    customer_display_name  text        NOT NULL DEFAULT '',
    last_message_preview   text        NOT NULL DEFAULT '',
    -- The grain's own details (per-channel windows, timers, bot session), opaque to SQL.
    state                  jsonb       NOT NULL,
    -- Optimistic concurrency: each write must carry the previous version + 1.
    version                bigint      NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);

CREATE INDEX conversations_inbox ON conversations (tenant_id, last_customer_message_at DESC);
CREATE INDEX conversations_by_customer ON conversations (tenant_id, customer_id, opened_at DESC);

CREATE TABLE messages (
    tenant_id          uuid        NOT NULL,
    conversation_id    uuid        NOT NULL,
    seq                bigint      NOT NULL,
    message_id         uuid        NOT NULL,
    customer_id        uuid        NOT NULL,
    direction          smallint    NOT NULL,
    channel            smallint    NULL,
    channel_message_id text        NULL,
    dedup_key          text        NULL,
    operator_id        uuid        NULL,
    body_text          text        NOT NULL DEFAULT '',
    content            jsonb       NOT NULL,
    created_at         timestamptz NOT NULL,
    edited_at          timestamptz NULL,
    PRIMARY KEY (tenant_id, conversation_id, seq)
);

-- A channel's redelivery of the same message (same dedup key) is stored once.
CREATE UNIQUE INDEX messages_dedup ON messages (tenant_id, dedup_key) WHERE dedup_key IS NOT NULL;
CREATE UNIQUE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_channel_message ON messages (tenant_id, conversation_id, channel, channel_message_id)
    WHERE channel_message_id IS NOT NULL;
CREATE INDEX messages_by_customer ON messages (tenant_id, customer_id, created_at);

-- Earlier versions of messages the customer edited: the current text is in messages, history here.
CREATE TABLE message_revisions (
    tenant_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    revision        int         NOT NULL,
    body_text       text        NOT NULL,
    content         jsonb       NOT NULL,
    replaced_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id, seq, revision)
);
