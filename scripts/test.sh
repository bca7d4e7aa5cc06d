#!/usr/bin/env bash
# Runs every test of the solution against real parts: starts a throwaway PostgreSQL on a free port
# (installing PostgreSQL and Chromium from Debian's packages when missing), runs `dotnet test` for the
# whole solution, stops the server, and ends with one line: "N passed, N failed".
#
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Telegram"]
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

work=$(mktemp -d -t conversations-test-XXXXXX)
chmod 755 "$work"   # the PostgreSQL server runs as the postgres user when we are root
results="$work/results"
pgdir="$work/pg"
mkdir -p "$results"

cleanup() {
  scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Tools the tests drive for real: Chromium (browser tests of the widget and the console, via Playwright),
# Go + sprig + the YAML library Helm uses (rendering the Helm chart like `helm template`), yamllint, promtool.
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v go >/dev/null 2>&1 || missing="$missing golang-go"
[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] || missing="$missing golang-github-masterminds-sprig-dev"
[ -d /usr/share/gocode/src/sigs.k8s.io/yaml ] || missing="$missing golang-k8s-sigs-yaml-dev"
command -v yamllint >/dev/null 2>&1 || missing="$missing yamllint"
command -v promtool >/dev/null 2>&1 || missing="$missing prometheus"   # promtool: checks and unit-tests the chart's alerts
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing from Debian's packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq $missing >/dev/null) \
      || echo "warning: could not install$missing; the tests that need them will fail" >&2
  else
    echo "warning: missing$missing and not root; install them (apt-get install$missing) or their tests fail" >&2
  fi
fi

connection=$(scripts/postgres.sh start "$pgdir") || { echo "could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
export CONVERSATIONS_TEST_POSTGRES="$connection"
echo "PostgreSQL for tests: $connection"

# The .NET tools the tests start (smtp4dev, the e-mail channel's real SMTP/IMAP server): .config/dotnet-tools.json.
dotnet tool restore >/dev/null || echo "warning: dotnet tool restore failed; the e-mail tests will fail" >&2

dotnet build Conversations.sln -c Release -warnaserror -nologo -v q
build=$?
status=0
if [ $build -ne 0 ]; then
  echo "Build failed."
  status=1
else
  # One project at a time, each with its own results file, so every project's counts are read.
  for project in $(find tests -name '*.Tests.csproj' | sort); do
    name=$(basename "$project" .csproj)
    echo "== $name"
    dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" \
      || status=1
  done
fi

# Sum the counters of every test project's TRX file; a test project that wrote none (crashed) counts as a failure.
passed=0; failed=0
projects=$(find tests -name '*.Tests.csproj' | wc -l)
reports=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$reports" -lt "$projects" ]; then
  echo "$((projects - reports)) test project(s) produced no results (build failure or crash)."
  failed=$((failed + projects - reports))
fi
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
