#!/usr/bin/env bash
# Builds MetroTrace's libFuzzer targets (the Fuzz/ package, with --sanitize=fuzzer and
# --sanitize=address, optimised) and runs each on its seed corpus (Fuzz/Corpus/TARGET),
# after replaying the inputs of crashes found before (Fuzz/Regressions/TARGET).
#
#   scripts/fuzz.sh [--smoke | --seconds N] [TARGET ...]
#
#   --smoke      45 s per target (what CI runs)
#   --seconds N  N seconds per target (default 600, the recorded runs of docs/robustness.md)
#   TARGET       FuzzJSONDataset, FuzzCSVTables, FuzzDCC, FuzzSnapshot (default: all)
#
# New inputs the fuzzer finds are kept in Fuzz/work/TARGET (not committed); a crash
# leaves its input in Fuzz/artifacts/TARGET and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) seconds=45 ;;
    --seconds) seconds=$2; shift ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=(FuzzJSONDataset FuzzCSVTables FuzzDCC FuzzSnapshot)

swift build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c release --sanitize=fuzzer --sanitize=address
binaries=Fuzz/.build-fuzz/release

# The DCC target validates against PTB's schemas when they are beside the project.
if [ -d ../shared/dcc/xsd ]; then export METROTRACE_DCC_SCHEMAS="$PWD/../shared/dcc/xsd"; fi

status=0
for target in "${targets[@]}"; do
  mkdir -p "Fuzz/work/$target" "Fuzz/artifacts/$target"
  if [ -d "Fuzz/Regressions/$target" ] && ls "Fuzz/Regressions/$target"/* >/dev/null 2>&1; then
    echo "fuzz.sh: $target: replaying $(ls "Fuzz/Regressions/$target" | wc -l) earlier crash inputs"
    "$binaries/$target" -detect_leaks=0 -timeout=20 "Fuzz/Regressions/$target"/* 2>&1 | tail -n 2
  fi
  echo "fuzz.sh: $target: $seconds s"
  log=$(mktemp)
  set +e
  "$binaries/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=131072 \
    -detect_leaks=0 -print_final_stats=1 -artifact_prefix="Fuzz/artifacts/$target/" \
    "Fuzz/work/$target" "Fuzz/Corpus/$target" >"$log" 2>&1
  result=$?
  set -e
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)|^#[0-9]+.*DONE|cov:" "$log" | tail -n 6
  if [ "$result" -ne 0 ]; then
    echo "fuzz.sh: $target FAILED (exit $result); the input is in Fuzz/artifacts/$target:" >&2
    grep -E "ERROR|SUMMARY|Fatal error|deadly signal|Test unit written" "$log" | head -n 20 >&2
    status=1
  fi
  rm -f "$log"
done
exit "$status"
