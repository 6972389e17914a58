#!/usr/bin/env bash
# Sets up, builds and runs every test: the Rust suites (release profile, the same build as the
# binary) and the interop suite with rdflib and pySHACL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

cargo build --release --locked
cargo test --release --locked
python3 -m pytest -q -W ignore::DeprecationWarning tests/interop
