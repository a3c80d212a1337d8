#!/usr/bin/env bash
# Installs every Debian package that building, testing and running ANTQ needs.
# Idempotent: packages already installed are skipped, and apt is not touched at all
# when nothing is missing.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config make clang-format clang-tidy
  # libraries (DESIGN.md §4)
  libicu-dev libsqlite3-dev sqlite3 libexpected-dev libfmt-dev libspdlog-dev libcli11-dev
  nlohmann-json3-dev libsimdjson-dev libtomlplusplus-dev libsodium-dev libzip-dev libpugixml-dev
  libxlsxwriter-dev libpango1.0-dev libcairo2-dev libboost-dev libpq-dev
  # the server database: the tests start a PostgreSQL 15 of their own on 127.0.0.1
  postgresql-15
  # the Debian package is built (cpack, dpkg-shlibdeps) and checked (systemd-analyze verify,
  # fakeroot dpkg --unpack, a test certificate for the nginx sample)
  dpkg-dev fakeroot systemd openssl
  # fonts the documents name (Times New Roman metrics with Vietnamese)
  fonts-liberation2
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # the server is tried with curl (and its answers read with jq, as the README does) and
  # loaded with wrk (127.0.0.1 only)
  curl jq wrk
  # generated documents are opened by LibreOffice and read back with poppler
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils unzip
  # the web app's browser tests drive Debian's Chromium (never a browser from npm)
  chromium
  # the libFuzzer target (clang 14 and its runtime)
  clang-14 libclang-rt-14-dev
)

# The web app builds with the machine's Node.js (20.19 or newer) and npm; Debian 12's nodejs is
# older than Vite needs, so it is checked, not installed.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "deps: the web app needs Node.js 20.19 or newer with npm (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} Debian packages are installed"
  exit 0
fi

echo "deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
