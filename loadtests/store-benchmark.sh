#!/usr/bin/env bash
# Group-commit store vs raw single-row INSERTs on a throwaway local PostgreSQL.
#   loadtests/store-benchmark.sh [--writers 256] [--seconds 15]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d -t conversations-bench-XXXXXX); chmod 755 "$work"
trap '"$here/scripts/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
connection=$("$here/scripts/postgres.sh" start "$work/pg")
mkdir -p "$here/loadtests/results"
dotnet run -c Release --project "$here/loadtests/Conversations.LoadTests" -- store --postgres "${connection/Database=conversations/Database=bench}" \
  --json "$here/loadtests/results/store-benchmark.json" "$@"
