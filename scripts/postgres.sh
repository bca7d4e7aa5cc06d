#!/usr/bin/env bash
# Starts or stops a throwaway local PostgreSQL server (no system service, no password; loopback only).
#
#   scripts/postgres.sh start [DIR] [PORT]   start (initialising DIR if new); prints the connection string
#   scripts/postgres.sh stop  [DIR]          stop
#
# DIR defaults to .pgdata in the repository, PORT to a free port. Installs PostgreSQL
# from Debian's packages when no server binaries are found (needs root). Works as root: the server then
# runs as the 'postgres' user, as initdb refuses root.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}
dir=${2:-$here/.pgdata}

find_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/pg_ctl" ] && { echo "$candidate"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

install_postgres() {
  echo "PostgreSQL server binaries not found; installing Debian's postgresql package..." >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root (or install postgresql yourself: sudo apt-get install -y postgresql)." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  # Debian starts a cluster as a service; we run our own, so stop it if it came up.
  (service postgresql stop >/dev/null 2>&1 || true)
}

free_port() {
  local port
  for port in 5433 $(shuf -i 20000-59999 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  echo "no free port found" >&2; return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    bin=$(find_bin || { install_postgres; find_bin; })
    port=${3:-$(free_port)}
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      port=$(sed -n 4p "$dir/data/postmaster.pid")
    else
      # A port found free can be taken by another process before the server binds it (parallel test runs):
      # then try another free port, unless the caller asked for this one.
      for attempt in 1 2 3 4 5; do
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
          -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c fsync=on" start >/dev/null; then
          break
        fi
        if [ -n "${3:-}" ] || [ "$attempt" -eq 5 ] || ! tail -20 "$dir/server.log" | grep -q "Address already in use"; then
          tail -20 "$dir/server.log" >&2; exit 1
        fi
        port=$(free_port)
      done
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=conversations"
    ;;
  stop)
    bin=$(find_bin) || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
