-- The operators' queue (waiting customers) and each operator's live chats are read on activation.
CREATE INDEX conversations_by_status ON conversations (tenant_id, status, last_activity_at);
CREATE INDEX conversations_by_operator ON conversations (tenant_id, assigned_operator_id) WHERE assigned_operator_id IS NOT NULL;
-- Pending turns now also cover customers waiting for an operator (status 2).
DROP INDEX conversations_bot_pending;
CREATE INDEX conversations_turn_pending ON conversations (last_activity_at)
    WHERE status IN (1, 2) AND last_customer_seq > bot_cursor;
