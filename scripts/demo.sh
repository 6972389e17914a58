#!/usr/bin/env bash
# Sets up, builds, ingests the bundled example article into a fresh store and prints the
# answers of the canned queries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

cargo build --release --locked
store="${1:-geokg-store}"
article=tests/fixtures/seed/article-us-china-2025.txt
"$GEOKG_BIN" ingest "$article" --date 2025-11-26 --store "$store"
for query in events who-backs-whom disputes actors; do
  echo
  echo "== geokg query $query"
  "$GEOKG_BIN" query "$query" --store "$store"
done
echo
echo "== geokg query dyad-timeline --bind a=USA --bind b=CHN"
"$GEOKG_BIN" query dyad-timeline --bind a=USA --bind b=CHN --store "$store"
echo
"$GEOKG_BIN" stats --store "$store"
