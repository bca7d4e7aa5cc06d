-- Merge and unmerge (issue 18, item 2). The audit trail of changes made to customers by hand: who, when, what moved.
-- Append-only; read per customer, newest first.
CREATE TABLE customer_audit (
    id          bigserial   PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    customer_id uuid        NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    uuid        NULL,
    actor_name  text        NOT NULL,
    action      text        NOT NULL,
    details     jsonb       NOT NULL
);
CREATE INDEX customer_audit_by_customer ON customer_audit (tenant_id, customer_id, id DESC);

-- A merge rewrites the customer of a conversation's messages; they are found by conversation (the primary key), so
-- no index is needed for it.
