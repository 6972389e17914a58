#!/usr/bin/env bash
# Installs what building and testing geokg needs on a Debian machine: libclang for RocksDB's
# bindings, the Python tools the interop tests drive (rdflib, pySHACL, SPARQLWrapper, pytest),
# Chromium with playwright-core (pinned in tests/browser/package-lock.json) for the page, and
# Virtuoso for the remote-store test.
set -euo pipefail

need_apt=()
dpkg -s libclang-dev >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need_apt+=(virtuoso-opensource)
command -v /usr/bin/time >/dev/null 2>&1 || need_apt+=(time)
if ((${#need_apt[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

python3 -c "import rdflib, pyshacl, pytest, SPARQLWrapper" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check rdflib pyshacl pytest SPARQLWrapper

browser_tests="$(dirname "$0")/../tests/browser"
[ -d "$browser_tests/node_modules/playwright-core" ] ||
  (cd "$browser_tests" && npm ci --no-audit --no-fund --loglevel=error)
