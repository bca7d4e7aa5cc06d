-- Profile editing (issue 18, item 5): operators tag customers, and the customer search finds them by exact tag.
-- Expand only: a column with a default (the previous version neither reads nor writes it).
ALTER TABLE customers ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX customers_tags ON customers USING gin (tags);
