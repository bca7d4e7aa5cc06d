-- Customers' and operators' files, kept by us: channels' links expire (Meta, Viber) and operators need the bytes.
-- Content-addressed per tenant: the same bytes uploaded twice are stored once (the first name is kept). The bytes
-- are a bytea column rather than large objects: files are capped well below bytea's 1 GB (20 MB by default), a
-- DELETE of the row frees them (large objects need lo_unlink, and an orphan is never freed), and they travel with
-- ordinary backups, replication and logical dumps like any other column. TOAST stores them out of line and
-- compressed, so metadata queries do not read them.
CREATE TABLE media (
    media_id     uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    sha256       bytea       NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    file_name    text        NULL,
    created_at   timestamptz NOT NULL,
    data         bytea       NOT NULL
);

CREATE UNIQUE INDEX media_by_hash ON media (tenant_id, sha256);
CREATE INDEX media_by_age ON media (tenant_id, created_at);

-- Customers' files still to fetch from their channel, written in the same transaction as the message that carries
-- the channel's reference (so a crash between the two loses nothing). A row is claimed under a lease, retried with
-- backoff, and deleted once the message links the stored file or says why it could not be stored.
CREATE TABLE media_fetches (
    id              bigserial   PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    channel         smallint    NOT NULL,
    account         text        NOT NULL,
    reference       text        NOT NULL,
    file_name       text        NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text        NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (tenant_id, conversation_id, seq)
);

CREATE INDEX media_fetches_due ON media_fetches (next_attempt_at);
