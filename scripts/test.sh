#!/usr/bin/env bash
# Sets up, builds and runs every test: the Rust suites (release profile, the same build as the
# binary), the interop suite (rdflib, pySHACL, SPARQLWrapper against `geokg serve`), the page
# in headless Chromium, ingest killed 20 times, and ingest into a real Virtuoso.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

cargo build --release --locked
cargo test --release --locked
python3 -m pytest -q -W ignore::DeprecationWarning tests/interop
(cd tests/browser && node --test page.test.mjs)
python3 tests/crash_safety.py --kills 20
tests/virtuoso_remote.sh
