-- The pace of sends to each recipient, shared by every silo (issue 16 item 6: WhatsApp's pair rate, about one message
-- every 6 s to one customer after a burst of 45). One row per chat of a channel account, kept as the GCRA's theoretical
-- arrival time: a send may go when tat - now <= the burst's tolerance, and moves tat on by one interval. A row whose tat
-- has passed is the same as no row, so idle rows are deleted from time to time. fillfactor leaves room for HOT
-- updates: every send rewrites its row and no index covers tat.
-- UNLOGGED: a pace is not worth a WAL flush per send (measured: 0.7 ms a take instead of 9.6 ms with fsync on). After
-- a PostgreSQL crash or a failover the table is empty, so every customer may get one burst again, which Meta's 131056
-- refusal backs off, as before this table.
-- Expand only: a new table the previous version neither reads nor writes.
CREATE UNLOGGED TABLE recipient_pace (
    channel smallint NOT NULL,
    account text NOT NULL,
    chat_id text NOT NULL,
    tat timestamptz NOT NULL,
    granted boolean NOT NULL,
    PRIMARY KEY (channel, account, chat_id)
) WITH (fillfactor = 80);
