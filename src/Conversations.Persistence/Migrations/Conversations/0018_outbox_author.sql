-- Who wrote each outbound message, and the channel's message tag it must go under: Messenger and Instagram take an
-- operator's reply after the 24-hour window only tagged HUMAN_AGENT (never a bot's), and e-mail signs an operator's
-- reply with their name. Rows written before this migration count as the bot's (the stricter rule).
ALTER TABLE outbox ADD COLUMN author smallint NOT NULL DEFAULT 2;   -- MessageDirection: 2 bot, 3 operator, 4 system
ALTER TABLE outbox ADD COLUMN operator_id uuid NULL;
ALTER TABLE outbox ADD COLUMN message_tag text NULL;
