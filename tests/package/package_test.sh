#!/bin/bash
# The Debian package as an operator gets it: its control fields and files, its systemd unit
# (systemd-analyze), its maintainer scripts (against stand-in commands), the unpacked program
# on its unpacked data (init, serve, /healthz, /metrics), and an unpack by dpkg into a
# scratch root.
#
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
# The .deb is made with cpack from BUILD_DIR (so it holds the binary just built), unless
# ANTQ_DEB names one (for example build/release/antq_*.deb from `make package`). Exits 77 (ctest
# counts it as skipped) only when no .deb can be had: cpack or dpkg-deb missing.
set -euo pipefail

build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
skip=77

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

tmp=$(mktemp -d /tmp/antq-package-test.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- the .deb --------------------------------------------------------------------------------
if [ -n "${ANTQ_DEB:-}" ]; then
  deb=$ANTQ_DEB
  [ -f "$deb" ] || fail "ANTQ_DEB=$deb does not exist"
else
  for tool in cpack dpkg-deb dpkg-shlibdeps; do
    if ! command -v "$tool" >/dev/null; then
      echo "SKIP: $tool is not installed, so no .deb can be built (apt install cmake dpkg-dev)"
      exit $skip
    fi
  done
  [ -f "$build/CPackConfig.cmake" ] || fail "$build has no CPackConfig.cmake: configure it first"
  [ -x "$build/antq" ] || fail "$build/antq is not built"
  step "cpack -G DEB from $build"
  (cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/cpack" >cpack.log 2>&1) ||
    {
      cat "$tmp/cpack.log" >&2
      fail "cpack failed"
    }
  deb=$(find "$tmp/cpack" -maxdepth 1 -name "antq_*.deb" | head -n 1)
  [ -n "$deb" ] || fail "cpack made no antq_*.deb: $(cat "$tmp/cpack.log")"
fi
echo "package: $deb ($(du -h "$deb" | cut -f1))"

# --- control fields ----------------------------------------------------------------------------
step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = antq ] || fail "Package is '$(field Package)'"
version=$(sed -n 's/^project(antq VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
[ "$(field Version)" = "$version-1" ] || fail "Version is '$(field Version)', not $version-1"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] ||
  fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
summary=$(field Description | head -n 1)
[ -n "$summary" ] || fail "no Description"
[ "$(field Description | sed -n 2p | sed 's/^ //')" != "$summary" ] ||
  fail "the long Description repeats its summary line"
depends=$(field Depends)
for dep in adduser fonts-liberation2 libc6 libsqlite3-0 libicu72 libsodium23 libzip4; do
  [[ ",$depends," == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done

# --- files --------------------------------------------------------------------------------------
step "file list"
dpkg-deb -c "$deb" >"$tmp/contents"
has() { grep -Eq "$1" "$tmp/contents" || fail "the package lacks $2"; }
has ' \./usr/bin/antq$' /usr/bin/antq
has '^-rwxr-xr-x root/root .* \./usr/bin/antq$' "/usr/bin/antq as root:root 0755"
has ' \./usr/share/antq/units/[^/]+\.tsv$' "the units (/usr/share/antq/units)"
has ' \./usr/share/antq/catalog/' "the catalogue (/usr/share/antq/catalog)"
has ' \./usr/share/antq/templates/' "the report templates (/usr/share/antq/templates)"
has ' \./usr/share/antq/openapi\.json$' /usr/share/antq/openapi.json
has ' \./lib/systemd/system/antq\.service$' /lib/systemd/system/antq.service
has '^-rw------- root/root .* \./etc/default/antq$' "/etc/default/antq as root:root 0600"
has ' \./usr/share/doc/antq/examples/nginx-antq\.conf$' the nginx sample
if grep -q '\./var/lib/antq' "$tmp/contents"; then
  fail "the package ships /var/lib/antq: postinst creates it, so removal never touches the data"
fi
if [ -f "$source/web/dist/index.html" ] && [ -z "${ANTQ_DEB:-}" ]; then
  has ' \./usr/share/antq/web/index\.html$' "the built web app (/usr/share/antq/web)"
fi
if grep -q 'share/antq/web/index.html' "$tmp/contents"; then web=1; else web=0; fi

# --- maintainer scripts -------------------------------------------------------------------------
step "maintainer scripts"
dpkg-deb -e "$deb" "$tmp/control"
for s in postinst prerm postrm; do
  [ -x "$tmp/control/$s" ] || fail "DEBIAN/$s is missing or not executable"
  sh -n "$tmp/control/$s" || fail "DEBIAN/$s is not valid sh"
  if command -v shellcheck >/dev/null; then shellcheck -s sh "$tmp/control/$s"; fi
done
grep -qx '/etc/default/antq' "$tmp/control/conffiles" || fail "/etc/default/antq is not a conffile"
# postinst and postrm against stand-ins that record what they are asked, on a system without
# the antq user and without systemd running (as in a fresh install).
mkdir -p "$tmp/stubs"
for cmd in adduser install systemctl chown; do
  printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$cmd" "$tmp/calls" >"$tmp/stubs/$cmd"
done
printf '#!/bin/sh\necho "getent $*" >>"%s"\nexit 2\n' "$tmp/calls" >"$tmp/stubs/getent"
chmod +x "$tmp"/stubs/*
: >"$tmp/calls"
PATH="$tmp/stubs:$PATH" sh "$tmp/control/postinst" configure "" || fail "postinst configure failed"
grep -q '^adduser --system --group .*--home /var/lib/antq .*antq$' "$tmp/calls" ||
  fail "postinst did not create the system user antq: $(cat "$tmp/calls")"
if [ ! -d /var/lib/antq ]; then
  grep -q '^install -d -m 0750 -o antq -g antq /var/lib/antq$' "$tmp/calls" ||
    fail "postinst did not create /var/lib/antq owned by antq: $(cat "$tmp/calls")"
fi
for action in remove purge; do
  PATH="$tmp/stubs:$PATH" sh "$tmp/control/postrm" "$action" 2>/dev/null ||
    fail "postrm $action failed"
done
if grep -v '^[[:space:]]*#' "$tmp/control/postrm" |
  grep -Eq 'rm .*(/var/lib/antq|/var/log/antq)|deluser|userdel'; then
  fail "postrm deletes the data or the user; they must stay"
fi

# --- the systemd unit ---------------------------------------------------------------------------
dpkg-deb -x "$deb" "$tmp/root"
root=$tmp/root
if command -v systemd-analyze >/dev/null; then
  step "systemd-analyze verify"
  # verify wants ExecStart's program to exist, and /usr/bin/antq is not installed here: the
  # unit is checked as shipped but for that one path, which points at the unpacked binary.
  mkdir -p "$tmp/unit"
  sed "s|/usr/bin/antq|$root/usr/bin/antq|" "$root/lib/systemd/system/antq.service" \
    >"$tmp/unit/antq.service"
  # verify exits 0 on settings it ignores (a misspelt value): any message is a failure.
  out=$(systemd-analyze verify "$tmp/unit/antq.service" 2>&1) || fail "verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify complained: $out"
  for setting in 'User=antq' 'Group=antq' 'StateDirectory=antq' 'ProtectSystem=strict' \
    'ReadWritePaths=/var/lib/antq' 'NoNewPrivileges=true' 'CapabilityBoundingSet=$' \
    'EnvironmentFile=-/etc/default/antq' 'Restart=on-failure' \
    'SystemCallFilter=@system-service' 'MemoryDenyWriteExecute=true'; do
    grep -q "^$setting" "$tmp/unit/antq.service" || fail "the unit lacks $setting"
  done
  # The hardening as systemd scores it (0 is locked down, 10 is none; --threshold counts
  # tenths): 1.2 when written.
  systemd-analyze security --offline=true --threshold=20 "$tmp/unit/antq.service" >/dev/null ||
    fail "systemd-analyze security: the unit's exposure is above 2.0"
else
  echo "(systemd-analyze is not installed: the unit is not verified)"
fi

# --- the nginx sample -----------------------------------------------------------------------------
if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  step "nginx -t on the sample"
  n=$tmp/nginx
  mkdir -p "$n"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$n/key.pem" -out "$n/cert.pem" -days 1 \
    -subj /CN=antq.test >/dev/null 2>&1 || fail "openssl could not make a test certificate"
  sed -e "s|/etc/ssl/antq/fullchain.pem|$n/cert.pem|; s|/etc/ssl/antq/privkey.pem|$n/key.pem|" \
    "$root/usr/share/doc/antq/examples/nginx-antq.conf" >"$n/site.conf"
  cat >"$n/nginx.conf" <<EOF
error_log $n/error.log;
pid $n/nginx.pid;
events {}
http {
    access_log off;
    client_body_temp_path $n/body;
    proxy_temp_path $n/proxy;
    include $n/site.conf;
}
EOF
  nginx -t -q -p "$n" -c "$n/nginx.conf" -e "$n/error.log" 2>"$n/test.log" ||
    fail "nginx -t refuses the sample: $(cat "$n/test.log" "$n/error.log" 2>/dev/null)"
  # shellcheck disable=SC2016  # $remote_addr is nginx's, meant literally
  for directive in 'listen 443 ssl http2' 'ssl_protocols TLSv1.2 TLSv1.3' \
    'Strict-Transport-Security' 'client_max_body_size 200m' 'proxy_read_timeout' \
    'proxy_set_header X-Forwarded-For $remote_addr' 'proxy_set_header X-Forwarded-Proto https' \
    'location ~ ^/(metrics|healthz)$' 'deny all'; do
    grep -qF "$directive" "$n/site.conf" || fail "the nginx sample lacks '$directive'"
  done
else
  echo "(nginx or openssl is not installed: the nginx sample is not checked)"
fi

# --- the unpacked program on its unpacked data --------------------------------------------------
step "antq from the package: init, serve, /healthz, /metrics"
antq=$root/usr/bin/antq
unset ANTQ_DATA_DIR
"$antq" --version | grep -qx "antq $version" || fail "antq --version: $("$antq" --version)"
"$antq" --db "sqlite:$tmp/x.db" --user package-test init >"$tmp/init.log" 2>&1 ||
  fail "antq init: $(cat "$tmp/init.log")"
# The data used must be the package's, found next to the binary, not the source tree's.
grep -q "root/usr/share/antq/units/" "$tmp/init.log" ||
  fail "antq init did not read the unpacked /usr/share/antq: $(cat "$tmp/init.log")"
"$antq" --db "sqlite:$tmp/x.db" serve --listen 127.0.0.1:0 >"$tmp/serve.log" 2>&1 &
server_pid=$!
base=
for _ in $(seq 1 200); do
  base=$(sed -n 's|.*serving on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$tmp/serve.log")
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "antq serve exited: $(cat "$tmp/serve.log")"
  sleep 0.1
done
[ -n "$base" ] || fail "antq serve did not start: $(cat "$tmp/serve.log")"
status=
for _ in $(seq 1 100); do
  status=$(curl -s -o "$tmp/health" -w '%{http_code}' "$base/healthz" || true)
  [ "$status" = 200 ] && break
  sleep 0.1
done
[ "$status" = 200 ] || fail "/healthz answered '$status'"
[ "$(cat "$tmp/health")" = '{"status":"ok"}' ] || fail "/healthz said $(cat "$tmp/health")"
curl -s -D "$tmp/metrics.headers" -o "$tmp/metrics" "$base/metrics" || fail "GET /metrics failed"
grep -qi '^content-type: text/plain; version=0.0.4' "$tmp/metrics.headers" ||
  fail "/metrics content type: $(cat "$tmp/metrics.headers")"
grep -q '^antq_http_requests_total{method="GET",route="/healthz",status="200"} [1-9]' \
  "$tmp/metrics" || fail "/metrics does not count /healthz: $(cat "$tmp/metrics")"
grep -q "^antq_build_info{version=\"$version\"} 1$" "$tmp/metrics" || fail "no antq_build_info"
for name in antq_engine_values antq_db_connections antq_db_connections_in_use \
  process_start_time_seconds; do
  grep -q "^$name " "$tmp/metrics" || fail "/metrics lacks $name"
done
# The API description installed as /usr/share/antq/openapi.json is served.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/openapi.json")" = 200 ] ||
  fail "/api/v1/openapi.json is not found in the package"
home=$(curl -s "$base/")
if [ "$web" = 1 ]; then
  grep -q '<div id="app"' <<<"$home" || grep -qi '<!doctype html' <<<"$home" ||
    fail "/ does not serve the packaged web app"
fi
kill -TERM "$server_pid"
wait "$server_pid" || fail "antq serve exited with $? on SIGTERM: $(cat "$tmp/serve.log")"
server_pid=
grep -q 'stopped' "$tmp/serve.log" || fail "antq serve did not say it stopped"

# --- dpkg into a scratch root -------------------------------------------------------------------
# A full install (dpkg --configure) runs postinst chrooted into the root, which needs a Debian
# system there (debootstrap, from the network): only the unpack is tried, which runs no script.
if command -v fakeroot >/dev/null; then
  step "fakeroot dpkg --root --unpack"
  r=$tmp/dpkgroot
  mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
  : >"$r/var/lib/dpkg/status"
  fakeroot dpkg --root="$r" --force-not-root --force-depends --log=/dev/null --unpack "$deb" \
    >"$tmp/dpkg.log" 2>&1 || fail "dpkg --unpack: $(cat "$tmp/dpkg.log")"
  [ -x "$r/usr/bin/antq" ] || fail "dpkg did not unpack /usr/bin/antq"
  dpkg-query --admindir="$r/var/lib/dpkg" -W -f='${Status}\n' antq | grep -q 'unpacked' ||
    fail "dpkg does not list antq as unpacked"
  dpkg-query --admindir="$r/var/lib/dpkg" -W -f='${Conffiles}\n' antq | grep -q '/etc/default/antq' ||
    fail "dpkg does not hold /etc/default/antq as a conffile"
else
  echo "(fakeroot is not installed: dpkg --root is not tried)"
fi

echo "PASS: $deb"
