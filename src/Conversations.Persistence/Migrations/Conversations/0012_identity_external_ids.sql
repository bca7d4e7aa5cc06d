-- One customer across channels (issue 18). The directory keeps the business's own id of a customer (pushed by its
-- CRM through PUT /api/v1/customers/by-external-id/{id}); the grain of that id is what binds it to one customer, the
-- column is the searchable copy. Unique per tenant so a stale copy can never show two customers under one id.
ALTER TABLE customers ADD COLUMN external_id text NULL;
CREATE UNIQUE INDEX customers_external_id ON customers (tenant_id, external_id) WHERE external_id IS NOT NULL;

-- Suggestions of customers that may be the same person look up exact phone numbers and e-mail addresses.
CREATE INDEX customers_phones ON customers USING gin (phones);
CREATE INDEX customers_emails ON customers USING gin (emails);
