#!/usr/bin/env bash
# Fails when a file under src/LAYER includes a header of a layer it may not use (DESIGN.md §3).
# Run by ctest as the "layering" test.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
  [common]=""
  [domain]="common"
  [expr]="common domain"
  [storage]="common domain"
  [interop]="common domain"
  [analytics]="common domain expr"
  [rules]="common domain expr analytics"
  [documents]="common"
  [reports]="common domain expr analytics rules documents"
  [app]="common domain expr storage analytics rules interop reports"
  [http]="common domain expr storage analytics rules interop reports documents app"
  [sample]="common domain expr storage analytics rules interop reports documents app"
  [cli]="common domain app http sample"
)
bad=0
for dir in src/*/; do
  layer=$(basename "$dir")
  if [ -z "${allowed[$layer]+x}" ]; then
    echo "src/$layer: not a layer of DESIGN.md §3"; bad=1; continue
  fi
  while IFS=: read -r file _ include; do
    used=$(sed -E 's/.*#include "([^/"]+)\/.*/\1/' <<<"$include")
    [ "$used" = "$layer" ] && continue
    if [[ " ${allowed[$layer]} " != *" $used "* ]]; then
      echo "$file: layer '$layer' may not include '$used' ($include)"; bad=1
    fi
  done < <(grep -rn --include='*.h' --include='*.cc' -E '^#include "[a-z_]+/' "$dir" || true)
done
[ "$bad" = 0 ] && echo "layering: every include goes downward"
exit "$bad"
