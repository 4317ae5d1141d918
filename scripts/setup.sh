#!/usr/bin/env bash
# Installs the system packages MetroTrace builds and runs with, when they are missing:
# Graphviz (libgvc, for in-process diagram rendering, and the `dot` binary as a test
# oracle), a CJK font for Chinese labels in diagrams, and libxml2 (digital calibration
# certificates), SQLite (the store's embedded backend, and the `sqlite3` shell the tamper
# test edits a store with). Swift 6.1 or later must already be on PATH.
set -euo pipefail

packages=(libgraphviz-dev graphviz fonts-wqy-microhei libxml2-dev pkg-config libsqlite3-dev sqlite3)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.1 or later is needed)" >&2; exit 1; }

# PTB's DCC schemas, where MetroTrace looks for them (docs/dcc-import.md): copied into the
# user's data folder from ../shared/dcc/xsd when that folder is beside the project.
shared_schemas="$(dirname "$0")/../../shared/dcc/xsd"
if [ -d "$shared_schemas" ] && [ -n "${XDG_DATA_HOME:-${HOME:-}}" ]; then
  schemas="${XDG_DATA_HOME:-$HOME/.local/share}/metrotrace/dcc-schemas"
  mkdir -p "$schemas"
  cp -u "$shared_schemas"/*.xsd "$schemas"/
fi
