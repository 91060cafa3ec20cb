#!/usr/bin/env bash
# Throughput of the single-node cluster against the local trainer on one config, measured in the same session.
# Runs the two engines alternately ROUNDS times (default 3) and reports, per run, images per second between the
# end of the first step and the end of the last (metrics.jsonl "time"), so start-up is not counted.
# Usage: bench/cluster_vs_local.sh [ROUNDS] [extra train options...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; shift || true
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
dotnet build "$here/src/SimGan.Cli" -c Release -v q -nologo -clp:NoSummary >/dev/null
simgan="$here/src/SimGan.Cli/bin/Release/net10.0/simgan.dll"
source "$(dirname "${BASH_SOURCE[0]}")/throughput.sh"
config=("${throughput_config[@]}" --checkpoint-every 100 "$@")
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "engine  round  images/s"
for i in $(seq 1 "$rounds"); do
  for engine in local cluster; do
    dotnet "$simgan" train "${config[@]}" --engine "$engine" --admin-port 0 --out "$work/$engine-$i" >/dev/null 2>&1
    echo "$engine  $i  $(images_per_second "$work/$engine-$i/metrics.jsonl")"
  done
done
