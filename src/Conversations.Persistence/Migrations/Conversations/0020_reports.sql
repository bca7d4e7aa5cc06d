-- Numbers for the business: hourly rollups kept as the sum of their conversations' figures, maintained by the report
-- aggregator in batches after commits (never on the acknowledgement path). See README "Numbers for the business".

-- Element-wise sum of two figure arrays (a shorter array counts as zeros), so a bucket adds a conversation's
-- contribution, or takes it out, in one upsert.
CREATE FUNCTION report_add(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i), '{}')
    FROM generate_series(1, greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0))) AS i
$$;

-- One row per (tenant, UTC hour the conversations started, channel, operator who first took them, entry point).
-- figures: counts, sums and histograms laid out as Conversations.Persistence.Reports.ReportFigures says.
CREATE TABLE report_rollups (
    tenant_id   uuid        NOT NULL,
    hour        timestamptz NOT NULL,
    channel     smallint    NOT NULL,
    operator_id uuid        NOT NULL,
    entry_point text        NOT NULL,
    figures     bigint[]    NOT NULL,
    PRIMARY KEY (tenant_id, hour, channel, operator_id, entry_point)
);

-- What each conversation contributes now, so a change replaces it (old figures out, new ones in) and a redelivered
-- change counts once. last_seq: an older computation never replaces a newer one.
CREATE TABLE report_conversations (
    tenant_id          uuid        NOT NULL,
    conversation_id    uuid        NOT NULL,
    last_seq           bigint      NOT NULL,
    hour               timestamptz NOT NULL,
    channel            smallint    NOT NULL,
    operator_id        uuid        NOT NULL,
    entry_point        text        NOT NULL,
    handoff            smallint    NULL,
    taken              boolean     NOT NULL,
    abandoned          boolean     NOT NULL,
    wait_s             integer     NULL,
    first_response_s   integer     NULL,
    resolution_s       integer     NULL,
    customer_messages  integer     NOT NULL,
    bot_messages       integer     NOT NULL,
    operator_messages  integer     NOT NULL,
    survey_offered     boolean     NOT NULL,
    score              smallint    NULL,
    score_min          smallint    NULL,
    score_max          smallint    NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);
