#!/usr/bin/env bash
# Sets up the machine and runs every test CI runs, failing when a stage fails or when a
# test run reports no passing tests:
#   0. the code's form: `swift format lint --strict` with the checked-in .swift-format;
#      and the dataset documents of data/ against the dataset JSON Schema, the
#      every-field dataset using every field it defines (scripts/check-schema.py); the
#      DocC documentation of MetroTrace and MetroTraceIO, built without a warning;
#   1. the whole suite (debug build), the store's tests on SQLite and on a PostgreSQL
#      server this script starts on loopback (scripts/postgres-server.sh) and stops;
#   2. the command-line tests again, against the release build users run, and its SVG
#      diagrams in headless Chromium: no two texts of a label overlap, none leaves its box
#      (scripts/check-svg-in-browser.py);
#   3. the robustness scripts against the release build: imports killed at random
#      moments, concurrent imports into one folder (scripts/robustness.sh); store imports
#      killed at random moments and two processes writing 500 revisions each into one
#      store, on SQLite and PostgreSQL; an import into a SQLite store on a full disk
#      (scripts/store-robustness.sh);
#   4. the tests of the loaders, the C boundaries (libxml2, libgvc), the diagrams and the
#      commands under AddressSanitizer, in an optimised build (release lifetimes are
#      where a buffer handed to C is freed too early), without the PostgreSQL trait;
#   5. each fuzz target for a short smoke run (scripts/fuzz.sh --smoke);
#   6. the statically linked binary, run where the Swift toolchain cannot be seen
#      (scripts/static-binary.sh).
# `scripts/test.sh --quick` runs stages 0 and 1 only. Timings of each stage are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

quick=false
[ "${1:-}" = "--quick" ] && quick=true

timings=()
stage_started=0
stage() {
  finish_stage
  stage_name="$*"
  stage_started=$(date +%s)
  printf '\n==== %s\n' "$stage_name"
}
finish_stage() {
  if [ "$stage_started" -gt 0 ]; then
    timings+=("$(( $(date +%s) - stage_started )) s  $stage_name")
  fi
  stage_started=0
}

# Runs a `swift test` command, showing its output; fails unless it passed with tests.
run_tests() {
  local log
  log=$(mktemp)
  set +e
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then rm -f "$log"; exit "$status"; fi
  if ! grep -Eq "Test run with [1-9][0-9]* tests? .*passed" "$log"; then
    echo "test.sh: the test runner reported no passing tests for: $*" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

started=$(date +%s)

# A PostgreSQL server of this run's own, on loopback, for the store's tests on that
# backend (METROTRACE_TEST_POSTGRES); stopped however the run ends.
postgres_folder=$(mktemp -d /tmp/metrotrace-postgres.XXXXXX)
stop_postgres() { scripts/postgres-server.sh stop "$postgres_folder" || true; rm -rf "$postgres_folder"; }
trap stop_postgres EXIT
METROTRACE_TEST_POSTGRES=$(scripts/postgres-server.sh start "$postgres_folder" "${METROTRACE_POSTGRES_PORT:-54329}")
export METROTRACE_TEST_POSTGRES
export METROTRACE_REQUIRE_POSTGRES=1

stage "0. lint, documents against the JSON Schema, DocC without warnings"
swift format lint --strict --recursive Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift
python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema
python3 scripts/check-schema.py
swift package generate-documentation --target MetroTrace --target MetroTraceIO --warnings-as-errors

stage "1. the test suite (debug build)"
run_tests swift test

if [ "$quick" = false ]; then
  stage "2. command-line tests against the release build; its SVG in headless Chromium"
  swift build -c release --product metrotrace
  METROTRACE_BINARY="$PWD/.build/release/metrotrace" run_tests swift test --skip-build --filter 'metrotraceTests\.'
  # The diagrams as a browser shows them: Debian's chromium, headless, measures every
  # label (a test-only package, installed here rather than by setup.sh).
  if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then
    echo "test.sh: installing chromium and poppler-utils for the SVG and print checks" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    browser_packages=(chromium poppler-utils)
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${browser_packages[@]}" >/dev/null \
      || { $sudo apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${browser_packages[@]}" >/dev/null; }
  fi
  python3 scripts/check-svg-in-browser.py "$PWD/.build/release/metrotrace"

  stage "3. robustness: killed and concurrent imports, into folders and stores (release build)"
  scripts/robustness.sh "$PWD/.build/release/metrotrace"
  scripts/store-robustness.sh "$PWD/.build/release/metrotrace"

  stage "4. AddressSanitizer: loaders, C boundaries, diagrams and commands (optimised build)"
  # Leak detection is off: Graphviz, fontconfig and glib keep process-wide caches that
  # are never freed; a leak of MetroTrace's own is caught by a unit test.
  # Without the PostgreSQL trait: the tests run here do not use it, and its packages
  # (SwiftNIO, BoringSSL) would double this stage's build.
  asan=(-c release --sanitize=address --scratch-path .build-asan -Xswiftc -enable-testing --disable-default-traits)
  swift build "${asan[@]}" --build-tests
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 run_tests swift test "${asan[@]}" --skip-build \
    --filter 'MetroTraceIOTests\.|MetroTraceGraphvizTests\.|metrotraceTests\.'

  stage "5. fuzz smoke runs"
  scripts/fuzz.sh --smoke

  stage "6. a statically linked binary, without the toolchain"
  scripts/static-binary.sh
fi
finish_stage

echo
echo "test.sh: every stage passed in $(( $(date +%s) - started )) s"
for timing in "${timings[@]}"; do echo "  $timing"; done
