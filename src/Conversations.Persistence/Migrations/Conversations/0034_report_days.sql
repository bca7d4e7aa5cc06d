-- Daily report rollups (issue 23): beside the hourly rows, the same figures summed per day of the tenant's time zone,
-- kept in the same batches, so a month or a year reads days (and hours only at the ends of the range). Expand only:
-- two new tables and a nullable column; a silo of the previous version keeps writing hours only, and the next
-- rebuild of the tenant's days (any report request in the tenant's zone starts one) puts the days right.

-- Element-wise sum of figure arrays over rows: used only by rebuilds of days from hours, never per request.
CREATE AGGREGATE report_sum(bigint[]) (SFUNC = report_add, STYPE = bigint[], INITCOND = '{}');

-- The zone each tenant's days are cut in (an IANA id PostgreSQL and .NET both know). No row: no days yet.
CREATE TABLE report_day_zones (
    tenant_id uuid NOT NULL PRIMARY KEY,
    time_zone text NOT NULL
);

-- One row per (tenant, local day of report_day_zones.time_zone, channel, operator, entry point): the sum of the hourly
-- rows whose hour starts in that day.
CREATE TABLE report_daily_rollups (
    tenant_id   uuid     NOT NULL,
    day         date     NOT NULL,
    channel     smallint NOT NULL,
    operator_id uuid     NOT NULL,
    entry_point text     NOT NULL,
    figures     bigint[] NOT NULL,
    PRIMARY KEY (tenant_id, day, channel, operator_id, entry_point)
);

-- The day each conversation was counted in (null: counted before its tenant had days), so a recount takes its old
-- figures out of the right day.
ALTER TABLE report_conversations ADD COLUMN day date NULL;

-- Handling time (from the first take to that operator's release, transfer or the close), counted from here on and by
-- a recompute for the past: rows counted before it have none.
ALTER TABLE report_conversations ADD COLUMN handling_s integer NULL;
