-- With Conversations:Media:Store = S3 the bytes of a file live in the bucket under its tenant and SHA-256, and its row
-- here keeps only the metadata (quota, retention and tenant checks stay in one transactional place): data is NULL.
-- Rows written while the store was PostgreSQL keep their bytes and are still served from here after a switch.
ALTER TABLE media ALTER COLUMN data DROP NOT NULL;
