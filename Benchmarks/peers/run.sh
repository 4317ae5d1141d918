#!/usr/bin/env bash
# Peer comparison, one command: MetroTrace against the GUM Tree Calculator (uncertainty
# with correlation, including a 10,000-link chain) and a networkx implementation of chain
# validity, on the same networks. Results must agree before they are timed.
#
#   Benchmarks/peers/run.sh            (from anywhere; needs python3 with venv and pip)
#
# Data goes to $METROTRACE_PEERS_DATA (default: a folder under the temporary folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repository=$(cd "$here/../.." && pwd)
work=${METROTRACE_PEERS_DATA:-${TMPDIR:-/tmp}/metrotrace-peers}
mkdir -p "$work"

if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check "GTC==1.5.1" "networkx>=3,<4"
python="$here/.venv/bin/python"

swift build -c release --package-path "$repository/Benchmarks" --product PeerRunner >&2
runner="$(swift build -c release --package-path "$repository/Benchmarks" --show-bin-path)/PeerRunner"
swift build -c release --package-path "$repository" --product metrotrace >&2
metrotrace="$(swift build -c release --package-path "$repository" --show-bin-path)/metrotrace"

"$python" "$here/make_networks.py" "$work" --links 10000 --instruments 10000
generated=()
for instruments in 10000 100000; do
    file="$work/generated-$instruments.json"
    [ -f "$file" ] || "$metrotrace" generate --instruments "$instruments" --years 3 --seed 1 -o "$file"
    generated+=("$file")
done
"$python" "$here/compare.py" "$runner" "$work" 2026-12-31 "${generated[@]}"
