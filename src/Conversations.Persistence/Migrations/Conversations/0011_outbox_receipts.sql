-- Channels report delivery and reads of a whole chat up to a watermark (Messenger) or a message (Instagram): the
-- settled rows of one chat in the order they were accepted, so such a receipt touches only that chat's rows.
CREATE INDEX outbox_settled_by_chat ON outbox (tenant_id, channel, account, chat_id, finished_at) WHERE status IN (3, 6);
