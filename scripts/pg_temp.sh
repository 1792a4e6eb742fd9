#!/usr/bin/env bash
# Start a throwaway PostgreSQL on a loopback port in a temporary folder.
# Prints "DIR URL" on stdout; `scripts/pg_temp.sh stop DIR` stops it and removes DIR;
# `scripts/pg_temp.sh restart DIR [SECONDS]` stops it (fast: open connections are cut), leaves it
# down SECONDS (default 0) and starts it again on the same port (the fault tests).
# As root (sessions and CI), the server runs as the unprivileged `postgres` user.
set -euo pipefail

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1
}

as_pg() {
  # runuser lives in /usr/sbin, which a minimal PATH may leave out
  if [ "$(id -u)" = "0" ]; then "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$@"
  else "$@"; fi
}

if [ "${1:-}" = "restart" ]; then
  as_pg "$(find_bin pg_ctl)" -D "$2/data" -m fast -w stop >/dev/null
  sleep "${3:-0}"
  as_pg "$(find_bin pg_ctl)" -D "$2/data" -l "$2/log" -w -o "$(cat "$2/options")" start >/dev/null
  exit 0
fi

if [ "${1:-}" = "stop" ]; then
  as_pg "$(find_bin pg_ctl)" -D "$2/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi

initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)
if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
  echo "no PostgreSQL server binaries found" >&2
  exit 3
fi
dir=$(mktemp -d /tmp/northstar-pg.XXXXXX)
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
  chown postgres "$dir"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# UTF-8 whatever the shell's locale: without one, initdb would make a SQL_ASCII cluster, whose text
# psycopg hands back as bytes
as_pg "$initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
echo "$options" >"$dir/options"  # for a restart
as_pg "$pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
echo "$dir postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
