-- Scheduled messages (issue 19, item 3): one table, one due-time index that every silo polls. A waiting row costs
-- nothing but its bytes; a claim sets status 'sending' and moves due_at to the end of its lease, so a silo that dies
-- holding a row leaves it due again. Expand only: a new table.
CREATE TABLE scheduled_messages (
    tenant_id       uuid        NOT NULL,
    id              uuid        NOT NULL,
    customer_id     uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    content         jsonb       NOT NULL,
    channels        int[]       NOT NULL,
    message_tag     text,
    topic           text,
    send_at         timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    status          text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    rule            text,
    detail          text,
    message_id      uuid,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX scheduled_messages_due ON scheduled_messages (due_at) WHERE status IN ('Scheduled', 'Sending');
