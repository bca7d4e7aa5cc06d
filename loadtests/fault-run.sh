#!/usr/bin/env bash
# Fault run: three silos on localhost against one throwaway PostgreSQL (ADO.NET clustering, storage, reminders),
# open-loop load through all three, then, during the load:
#   - SIGKILL of silo 2 (no drain: its conversations, timers and feed subscriptions must move to the others),
#   - a restart of PostgreSQL (every silo loses its connections for a few seconds),
#   - SIGTERM of silo 3 (graceful: it drains and hands its grains over).
# Afterwards the load generator verifies: no acknowledged message lost or stored twice, every bot reply sent exactly
# once, the operators' feeds caught up, and every chat an operator took auto-released exactly once.
#
#   loadtests/fault-run.sh [--rates 100] [--seconds 60] [--customers 2000]   (extra options go to the load command)
#
# Results (JSON, chart, silo logs) go to loadtests/results/fault/. Exit code 0 only when the verification passed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
results=$here/loadtests/results/fault
mkdir -p "$results"
work=$(mktemp -d -t conversations-fault-XXXXXX); chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  "$here/scripts/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building (Release)..."
dotnet build -c Release -v q -nologo "$here/src/Conversations.Host" >/dev/null
dotnet build -c Release -v q -nologo "$here/loadtests/Conversations.LoadTests" >/dev/null

connection=$("$here/scripts/postgres.sh" start "$work/pg")
connection=${connection/Database=conversations/Database=fault}
pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | head -1)")
standin=5990
cluster=fault-$(date +%s)
host_dll=$here/src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll

# Apply the schema once, so the three silos do not race to create it.
ConnectionStrings__Postgres=$connection dotnet "$host_dll" migrate >/dev/null

start_silo() { # index → starts silo N on HTTP port 52N0, silo port 1111N, gateway 3000N
  local n=$1 port=$((5200 + 10 * $1))
  # One bot, one operator account and one address carry the whole load: the per-bot send pacing, the per-operator
  # write limit and the anonymous surfaces' abuse limits would refuse it (as they should for real traffic).
  ASPNETCORE_URLS=http://127.0.0.1:$port \
  ConnectionStrings__Postgres="$connection" \
  Orleans__ClusterId=$cluster Orleans__SiloPort=$((11110 + n)) Orleans__GatewayPort=$((30000 + n)) \
  Channels__Telegram__ApiBaseUrl=http://127.0.0.1:$standin Channels__Telegram__PublicBaseUrl=http://127.0.0.1:$port \
  Channels__Delivery__PerAccountPerSecond=100000 Auth__WritesPerSecond=100000 AbuseLimits__Enabled=false \
  Platform__ApiKey=fault-platform-key Conversations__SeedDemo=false \
  Logging__LogLevel__Default=Warning DOTNET_gcServer=0 \
    dotnet "$host_dll" >"$results/silo$n.log" 2>&1 &
  pids[$n]=$!
  disown
}

for n in 1 2 3; do start_silo "$n"; done
for n in 1 2 3; do
  port=$((5200 + 10 * n))
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[$n]}" 2>/dev/null || { echo "silo $n exited; see $results/silo$n.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "silo $n not ready; see $results/silo$n.log" >&2; exit 1; }
done
echo "Three silos ready (pids ${pids[1]} ${pids[2]} ${pids[3]}); PostgreSQL: $connection"

pg_restart=$work/pg-restart.sh
as_owner=""; [ "$(id -u)" -eq 0 ] && as_owner="runuser -u postgres --"
printf '#!/usr/bin/env bash\n%s %s/pg_ctl -D %s/pg/data -m fast -w restart -l %s/pg/server.log >/dev/null\n' \
  "$as_owner" "$pgbin" "$work" "$work" >"$pg_restart"
chmod +x "$pg_restart"

dotnet "$here/loadtests/Conversations.LoadTests/bin/Release/net10.0/Conversations.LoadTests.dll" load \
  --targets http://127.0.0.1:5210,http://127.0.0.1:5220,http://127.0.0.1:5230 \
  --pids "${pids[1]},${pids[2]},${pids[3]}" \
  --postgres "$connection" --platform-key fault-platform-key --standin-port $standin \
  --ceiling false --store-writers 0 --warmup 5 --rates 100 --seconds 60 --customers 2000 --auto-release-minutes 1 \
  --results "$results" \
  --faults "15@kill -9 ${pids[2]};30@$pg_restart;45@kill -TERM ${pids[3]}" \
  "$@" && status=0 || status=$?

if [ "$status" -ne 0 ]; then
  # What the database says, for the post-mortem: conversations with customer messages the bot has not answered,
  # and outbound messages that are not sent.
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")
  "$pgbin/psql" "host=127.0.0.1 port=$pg_port user=postgres dbname=fault" -X -c "
    SELECT conversation_id, status, last_customer_seq, bot_cursor, last_activity_at FROM conversations
     WHERE bot_cursor < last_customer_seq ORDER BY last_activity_at;" \
    -c "SELECT id, conversation_id, chat_id, status, attempts, next_attempt_at, lease_until, last_error, created_at, finished_at
          FROM outbox WHERE status <> 3 ORDER BY id;" >"$results/diagnosis.txt" 2>&1 || true
  echo "Database state after the run: $results/diagnosis.txt"
fi
exit "$status"
