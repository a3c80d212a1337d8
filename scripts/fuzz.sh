#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 and runs each briefly (FUZZ_SECONDS, default 20).
# Run by ctest as the "expr_fuzz" test; a crash or a failed check fails it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
clang=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$clang" ]; then
  echo "fuzz: clang++-14 is missing; run 'make deps'" >&2
  exit 1
fi
launcher=$(command -v ccache || true)
out=build/fuzz
mkdir -p "$out" "$out/corpus-expr"
$launcher "$clang" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -Isrc \
  fuzz/expr_fuzz.cc src/expr/parser.cc src/expr/evaluator.cc -lfmt -o "$out/expr_fuzz"
"$out/expr_fuzz" -max_total_time="$seconds" -max_len=256 -print_final_stats=1 \
  "$out/corpus-expr" fuzz/corpus/expr 2>&1 | tail -n 12
