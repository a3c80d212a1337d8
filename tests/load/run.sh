#!/usr/bin/env bash
# The load test of issue 17, run by `make test` (ctest "load_suite"): `antq serve` on the demo
# database, loaded by wrk from 127.0.0.1 for LOAD_SECONDS (default 20) at 64 connections with
# three reads for each write; then every response must have been a 2xx, every acknowledged write
# must be stored with its value and audited once, the audit chain must verify and `antq check`
# pass. Then the server is killed with SIGKILL in the middle of writes and restarted: every
# write it acknowledged is there, nothing is half-written, the chain verifies.
# Usage: tests/load/run.sh ANTQ_BINARY
set -euo pipefail
antq=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
seconds="${LOAD_SECONDS:-20}"
work=$(mktemp -d /tmp/antq-load.XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
fail() { echo "load: FAIL: $*" >&2; exit 1; }

"$antq" demo --no-serve > demo.out 2>&1 || { cat demo.out; fail "antq demo"; }
token=$("$antq" user token quan-tri --label load-test 2>/dev/null)

start_server() {
  : > serve.out
  "$antq" serve --listen 127.0.0.1:0 > serve.out 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*serving on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' serve.out)
    [ -n "$port" ] && return 0
    kill -0 "$server" 2>/dev/null || { cat serve.out; fail "the server did not start"; }
    sleep 0.1
  done
  fail "the server did not say where it listens"
}

count_rows() { sqlite3 antq.db "$1"; }

# --- 1. Load -----------------------------------------------------------------------------------
start_server
communes=$("$antq" units list --under 62 --at 2022-12-31 --level commune --format csv |
           tail -n +2 | cut -d, -f1 | head -40 | tr '\n' ' ')
before=$(count_rows "SELECT count(*) FROM audit_log WHERE action = 'value.set' AND user_name = 'quan-tri'")
echo "load: ${seconds} s at 64 connections on 127.0.0.1:${port}"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/mixed.lua" "http://127.0.0.1:${port}" \
  -- "$token" 2 "$work/wrk" $communes | sed 's/^/  /'
cat wrk.summary | sed 's/^/  /'
errors=$(sed -n 's/^errors //p' wrk.summary)
socket_errors=$(sed -n 's/^socket_errors //p' wrk.summary)
[ "$errors" = 0 ] || fail "$errors responses were not 2xx"
[ "$socket_errors" = 0 ] || fail "$socket_errors socket errors"
kill -TERM "$server"
wait "$server" || fail "the server did not stop cleanly on SIGTERM"
server=""

acked=$(wc -l < wrk.acked)
[ "$acked" -gt 0 ] || fail "no write was acknowledged"
sqlite3 antq.db "CREATE TABLE load_acked(k INTEGER PRIMARY KEY)"
sqlite3 antq.db ".import wrk.acked load_acked"
# Every acknowledged write is stored with its value (100000 + k).
missing=$(count_rows "SELECT count(*) FROM load_acked WHERE NOT EXISTS (SELECT 1 FROM data_values
  WHERE number = 100000 + k AND stored_by = 'quan-tri')")
[ "$missing" = 0 ] || fail "$missing acknowledged writes are not stored"
stored=$(count_rows "SELECT count(*) FROM data_values WHERE stored_by = 'quan-tri' AND number >= 100000")
audited=$(count_rows "SELECT count(*) FROM audit_log WHERE action = 'value.set' AND user_name = 'quan-tri'")
audited=$((audited - before))
# Each stored write is audited exactly once; writes in flight when wrk stopped may have been
# committed without their answer being read (at most one per connection).
[ "$stored" = "$audited" ] || fail "$stored values stored but $audited audited"
extra=$((stored - acked))
[ "$extra" -ge 0 ] && [ "$extra" -le 64 ] || fail "$stored stored for $acked acknowledged"
sqlite3 antq.db "DROP TABLE load_acked"
echo "load: $acked writes acknowledged, $stored stored and audited ($extra in flight at the stop)"
"$antq" audit verify | sed 's/^/  /' || fail "the audit chain does not verify"
"$antq" check | sed 's/^/  /' || fail "antq check"

# --- 2. SIGKILL in the middle of writes ------------------------------------------------------
start_server
: > kill.acked
writer() {
  local k=0
  while true; do
    k=$((k + 1))
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      "http://127.0.0.1:${port}/api/v1/data-sets/commune-monthly/reports/23317/2024$(printf '%02d' $(( (k % 12) + 1 )))" \
      -d "{\"values\":[{\"element\":\"online.posts\",\"value\":$((200000 + k))}]}" || true)
    [ "$code" = 200 ] && echo "$k" >> kill.acked
    [ "$code" = 000 ] && break
  done
}
writer &
writer_pid=$!
sleep 3
kill -KILL "$server"
wait "$server" 2>/dev/null || true
server=""
wait "$writer_pid" || true
last=$(tail -n 1 kill.acked)
[ -n "$last" ] || fail "no write was acknowledged before the kill"
# The last acknowledged write of each month is the one stored (the writer cycles the months).
start_server
for month in $(seq 1 12); do
  want=$(awk -v m="$month" '($1 % 12) + 1 == m { v = $1 } END { if (v != "") print 200000 + v }' kill.acked)
  [ -n "$want" ] || continue
  got=$(count_rows "SELECT number FROM data_values WHERE element = 'online.posts' AND period = '2024$(printf '%02d' "$month")' AND unit_id = (SELECT unit_id FROM unit_versions WHERE code = '23317' AND valid_to IS NOT NULL)")
  # A write in flight at the kill may be stored too (newer than the last acknowledged).
  [ "${got%.0}" -ge "$want" ] || fail "month $month holds ${got} but ${want} was acknowledged"
done
kill -TERM "$server"; wait "$server" || true; server=""
echo "load: killed after $(wc -l < kill.acked) acknowledged writes; all of them survived"
"$antq" audit verify | sed 's/^/  /' || fail "the audit chain does not verify after the kill"
"$antq" check | sed 's/^/  /' || fail "antq check after the kill"
[ "$(sqlite3 antq.db 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
echo "load: passed"
