-- Full-text search over message texts. The 'russian' configuration stems Cyrillic words with the Russian
-- Snowball stemmer and Latin words with the English one, so "заказа" finds "заказ" and "orders" finds "order".
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('russian', body_text)) STORED;
CREATE INDEX messages_search ON messages USING gin (search);

-- The customer directory: a searchable copy of each customer's profile, written by the customer grain.
CREATE TABLE customers (
    tenant_id    uuid        NOT NULL,
    customer_id  uuid        NOT NULL,
    display_name text        NOT NULL,
    username     text        NULL,
    phones       text[]      NOT NULL DEFAULT '{}',
    emails       text[]      NOT NULL DEFAULT '{}',
    channels     smallint[]  NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
CREATE INDEX customers_name ON customers (tenant_id, lower(display_name) text_pattern_ops);
