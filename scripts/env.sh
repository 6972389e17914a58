# Sourced by the scripts: one target directory outside the clone when it exists, so that
# RocksDB (about 13 minutes to compile on two cores) is built once per machine.
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  shared_target="${GEOKG_TARGET_DIR:-$HOME/.cache/geokg-target}"
  if [ -d "$shared_target" ]; then
    export CARGO_TARGET_DIR="$shared_target"
  else
    export CARGO_TARGET_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target"
  fi
fi
export GEOKG_BIN="$CARGO_TARGET_DIR/release/geokg"
