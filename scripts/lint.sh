#!/usr/bin/env bash
# Runs clang-tidy with the project's .clang-tidy over every source file under src/ (their
# headers follow through HeaderFilterRegex), using the compile commands of a configured build.
# Any finding fails: .clang-tidy makes every warning an error.
set -euo pipefail

build_dir="${1:-build/debug}"
jobs="${2:-2}"
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "lint: $build_dir/compile_commands.json is missing; configure that build first" >&2
  exit 1
fi
start=$(date +%s)
count=$(jq -r '.[].file' "$build_dir/compile_commands.json" | grep "^$PWD/src/" | sort -u | wc -l)
echo "lint: clang-tidy over $count files of src/ with $jobs jobs"
# run-clang-tidy takes regular expressions; the paths have no special characters but dots.
if ! run-clang-tidy-14 -p "$build_dir" -j "$jobs" -quiet "^$PWD/src/" > "$build_dir/lint.log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$build_dir/lint.log" | grep -E '(error|warning): ' | sort -u >&2 || true
  echo "lint: clang-tidy found problems (whole output in $build_dir/lint.log)" >&2
  exit 1
fi
echo "lint: clean ($count files, $(( $(date +%s) - start )) s)"
