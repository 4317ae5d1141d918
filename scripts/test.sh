#!/usr/bin/env bash
# Sets up the machine and runs the test suite; fails when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then exit "$status"; fi
if ! grep -Eq "Test run with [1-9][0-9]* tests? .*passed" "$log"; then
  echo "test.sh: the test runner reported no passing tests" >&2
  exit 1
fi
