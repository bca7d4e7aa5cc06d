-- Events out (issue 19, item 6): tenants' webhook subscriptions and the durable queue of signed deliveries to them.
-- Expand only: new tables the previous version neither reads nor writes.

-- One endpoint of a tenant and the event types it hears. The secret signs every delivery (HMAC-SHA256); the API shows
-- it once, when the subscription is created.
CREATE TABLE webhook_subscriptions (
    subscription_id uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    url             text        NOT NULL,
    secret          text        NOT NULL,
    events          text[]      NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_by_tenant ON webhook_subscriptions (tenant_id);

-- How far each conversation's committed history has been turned into deliveries (the feed reads after last_seq).
CREATE TABLE webhook_cursors (
    tenant_id       uuid   NOT NULL,
    conversation_id uuid   NOT NULL,
    last_seq        bigint NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);

-- One event for one subscription. Open while next_attempt_at is set (a claim moves it on by the lease, so a silo that
-- dies holding a delivery gives it back when the lease runs out); delivered_at set = delivered; both null = given up.
-- Order per conversation (or customer): only the oldest open delivery of a (subscription, order_key) is claimable.
CREATE TABLE webhook_deliveries (
    position        bigserial   PRIMARY KEY,
    delivery_id     uuid        NOT NULL UNIQUE,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
    tenant_id       uuid        NOT NULL,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    order_key       text        NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NULL,
    delivered_at    timestamptz NULL,
    attempts        int         NOT NULL DEFAULT 0,
    last_status     int         NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_open_by_key ON webhook_deliveries (subscription_id, order_key, position) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, position DESC);

-- Every attempt of a delivery: when, the endpoint's status code (null: no answer), how long it took, why it failed.
CREATE TABLE webhook_attempts (
    delivery_id uuid        NOT NULL REFERENCES webhook_deliveries (delivery_id) ON DELETE CASCADE,
    attempt     int         NOT NULL,
    at          timestamptz NOT NULL,
    status_code int         NULL,
    latency_ms  int         NOT NULL,
    error       text        NULL,
    PRIMARY KEY (delivery_id, attempt)
);
