-- The whole original of each customer's mail, one click away in the console (issue 25). The raw MIME is a file of the
-- media store (message/rfc822: under the tenant's size limit, quota and retention, one copy per tenant and checksum);
-- this table says which mail each message came from. Every message a mail became (its text, each of its files) is
-- linked to it. A link whose file retention deleted answers 404 like any missing file.
-- Expand only: a new table the previous version neither reads nor writes.
CREATE TABLE email_originals (
    tenant_id       uuid NOT NULL,
    message_id      uuid NOT NULL,
    conversation_id uuid NOT NULL,
    media_id        uuid NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
