-- Subscription topics (issue 19, item 5): customers' consents and opt-outs per topic, each a record with its time and
-- source; the latest record about a topic (or about every marketing topic, '*') decides. Expand only: a new table.
CREATE TABLE customer_subscriptions (
    id          bigserial   PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    customer_id uuid        NOT NULL,
    topic       text        NOT NULL,
    subscribed  boolean     NOT NULL,
    source      text        NOT NULL,
    at          timestamptz NOT NULL,
    source_ref  text
);
CREATE INDEX customer_subscriptions_customer ON customer_subscriptions (tenant_id, customer_id, topic, id DESC);
-- A redelivered "stop" (the same channel message) is recorded once.
CREATE UNIQUE INDEX customer_subscriptions_source_ref ON customer_subscriptions (tenant_id, source_ref) WHERE source_ref IS NOT NULL;
