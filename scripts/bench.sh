#!/usr/bin/env bash
# Runs the benchmarks: all of them, or the one named by $1; $2 is the size (small or full).
# Each prints a table comparing ANTQ with a peer measured in the same run and writes
# build/bench/NAME.json.
set -euo pipefail
name="${1:-}"
size="${2:-small}"
bin=build/release
mkdir -p build/bench
ran=0
for bench in units data analytics evaluation report http import postgres; do
  if [ -z "$name" ] || [ "$name" = "$bench" ]; then
    echo "== $bench ($size)"
    if [ "$bench" = postgres ]; then
      # Against a PostgreSQL 15 started for the run on 127.0.0.1 (its settings: scripts/pg_server.sh).
      scripts/with_postgres.sh "$bin/antq_${bench}_bench" "$size" "build/bench/$bench.json"
    else
      "$bin/antq_${bench}_bench" "$size" "build/bench/$bench.json"
    fi
    ran=1
  fi
done
[ "$ran" = 1 ] || { echo "bench: unknown benchmark '$name'; known: units, data, analytics, evaluation, report, http, import, postgres" >&2; exit 2; }
