#!/usr/bin/env bash
# Builds `metrotrace` with the Swift standard library and Foundation linked in
# (`swift build -c release --static-swift-stdlib`) and checks that the result runs on a
# machine without the Swift toolchain: it links none of the toolchain's libraries, and it
# runs, with the toolchain's folder hidden, everything that reaches a C library (a check,
# a diagram rendered by libgvc, a certificate validated by libxml2) with the same results
# as the release build.
#
#   scripts/static-binary.sh        builds .build-static/release/metrotrace and checks it
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib --product metrotrace --scratch-path .build-static
binary="$PWD/.build-static/release/metrotrace"
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")   # /opt/swift/usr
toolchain=$(dirname "$toolchain")                                          # /opt/swift

echo "static-binary: $(du -h "$binary" | cut -f1) at $binary"
libraries=$(ldd "$binary" | awk '{print $1, $3}')
if grep -Eq "libswift|libFoundation|libdispatch|libBlocksRuntime|libicu.*swift|$toolchain" <<<"$libraries"; then
  echo "static-binary: FAILED: the binary still links the toolchain's libraries:" >&2
  grep -E "libswift|libFoundation|libdispatch|libBlocksRuntime|$toolchain" <<<"$libraries" >&2
  exit 1
fi
echo "static-binary: links only system libraries: $(awk '{print $1}' <<<"$libraries" | tr '\n' ' ')"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r data/sample "$work/sample"
cat > "$work/run.sh" <<SCRIPT
set -eu
cd "$work"
status=0
"$binary" check sample --at 2026-11-26 > check.txt 2> check.err || status=\$?
[ "\$status" -eq 1 ] || { echo "check exited \$status"; cat check.err; exit 1; }
"$binary" diagram sample KD-TH-02 --at 2026-11-26 -o chain.svg 2> diagram.err || [ \$? -eq 1 ]
head -c 5 chain.svg | grep -q '<?xml'
"$binary" import dcc "$PWD/Fuzz/Corpus/FuzzDCC/command-fixture.xml" --into imported --allow-unvalidated 2> import.err
grep -q "record(s) added" import.err
SCRIPT

# Hide the toolchain behind an empty folder in a mount namespace of its own (root and
# unshare(1) needed); elsewhere, at least run without the toolchain on any search path.
if [ "$(id -u)" -eq 0 ] && unshare --mount --fork true 2>/dev/null; then
  unshare --mount --fork sh -c "mount -t tmpfs none '$toolchain' && [ -z \"\$(ls -A '$toolchain')\" ] && env -i PATH=/usr/bin:/bin sh '$work/run.sh'"
  echo "static-binary: ran with $toolchain hidden (an empty tmpfs over it)"
else
  env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= sh "$work/run.sh"
  echo "static-binary: ran without the toolchain on PATH or LD_LIBRARY_PATH (no mount namespace here to hide $toolchain)"
fi

# The same results as the release build users get from `swift build -c release`.
if [ -x .build/release/metrotrace ]; then
  .build/release/metrotrace check "$work/sample" --at 2026-11-26 > "$work/dynamic.txt" 2>/dev/null || true
  diff -q "$work/dynamic.txt" "$work/check.txt" >/dev/null || { echo "static-binary: FAILED: check differs from the release build" >&2; exit 1; }
  echo "static-binary: check output identical to the release build's"
fi
echo "static-binary: passed"
