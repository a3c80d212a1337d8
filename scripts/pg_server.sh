#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the tests and benchmarks.
#   pg_server.sh start DIR   creates a cluster in DIR, starts it on 127.0.0.1 on a free port and
#                            prints its URL (user antq, trusted, database postgres)
#   pg_server.sh stop DIR    stops it (DIR is left for the caller to remove)
# PostgreSQL refuses to run as root: under root (CI containers) the server runs as the
# `postgres` user that Debian's postgresql-15 package creates. The settings trade durability for
# speed (fsync off), which only a throwaway cluster may do.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:?start or stop}
dir=${2:?the cluster folder}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U antq -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # A random port, tried again if another program holds it.
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null 2>&1; then
      echo "postgresql://antq@127.0.0.1:$port/postgres"
      exit 0
    fi
  done
  echo "pg_server: PostgreSQL did not start; its log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
  ;;
stop)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  ;;
*)
  echo "usage: pg_server.sh start|stop DIR" >&2
  exit 2
  ;;
esac
