#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 (scripts/pg_server.sh) whose URL is in
# ANTQ_TEST_POSTGRES, then stops the server and removes its files, whatever the command did.
# The tests that touch the store read ANTQ_TEST_POSTGRES and run against PostgreSQL.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/antq-pg.XXXXXX)
cleanup() {
  "$here/pg_server.sh" stop "$dir"
  rm -rf "$dir"
}
trap cleanup EXIT
url=$("$here/pg_server.sh" start "$dir")
export ANTQ_TEST_POSTGRES="$url"
"$@"
