#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 and runs each briefly (FUZZ_SECONDS each, default
# 15), starting from its seed corpus in fuzz/corpus/NAME. Run by ctest as the "fuzz" test; a
# crash or a failed check in any target fails it. `scripts/fuzz.sh value` runs one target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-15}"
clang=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$clang" ]; then
  echo "fuzz: clang++-14 is missing; run 'make deps'" >&2
  exit 1
fi
launcher=$(command -v ccache || true)
out=build/fuzz
mkdir -p "$out/obj"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined
       -fno-sanitize-recover=undefined -Isrc $(pkg-config --cflags icu-uc))

# The pure layers the targets use, compiled once with the fuzzer's instrumentation.
objects=()
for src in src/common/*.cc src/domain/*.cc src/expr/*.cc src/analytics/*.cc src/interop/csv.cc \
           src/interop/event_csv.cc src/interop/data_value_set.cc src/interop/data_value_set_adx.cc \
           src/interop/data_value_set_json_stream.cc \
           src/interop/legacy_text.cc src/interop/vietnamese_number.cc src/interop/xlsx_reader.cc \
           src/interop/sheet_mapping.cc src/interop/toml_text.cc; do
  obj="$out/obj/$(echo "$src" | tr '/' '_').o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src -name '*.h' -newer "$obj" -print -quit)" ]; then
    $launcher "$clang" "${flags[@]}" -c "$src" -o "$obj"
  fi
  objects+=("$obj")
done
libs=(-lfmt -lsodium -lsimdjson -lpugixml -lzip $(pkg-config --libs icu-uc icu-i18n))

run() {
  local name=$1 max_len=$2
  "$clang" "${flags[@]}" -fsanitize=fuzzer "fuzz/${name}_fuzz.cc" "${objects[@]}" "${libs[@]}" \
    -o "$out/${name}_fuzz"
  mkdir -p "$out/corpus-$name"
  echo "== $name: ${seconds} s"
  "$out/${name}_fuzz" -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 \
    "$out/corpus-$name" "fuzz/corpus/$name" 2>&1 | tail -n 12
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(expr value event_csv data_value_set legacy_text vietnamese_number xlsx)
for t in "${targets[@]}"; do
  case "$t" in
    expr) run expr 256 ;;
    value) run value 512 ;;
    event_csv) run event_csv 4096 ;;
    data_value_set) run data_value_set 4096 ;;
    legacy_text) run legacy_text 256 ;;
    vietnamese_number) run vietnamese_number 128 ;;
    xlsx) run xlsx 8192 ;;
    *) echo "fuzz: unknown target $t" >&2; exit 2 ;;
  esac
done
