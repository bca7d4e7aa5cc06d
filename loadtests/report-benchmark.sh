#!/usr/bin/env bash
# Report latency on the rollups of a tenant with 10 million messages, on a throwaway local PostgreSQL.
#   loadtests/report-benchmark.sh [--messages 10000000] [--rows-per-hour 42] [--rounds 20]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d -t conversations-reports-XXXXXX); chmod 755 "$work"
trap '"$here/scripts/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
connection=$("$here/scripts/postgres.sh" start "$work/pg")
mkdir -p "$here/loadtests/results"
dotnet run -c Release --project "$here/loadtests/Conversations.LoadTests" -- reports --postgres "${connection/Database=conversations/Database=bench}" \
  --json "$here/loadtests/results/report-benchmark.json" "$@"
