#!/usr/bin/env bash
# Installs what `make bench` needs beyond the build: Node.js and npm (from Debian when the
# machine has none), the DuckDB peer's npm package (bench/duckdb, pinned by its lock file), and
# the HTTP benchmark's load generator and ceiling (wrk, curl, and nginx-light, which the benchmark
# starts itself on 127.0.0.1; installing it does not start a service in a container).
set -euo pipefail

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench deps: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "bench deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -d bench/duckdb/node_modules/@duckdb/node-api ]; then
  echo "bench deps: npm ci in bench/duckdb"
  npm ci --prefix bench/duckdb --no-audit --no-fund
fi
