#!/usr/bin/env bash
# A store survives killed writers and concurrent ones, on SQLite and (when
# METROTRACE_TEST_POSTGRES names a server) on PostgreSQL.
#
#   scripts/store-robustness.sh [METROTRACE] [KILLS] [WRITES]
#
# 1. KILLS times (default 8) per backend, `db import` of a generated network (10,000
#    instruments) into a new store is sent SIGKILL at a random moment of its run; after
#    each, `db verify` must pass and the store must hold no revision, or revision 1 whole
#    when the import finished first.
# 2. Two processes each commit WRITES (default 500) revisions (`db add` of one record)
#    to one store at once; afterwards every revision is there, numbered without gaps,
#    the hash chain verifies, and the dataset holds every record written.
# 3. A full disk (SQLite): `db import` of the large network with the files it may write
#    limited to a little more than the store holds (`ulimit -f`, SIGXFSZ ignored, so
#    that each write past the limit fails as on a full disk) is refused with the
#    reason, leaves the store at its previous revision with `db verify` clean, and the
#    next write, without the limit, succeeds. (A PostgreSQL server's full disk is the
#    server's to report: its transaction aborts the same way; docs/store.md.)
set -euo pipefail
cd "$(dirname "$0")/.."
metrotrace=$(readlink -f "${1:-$PWD/.build/release/metrotrace}")
kills=${2:-8}
writes=${3:-500}
[ -x "$metrotrace" ] || { echo "store-robustness: build $metrotrace first (swift build -c release)" >&2; exit 2; }
sample="$PWD/data/sample"

work=$(mktemp -d)
databases=()
cleanup() {
  for database in "${databases[@]}"; do
    psql -X -q "$METROTRACE_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export METROTRACE_CACHE_DIR="$work/cache"

failures=0
fail() { echo "store-robustness: FAILED: $*" >&2; failures=$((failures + 1)); }

# A new, empty store of a backend: a file, or a database of the test server.
new_store() { # backend name
  case "$1" in
    sqlite) echo "$work/$2.mtdb" ;;
    postgres)
      local database="metrotrace_robust_$2_$$"
      psql -X -q "$METROTRACE_TEST_POSTGRES" -c "CREATE DATABASE $database" >/dev/null
      databases+=("$database")
      python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
        "$METROTRACE_TEST_POSTGRES" "$database"
      ;;
  esac
}

head_number() { # store → the latest revision's number
  "$metrotrace" db log "$1" --format json 2>/dev/null \
    | python3 -c 'import json, sys; r = json.load(sys.stdin)["revisions"]; print(max([x["number"] for x in r], default=0))'
}

"$metrotrace" generate --instruments 10000 --years 3 --seed 21 -o large.json >/dev/null 2>&1
"$metrotrace" db init probe.mtdb >/dev/null 2>&1
started=$(date +%s%N)
"$metrotrace" db import probe.mtdb large.json >/dev/null 2>&1 || { echo "store-robustness: the large import fails" >&2; exit 1; }
duration_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "store-robustness: a db import of 10,000 instruments takes ${duration_ms} ms"

# One record, many times under new ids, as fragments for `db add`.
"$metrotrace" db init sample.mtdb >/dev/null 2>&1
"$metrotrace" db import sample.mtdb "$sample" >/dev/null 2>&1
"$metrotrace" db export sample.mtdb --out probe-export >/dev/null 2>&1
python3 - "$writes" <<'EOF'
import copy, json, os, sys
writes = int(sys.argv[1])
dataset = json.load(open("probe-export/dataset.json"))
record = next(r for r in dataset["calibrations"] if r["id"] == "NIM-M-2021-0087")
os.makedirs("fragments", exist_ok=True)
for writer in "AB":
    for n in range(1, writes + 1):
        copy_ = copy.deepcopy(record)
        copy_["id"] = f"CONC-{writer}-{n:04d}"
        json.dump({"metrotrace": 1, "calibrations": [copy_]}, open(f"fragments/{writer}-{n:04d}.json", "w"))
EOF

backends=(sqlite)
if [ -n "${METROTRACE_TEST_POSTGRES:-}" ]; then backends+=(postgres); fi

for backend in "${backends[@]}"; do
  # 1. Killed imports.
  completed=0
  for round in $(seq 1 "$kills"); do
    store=$(new_store "$backend" "kill$round")
    "$metrotrace" db init "$store" >/dev/null 2>&1
    "$metrotrace" db import "$store" large.json >/dev/null 2>&1 &
    writer=$!
    sleep "$(python3 -c "import random; print(random.uniform(0.05, max(0.1, $duration_ms / 1000 * 1.1)))")"
    kill -KILL "$writer" 2>/dev/null || true
    wait "$writer" 2>/dev/null || true
    if ! "$metrotrace" db verify "$store" >/dev/null 2>&1; then fail "$backend: db verify after kill $round"; fi
    number=$(head_number "$store")
    if [ "$number" != 0 ] && [ "$number" != 1 ]; then fail "$backend: after kill $round the store holds revision $number"; fi
    if [ "$number" = 1 ]; then
      completed=$((completed + 1))
      items=$("$metrotrace" check "$store" --summary --format json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["summary"]["items"])' || true)
      [ "${items:-0}" -ge 10000 ] || fail "$backend: revision 1 after kill $round is not whole ($items items)"
    fi
  done
  echo "store-robustness: $backend: $kills killed imports ($completed finished first), the store whole after each"

  # 2. Two concurrent writers.
  store=$(new_store "$backend" concurrent)
  "$metrotrace" db init "$store" >/dev/null 2>&1
  "$metrotrace" db import "$store" "$sample" >/dev/null 2>&1
  for writer in A B; do
    (
      for fragment in fragments/"$writer"-*.json; do
        "$metrotrace" db add "$store" "$fragment" --as "writer-$writer" --reason concurrency >/dev/null 2>"errors-$writer.txt" \
          || echo "$fragment" >>"refused-$writer.txt"
      done
    ) &
  done
  wait
  for writer in A B; do
    if [ -s "refused-$writer.txt" ]; then fail "$backend: writer $writer had $(wc -l <"refused-$writer.txt") writes refused"; fi
  done
  expected=$((1 + 2 * writes))
  number=$(head_number "$store")
  [ "$number" = "$expected" ] || fail "$backend: $number revisions after the concurrent writers, expected $expected"
  "$metrotrace" db verify "$store" >/dev/null 2>&1 || fail "$backend: db verify after the concurrent writers"
  "$metrotrace" db export "$store" --out "export-$backend" >/dev/null 2>&1
  present=$(python3 -c 'import json, sys; print(sum(r["id"].startswith("CONC-") for r in json.load(open(sys.argv[1]))["calibrations"]))' "export-$backend/dataset.json")
  [ "$present" = $((2 * writes)) ] || fail "$backend: $present of $((2 * writes)) concurrent records in the dataset"
  echo "store-robustness: $backend: two writers of $writes revisions each, $number revisions, gap-free, chain intact"
done

# 3. A full disk, simulated by a file size limit on the writing process: an import of
#    the large network into an empty store (about 10 MB to write) with room for 256 KB.
store="$work/full.mtdb"
"$metrotrace" db init "$store" >/dev/null 2>&1
limit_kb=$(( ($(stat -c %s "$store") + $(stat -c %s "$store-wal" 2>/dev/null || echo 0)) / 1024 + 256 ))
set +e
(trap '' XFSZ; ulimit -f "$limit_kb"; exec "$metrotrace" db import "$store" large.json) >/dev/null 2>full-errors.txt
status=$?
set -e
[ "$status" -eq 2 ] || fail "full disk: the import past the size limit exited $status, not 2"
grep -q "$store" full-errors.txt || fail "full disk: the refusal does not name the store: $(cat full-errors.txt)"
grep -Eqi "disk|full|too large|file size" full-errors.txt || fail "full disk: the refusal gives no reason: $(cat full-errors.txt)"
[ "$(head_number "$store")" = 0 ] || fail "full disk: the store moved from revision 0"
"$metrotrace" db verify "$store" >/dev/null 2>&1 || fail "full disk: db verify after the failed import"
"$metrotrace" db import "$store" "$sample" >/dev/null 2>&1 || fail "full disk: the next write fails"
[ "$(head_number "$store")" = 1 ] || fail "full disk: the next write is not revision 1"
"$metrotrace" db verify "$store" >/dev/null 2>&1 || fail "full disk: db verify after the next write"
echo "store-robustness: full disk: the import refused ($(tr '\n' ' ' <full-errors.txt | head -c 200)), the store empty and whole, the next write revision 1"

if [ "$failures" -gt 0 ]; then
  echo "store-robustness: $failures failure(s)" >&2
  exit 1
fi
echo "store-robustness: passed"
