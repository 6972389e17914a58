#!/usr/bin/env bash
# Installs what building and testing geokg needs on a Debian machine: libclang for RocksDB's
# bindings, and the Python tools the interop tests drive (rdflib, pySHACL, pytest).
set -euo pipefail

need_apt=()
dpkg -s libclang-dev >/dev/null 2>&1 || need_apt+=(libclang-dev)
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
if ((${#need_apt[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

python3 -c "import rdflib, pyshacl, pytest" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check rdflib pyshacl pytest
