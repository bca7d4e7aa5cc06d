-- Broadcasts (issue 19, item 4). Expand only: two new tables and two defaulted columns of the customer directory.
--
-- The directory also keeps each customer's free attributes and the purposes they consented to, so a campaign's
-- audience is one keyset scan of customers (attributes @> …, consents && …, tags @> …, channels && …). A customer
-- whose profile has not been written since this migration has none yet (the grain writes them on its next change).
ALTER TABLE customers ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
ALTER TABLE customers ADD COLUMN consents text[] NOT NULL DEFAULT '{}';

CREATE TABLE campaigns (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    name         text        NOT NULL,
    status       text        NOT NULL,          -- Scheduled, Running, Paused, Finished, Cancelled (by name)
    topic        text,
    audience     jsonb       NOT NULL,
    contents     jsonb       NOT NULL,          -- {"*": content, "WhatsApp": content, …} (MessageJson)
    channels     int[]       NOT NULL,
    message_tag  text,
    start_at     timestamptz NOT NULL,
    plan_cursor  uuid,                          -- the last customer_id planned (keyset over the directory)
    planned      int         NOT NULL DEFAULT 0,
    plan_done    boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- The planner's and the sender's only question: which campaigns are live.
CREATE INDEX campaigns_live ON campaigns (start_at) WHERE status IN ('Scheduled', 'Running');

-- One row per recipient: planned in batches, claimed by any silo with FOR UPDATE SKIP LOCKED and a lease (due_at moves
-- to the lease's end), settled with the outcome and the stored message.
CREATE TABLE campaign_recipients (
    tenant_id    uuid        NOT NULL,
    campaign_id  uuid        NOT NULL,
    customer_id  uuid        NOT NULL,
    status       text        NOT NULL,          -- Waiting, Sending, Sent, Refused, OptedOut, Failed, Cancelled
    due_at       timestamptz NOT NULL,
    attempts     int         NOT NULL DEFAULT 0,
    channel      smallint,
    rule         text,
    detail       text,
    message_id   uuid,
    sent_at      timestamptz,
    PRIMARY KEY (tenant_id, campaign_id, customer_id)
);
CREATE INDEX campaign_recipients_due ON campaign_recipients (campaign_id, due_at) WHERE status IN ('Waiting', 'Sending');
