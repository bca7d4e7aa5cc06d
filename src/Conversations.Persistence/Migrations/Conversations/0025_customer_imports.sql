-- Bulk import of customers (issue 18, item 4): what a CRM imported, one row per tenant and external id, written in
-- multi-row upserts as the file streams in; applied to the customers (their grains) behind, row by row, until applied.
-- Expand only: a new table the previous version never reads.
CREATE TABLE customer_imports (
    tenant_id   uuid        NOT NULL,
    external_id text        NOT NULL,
    name        text,
    phones      text[]      NOT NULL DEFAULT '{}',
    emails      text[]      NOT NULL DEFAULT '{}',
    attributes  jsonb       NOT NULL DEFAULT '{}',
    imported_at timestamptz NOT NULL,
    applied     boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, external_id)
);
-- The applier's queue: only rows not applied yet.
CREATE INDEX customer_imports_pending ON customer_imports (imported_at) WHERE NOT applied;
