#!/usr/bin/env bash
# Rolling-upgrade run: silos of a previous version and of this one side by side on one PostgreSQL, under load.
#   1. Builds the previous version (a commit, in a temporary git worktree outside the repository) and this one.
#   2. Migrates a throwaway PostgreSQL with the previous version and starts three of its silos.
#   3. Under steady traffic (Telegram webhook and widget stand-ins of the load generator, operators taking chats, live
#      chats armed to auto-release after a minute), applies this version's migrations while the old silos serve, then
#      replaces the silos one by one: SIGTERM (graceful) an old silo, start a silo of this version on its ports, wait
#      until it is ready, go on to the next.
#   4. The load generator verifies: no acknowledged message lost or stored twice, every bot reply sent once, operator
#      feeds caught up, every taken chat auto-released exactly once (the timers, wherever they moved). The silo logs
#      are searched for serialization and grain-call errors.
# Ends with one VERDICT line; the report is loadtests/results/upgrade/upgrade-report.json (plus load-report.json,
# silo logs). Exit code 0 only on PASS.
#
#   loadtests/rolling-upgrade.sh [--from 5e5ae16] [--keep-base] [--no-build] [--rates 20] [--seconds 360]
#
# --from: the previous version (a tag or commit; default 5e5ae16, main before the customer merge of issue 18, whose
# schema lacks migration 0019 and whose customer, identity and conversation grains lack the merge methods).
# --keep-base: keep the built previous version in /tmp/conversations-base-<commit> and reuse it next time.
# --no-build: use this version as already built (Release). The load must outlast the upgrade (the report says whether
# it did): each new silo takes a while to start on a busy machine. Other options go to the load command.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
from=5e5ae16
keep_base=false
build=true
rates=20
seconds=360
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from=$2; shift 2 ;;
    --keep-base) keep_base=true; shift ;;
    --no-build) build=false; shift ;;
    --rates) rates=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
from_commit=$(git -C "$here" rev-parse --short "$from^{commit}")
to_commit=$(git -C "$here" rev-parse --short HEAD)
results=$here/loadtests/results/upgrade
rm -rf "$results"; mkdir -p "$results"
work=$(mktemp -d -t conversations-upgrade-XXXXXX); chmod 755 "$work"
base=/tmp/conversations-base-$from_commit
cleanup() {
  for f in "$work"/pid.*; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null || true; done
  "$here/scripts/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  if [ "$keep_base" != true ] && [ -d "$base" ]; then git -C "$here" worktree remove --force "$base" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

old_dll=$base/src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll
new_dll=$here/src/Conversations.Host/bin/Release/net10.0/Conversations.Host.dll
load_dll=$here/loadtests/Conversations.LoadTests/bin/Release/net10.0/Conversations.LoadTests.dll
echo "Building the previous version ($from_commit) in $base and this one ($to_commit)..."
[ -d "$base" ] || git -C "$here" worktree add --detach "$base" "$from_commit" >/dev/null
[ -f "$old_dll" ] || dotnet build -c Release -v q -nologo "$base/src/Conversations.Host" >/dev/null
if [ "$build" = true ]; then
  dotnet build -c Release -v q -nologo "$here/src/Conversations.Host" >/dev/null
  dotnet build -c Release -v q -nologo "$here/loadtests/Conversations.LoadTests" >/dev/null
fi

connection=$("$here/scripts/postgres.sh" start "$work/pg")
connection=${connection/Database=conversations/Database=upgrade}
pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | head -1)")
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$connection")
psql_upgrade() { "$pgbin/psql" "host=127.0.0.1 port=$pg_port user=postgres dbname=upgrade" -XAtq -c "$1"; }
standin=5994 # ports of their own (HTTP 5310/5320/5330, silo 1113N, gateway 3003N), so a fault run or a load run can share the machine
cluster=upgrade-$(date +%s)

# The schema of the previous version, applied once so its silos do not race to create it.
ConnectionStrings__Postgres=$connection dotnet "$old_dll" migrate >/dev/null
old_migrations=$(psql_upgrade "SELECT count(*) FROM conversations_schema_migrations" 2>/dev/null || echo "?")

# start-silo.sh VERSION N → silo N of that version on HTTP port 53N0, silo port 1113N, gateway 3003N (logs silo<N>-<version>.log)
cat >"$work/start-silo.sh" <<EOF
#!/usr/bin/env bash
set -euo pipefail
version=\$1 n=\$2
dll=$old_dll; [ "\$version" = new ] && dll=$new_dll
port=\$((5300 + 10 * n))
# One bot, one operator account and one address carry the whole load: the per-bot send pacing, the per-operator
# write limit and the anonymous surfaces' abuse limits would refuse it (as they should for real traffic). Each silo
# keeps two connection pools (Orleans' providers and the store): 40 each keeps three silos and the generator within
# the server's 300 connections even when a busy machine makes every query slow.
ASPNETCORE_URLS=http://127.0.0.1:\$port \\
ConnectionStrings__Postgres="$connection;Maximum Pool Size=40" \\
Orleans__ClusterId=$cluster Orleans__SiloPort=\$((11130 + n)) Orleans__GatewayPort=\$((30030 + n)) \\
Channels__Telegram__ApiBaseUrl=http://127.0.0.1:$standin Channels__Telegram__PublicBaseUrl=http://127.0.0.1:\$port \\
Channels__Delivery__PerAccountPerSecond=100000 Auth__WritesPerSecond=100000 AbuseLimits__Enabled=false \\
Platform__ApiKey=upgrade-platform-key Conversations__SeedDemo=false \\
Logging__LogLevel__Default=Warning DOTNET_gcServer=0 \\
  setsid dotnet "\$dll" >"$results/silo\$n-\$version.log" 2>&1 &
echo \$! >"$work/pid.\$n"
for _ in \$(seq 1 120); do
  curl -fs "http://127.0.0.1:\$port/health/ready" >/dev/null 2>&1 && { echo "  silo \$n (\$version, pid \$(cat $work/pid.\$n)) ready at \$(date -u +%T)"; exit 0; }
  kill -0 "\$(cat $work/pid.\$n)" 2>/dev/null || { echo "  silo \$n (\$version) exited; see $results/silo\$n-\$version.log" >&2; exit 1; }
  sleep 0.5
done
echo "  silo \$n (\$version) not ready after 60 s" >&2; exit 1
EOF
# replace N → SIGTERM the old silo N, wait for its graceful stop, start silo N of this version.
cat >"$work/replace.sh" <<EOF
#!/usr/bin/env bash
set -uo pipefail
n=\$1 pid=\$(cat "$work/pid.\$n")
started=\$(date +%s%N)
kill -TERM "\$pid"
while kill -0 "\$pid" 2>/dev/null; do sleep 0.2; done
echo "  old silo \$n (pid \$pid) stopped after \$(( (\$(date +%s%N) - started) / 1000000 )) ms"
"$work/start-silo.sh" new "\$n" || echo "silo \$n of the new version failed to start" >>"$work/failures"
EOF
cat >"$work/migrate.sh" <<EOF
#!/usr/bin/env bash
if ConnectionStrings__Postgres="$connection" dotnet "$new_dll" migrate >"$results/migrate-new.log" 2>&1; then
  echo "  this version's migrations applied while the old silos serve (\$(date -u +%T))"
else
  echo "migrate of the new version failed" >>"$work/failures"; echo "  migration FAILED, see $results/migrate-new.log"
fi
EOF
chmod +x "$work"/*.sh

for n in 1 2 3; do "$work/start-silo.sh" old "$n"; done
echo "Three silos of $from_commit ready; PostgreSQL: $connection ($old_migrations migrations applied)"

# The upgrade, 10 s into the load: this version's migrations while the old silos serve, then each silo in turn.
cat >"$work/upgrade.sh" <<EOF
#!/usr/bin/env bash
"$work/migrate.sh"
for n in 1 2 3; do "$work/replace.sh" "\$n"; sleep 5; done
date +%s >"$work/upgrade-finished"
echo "  upgrade finished at \$(date -u +%T)"
EOF
chmod +x "$work/upgrade.sh"
faults="10@$work/upgrade.sh"

started_at=$(date -u +%FT%TZ)
dotnet "$load_dll" load \
  --targets http://127.0.0.1:5310,http://127.0.0.1:5320,http://127.0.0.1:5330 \
  --pids "$(cat "$work/pid.1"),$(cat "$work/pid.2"),$(cat "$work/pid.3")" \
  --postgres "$connection" --platform-key upgrade-platform-key --standin-port $standin \
  --ceiling false --store-writers 0 --warmup 5 --rates "$rates" --seconds "$seconds" --customers 2000 --auto-release-minutes 1 \
  --results "$results" --faults "$faults" \
  "${extra[@]}" | while IFS= read -r line; do
    # The step's result line is printed when the load has ended (and drained): the upgrade must be done by then.
    case "$line" in *" offered "*" accepted "*) [ -f "$work/load-ended" ] || date +%s >"$work/load-ended" ;; esac
    printf '%s\n' "$line"
  done | tee "$results/load.txt" || true
upgrade_within_load=false
[ -f "$work/upgrade-finished" ] && [ -f "$work/load-ended" ] && [ "$(cat "$work/upgrade-finished")" -le "$(cat "$work/load-ended")" ] && upgrade_within_load=true

# Which silos serve at the end (all of this version), and which migrations the database holds.
new_migrations=$(psql_upgrade "SELECT count(*) FROM conversations_schema_migrations" 2>/dev/null || echo "?")
versions=""
for n in 1 2 3; do versions+="$( [ -f "$results/silo$n-new.log" ] && echo new || echo old) "; done

# What the database says about sends: outbox rows by attempts (a row tried more than once is where a reply can reach
# the customer twice: a lease that ran out, or a send whose outcome was lost), and how many replies a message got.
psql_upgrade "SELECT attempts, count(*) FROM outbox GROUP BY attempts ORDER BY attempts" >"$results/outbox-attempts.txt" 2>&1 || true
failures=$( [ -f "$work/failures" ] && tr '\n' ';' <"$work/failures" || echo "")
python3 - "$results" "$from_commit" "$to_commit" "$started_at" "$old_migrations" "$new_migrations" "$versions" \
  "$rates" "$seconds" "$upgrade_within_load" "$failures" <<'EOF'
import glob, json, os, re, sys
results, from_commit, to_commit, started_at, before, after, versions, rates, seconds, within, failures = sys.argv[1:]
load = json.load(open(os.path.join(results, 'load-report.json'))) if os.path.exists(os.path.join(results, 'load-report.json')) else {}
def get(d, name):  # the load report writes its records' members in PascalCase
  return (d or {}).get(name, (d or {}).get(name[0].upper() + name[1:]))
v = get(load, 'verification') or {}
phases = get(load, 'phases') or []
ar = get(v, 'autoReleases') or {}

# Each error-level entry of the silo logs, by the first exception it names. Serialization: a record or an invocation
# one side could not read or find (the wire contract broken). Transient: what a silo's stop or an overloaded machine
# causes and callers retry (the messenger redelivers; 503 + Retry-After). Anything else counts as a grain-call error.
serialization_types = {'CodecNotFoundException', 'SerializerException', 'UnsupportedWireTypeException', 'RequiredFieldMissingException',
  'ReferenceNotFoundException', 'TypeLoadException', 'MissingMethodException', 'MissingFieldException', 'InvalidCastException',
  'EntryPointNotFoundException', 'GrainInterfaceNotFoundException'}
transient_types = {'TimeoutException', 'SiloUnavailableException', 'OrleansMessageRejectionException', 'ConnectionFailedException',
  'GatewayTooBusyException', 'TaskCanceledException', 'OperationCanceledException', 'ObjectDisposedException'}
# The database away or out of resources (SQLSTATE 08, 53, 57P01-03), also when the driver's exception could not cross
# silos (no codec for an Npgsql type): TransientFailure answers these 503 and the messenger redelivers.
database_away = re.compile(r'PostgresException \(0x[0-9A-F]+\): (08|53|57P0[123])|Could not find a codec for type Npgsql\.')
serialization, transient, other = {}, {}, {}
for path in sorted(glob.glob(os.path.join(results, 'silo*.log'))):
  entry = None
  for line in list(open(path, errors='replace')) + ['end: ']:
    if not line.startswith(' '):
      if entry is not None:
        found = re.search(r'([A-Za-z]+Exception)\b', ' '.join(entry[1:]))
        kind = found.group(1) if found else entry[0].split(':', 1)[1].strip()
        text = ' '.join(entry)
        if database_away.search(text):
          kind = 'database away (' + kind + ')'
          bucket = transient
        else:
          bucket = serialization if kind in serialization_types or re.search(r'codec|deserializ', text, re.I) else transient if kind in transient_types else other
        bucket[kind] = bucket.get(kind, 0) + 1
      entry = [line] if line.startswith('fail: ') or line.startswith('crit: ') else None
    elif entry is not None and len(entry) < 6:
      entry.append(line.strip())

report = {
  'from': from_commit, 'to': to_commit, 'startedAt': started_at,
  'migrations': {'before': before, 'after': after},
  'silosAtEnd': versions.split(), 'upgradeFinishedWithinLoad': within == 'true',
  'offeredRate': int(rates), 'seconds': int(seconds),
  'acknowledged': get(v, 'acknowledged'),
  'lost': get(v, 'acknowledgedMissingInDatabase'),
  'storedTwice': get(v, 'storedDuplicates'),
  'botReplies': get(v, 'botReplies'), 'expectedBotReplies': get(v, 'expectedBotReplies'),
  'missingReplies': get(v, 'missingReplies'), 'duplicateReplies': get(v, 'duplicateReplies'),
  'operatorFeedsBehind': get(v, 'feedsBehind'),
  'liveChatsTaken': get(ar, 'taken'), 'timersFiredOnce': get(ar, 'releasedOnce'),
  'timersNeverFired': get(ar, 'neverReleased'), 'timersFiredTwice': get(ar, 'releasedMoreThanOnce'),
  'requestErrors': get(phases[0], 'errors') if phases else None,
  'ack': get(phases[0], 'ack') if phases else None,
  'serializationErrors': sum(serialization.values()), 'serializationErrorsByType': serialization,
  'grainCallErrors': sum(other.values()), 'grainCallErrorsByType': other,
  'transientFailuresByType': transient,
  'outboxAttempts': open(os.path.join(results, 'outbox-attempts.txt')).read().split(),
  'failures': [f for f in failures.split(';') if f],
  'loadVerificationPassed': bool(get(v, 'passed')),
}
report['passed'] = bool(report['loadVerificationPassed'] and report['lost'] == 0 and report['storedTwice'] == 0
  and report['serializationErrors'] == 0 and report['grainCallErrors'] == 0 and not report['failures']
  and report['silosAtEnd'] == ['new', 'new', 'new'] and report['upgradeFinishedWithinLoad'])
out = os.path.join(results, 'upgrade-report.json')
json.dump(report, open(out, 'w'), indent=2)
print(('VERDICT: PASS' if report['passed'] else 'VERDICT: FAIL') +
  f" rolling upgrade {from_commit} -> {to_commit} at {rates}/s{'' if report['upgradeFinishedWithinLoad'] else ' (upgrade NOT finished within the load)'}: "
  f"acked {report['acknowledged']}, lost {report['lost']}, stored twice {report['storedTwice']}, "
  f"replies {report['botReplies']}/{report['expectedBotReplies']} (missing {report['missingReplies']}, duplicated {report['duplicateReplies']}), "
  f"timers fired once {report['timersFiredOnce']}/{report['liveChatsTaken']}, serialization errors {report['serializationErrors']}, "
  f"grain-call errors {report['grainCallErrors']} (transient {sum(transient.values())}); report {out}")
sys.exit(0 if report['passed'] else 1)
EOF
