#!/usr/bin/env bash
# Backup and restore drill: PostgreSQL with a base backup and WAL archiving, a point-in-time restore into a fresh
# server, and the system started on the restored database.
#
#   1. A throwaway PostgreSQL with WAL archiving (archive_command copies each segment to an archive folder), the
#      schema migrated, a base backup taken (pg_basebackup).
#   2. One durable silo under load (Telegram stand-in, operators taking chats, auto-release after 1 minute). In the
#      middle of the load a named restore point is created (pg_create_restore_point) and the wall clock noted.
#   3. The silo stops; the base backup is restored into a new data folder and replayed from the archive up to the
#      restore point (recovery_target_name), then promoted, on another port.
#   4. Check (restore-verify): every message acknowledged before the restore point is in the restored database once;
#      how many live chats and unfinished sends it holds; how many of those sends the original had already made.
#   5. A silo started on the restored database (with a fresh Telegram stand-in): its live chats are released by their
#      re-armed timers and its unfinished sends go out (restore-verify --resumed).
#
#   loadtests/restore-drill.sh [--rates 100] [--seconds 40]   (extra options go to the load command)
#
# Results (load report, acks, verdicts as JSON, logs) go to loadtests/results/restore/. Exit code 0 only when both
# checks pass. Each check ends with a "VERDICT:" line.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
results=$here/loadtests/results/restore
mkdir -p "$results"
work=$(mktemp -d -t conversations-restore-XXXXXX); chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  "$here/scripts/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  "$here/scripts/postgres.sh" stop "$work/restored" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "Building (Release)..."
dotnet build -c Release -v q -nologo "$here/src/Conversations.Host" >/dev/null
dotnet build -c Release -v q -nologo "$here/loadtests/Conversations.LoadTests" >/dev/null
host_dll=$here/src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll
load_dll=$here/loadtests/Conversations.LoadTests/bin/Release/net10.0/Conversations.LoadTests.dll

# 1. PostgreSQL with WAL archiving.
connection=$("$here/scripts/postgres.sh" start "$work/pg")
connection=${connection/Database=conversations/Database=drill}
pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | head -1)")
port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")
psql_original() { "$pgbin/psql" "host=127.0.0.1 port=$port user=postgres dbname=${1:-postgres}" -XAtq -c "$2"; }
mkdir -p "$work/archive" "$work/base"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work/archive" "$work/base"; fi
psql_original postgres "ALTER SYSTEM SET wal_level = 'replica'"
psql_original postgres "ALTER SYSTEM SET archive_mode = 'on'"
psql_original postgres "ALTER SYSTEM SET archive_command = 'test ! -f $work/archive/%f && cp %p $work/archive/%f'"
as_owner "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -m fast -w restart >/dev/null
ConnectionStrings__Postgres=$connection dotnet "$host_dll" migrate >/dev/null
as_owner "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$work/base" -X stream -c fast
echo "PostgreSQL with WAL archiving on port $port; base backup taken."

# 2. One silo under load; the restore point in the middle of it.
standin=5990
cluster=restore-$(date +%s)
start_silo() { # port, connection, Telegram API base URL, log
  # One bot, one operator account and one address carry the whole load: the per-bot send pacing, the per-operator
  # write limit and the anonymous surfaces' abuse limits would refuse it (as they should for real traffic).
  ASPNETCORE_URLS=http://127.0.0.1:$1 ConnectionStrings__Postgres="$2" \
  Orleans__ClusterId=$cluster Orleans__SiloPort=11121 Orleans__GatewayPort=30021 \
  Channels__Telegram__ApiBaseUrl=$3 Channels__Telegram__PublicBaseUrl=http://127.0.0.1:$1 \
  Channels__Delivery__PerAccountPerSecond=100000 Auth__WritesPerSecond=100000 AbuseLimits__Enabled=false \
  Platform__ApiKey=restore-platform-key Conversations__SeedDemo=false \
  Logging__LogLevel__Default=Warning DOTNET_gcServer=0 \
    dotnet "$host_dll" >"$4" 2>&1 &
  silo=$!
  pids+=("$silo")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$silo" 2>/dev/null || { echo "the silo exited; see $4" >&2; exit 1; }
    sleep 0.5
  done
  echo "the silo is not ready; see $4" >&2; exit 1
}
start_silo 5310 "$connection" "http://127.0.0.1:$standin" "$results/silo-original.log"
original_silo=$silo

mark=$work/mark.sh
cat >"$mark" <<EOF
#!/usr/bin/env bash
date +%s%3N >"$work/mark"
"$pgbin/psql" "host=127.0.0.1 port=$port user=postgres dbname=postgres" -XAtq \
  -c "SELECT pg_walfile_name(pg_create_restore_point('drill'))" >"$work/mark-wal"
"$pgbin/psql" "host=127.0.0.1 port=$port user=postgres dbname=postgres" -XAtq -c "SELECT pg_switch_wal()" >/dev/null
EOF
chmod +x "$mark"

dotnet "$load_dll" load --targets http://127.0.0.1:5310 --pids "$original_silo" \
  --postgres "$connection" --platform-key restore-platform-key --standin-port $standin \
  --ceiling false --store-writers 0 --warmup 5 --rates 100 --seconds 40 --customers 2000 --auto-release-minutes 1 \
  --results "$results" --acks-file "$results/acks.csv" --faults "30@$mark" "$@"
[ -s "$work/mark" ] || { echo "the restore point was never created" >&2; exit 1; }
kill -TERM "$original_silo"; wait "$original_silo" 2>/dev/null || true

# The segment with the restore point must be in the archive before the "disaster".
psql_original postgres "SELECT pg_switch_wal()" >/dev/null
for _ in $(seq 1 60); do [ -f "$work/archive/$(cat "$work/mark-wal")" ] && break; sleep 0.5; done
[ -f "$work/archive/$(cat "$work/mark-wal")" ] || { echo "WAL segment $(cat "$work/mark-wal") was not archived" >&2; exit 1; }

# 3. Point-in-time restore into a fresh server.
mkdir -p "$work/restored"
cp -a "$work/base" "$work/restored/data"
rm -f "$work/restored/data/postmaster.pid" "$work/restored/data/postmaster.opts"
cat >>"$work/restored/data/postgresql.auto.conf" <<EOF
restore_command = 'cp $work/archive/%f %p'
recovery_target_name = 'drill'
recovery_target_action = 'promote'
archive_mode = 'off'
EOF
touch "$work/restored/data/recovery.signal"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$work/restored"; fi
chmod 700 "$work/restored/data"
restored=$("$here/scripts/postgres.sh" start "$work/restored")
restored=${restored/Database=conversations/Database=drill}
rport=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$restored")
for _ in $(seq 1 120); do
  [ "$("$pgbin/psql" "host=127.0.0.1 port=$rport user=postgres dbname=postgres" -XAtq -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = "f" ] && break
  sleep 0.5
done
grep -E "recovery stopping|restore point|selected new timeline" "$work/restored/server.log" | sed 's/^/  postgres: /' || true
echo "Restored to the restore point on port $rport."

# 4. What the restored database kept.
status=0
dotnet "$load_dll" restore-verify --postgres "$restored" --acks "$results/acks.csv" --mark "$(cat "$work/mark")" \
  --original "$connection" --json "$results/kept.json" || status=1
"$here/scripts/postgres.sh" stop "$work/pg" >/dev/null   # the original is gone from here on

# 5. The system on the restored database.
dotnet "$load_dll" bot-api --port 5991 >"$results/bot-api.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:5991/health >/dev/null 2>&1 && break; sleep 0.5; done
# The check counts live chats and open sends before the silo starts, then waits for both to reach zero.
dotnet "$load_dll" restore-verify --postgres "$restored" --resumed true --timeout-seconds 300 --json "$results/resumed.json" &
verify=$!
sleep 2
start_silo 5320 "$restored" "http://127.0.0.1:5991" "$results/silo-restored.log"
wait "$verify" || status=1
exit "$status"
