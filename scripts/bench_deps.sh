#!/usr/bin/env bash
# Installs what `make bench` needs beyond the build: Node.js and npm (from Debian when the
# machine has none) and the DuckDB peer's npm package (bench/duckdb, pinned by its lock file).
set -euo pipefail

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "bench deps: installing nodejs and npm"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "bench deps: need root or sudo to install nodejs npm" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm
fi

if [ ! -d bench/duckdb/node_modules/@duckdb/node-api ]; then
  echo "bench deps: npm ci in bench/duckdb"
  npm ci --prefix bench/duckdb --no-audit --no-fund
fi
