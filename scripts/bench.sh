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
for bench in units data analytics evaluation report http import; do
  if [ -z "$name" ] || [ "$name" = "$bench" ]; then
    echo "== $bench ($size)"
    "$bin/antq_${bench}_bench" "$size" "build/bench/$bench.json"
    ran=1
  fi
done
[ "$ran" = 1 ] || { echo "bench: unknown benchmark '$name'; known: units, data, analytics, evaluation, report, http, import" >&2; exit 2; }
