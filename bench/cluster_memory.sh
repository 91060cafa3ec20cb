#!/usr/bin/env bash
# Resident memory of a long single-node cluster run, sampled every few seconds: flat means no tensor leaks
# (TorchSharp tensors live in native memory the GC does not see). Also samples a worker node (roles refiner and
# discriminator) in a 2-process run when MODE=workers, where the driver computes no slices itself; MODE=local runs the local trainer on the same config, the baseline to compare with.
# Usage: bench/cluster_memory.sh [STEPS] [MODE: single|workers|local]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-3000}"; mode="${2:-single}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
dotnet build "$here/src/SimGan.Cli" -c Release -v q -nologo -clp:NoSummary >/dev/null
simgan="$here/src/SimGan.Cli/bin/Release/net10.0/simgan.dll"
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
config=(--synthetic eyes-synthetic --real eyes-real --preset cpu-gaze --steps "$steps" --pretrain-r-steps 100 --pretrain-d-steps 50
        --k-g 1 --batch-size 32 --buffer-size 512 --checkpoint-every 500 --sample-every 500 --quiet --admin-port 0)
if [ "$mode" = workers ]; then
  port=$((20000 + RANDOM % 20000))
  dotnet "$simgan" train "${config[@]}" --out "$work/run" --port "$port" --seeds "127.0.0.1:$port" --workers 1 >/dev/null 2>&1 &
  driver=$!
  sleep 3
  dotnet "$simgan" node --roles refiner,discriminator --port 0 --seeds "127.0.0.1:$port" >/dev/null 2>&1 &
  watched=$!
elif [ "$mode" = local ]; then
  dotnet "$simgan" train "${config[@]}" --engine local --out "$work/run" >/dev/null 2>&1 &
  driver=$!; watched=$driver
else
  dotnet "$simgan" train "${config[@]}" --out "$work/run" >/dev/null 2>&1 &
  driver=$!; watched=$driver
fi
echo "seconds  step  driver_rss_mb  watched_rss_mb"
start=$(date +%s)
while kill -0 "$driver" 2>/dev/null; do
  step=$(grep -vc "\"event\"" "$work/run/metrics.jsonl" 2>/dev/null || true)  # step lines, not health/selection events
  d=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$driver/status 2>/dev/null || echo -)
  w=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$watched/status 2>/dev/null || echo -)
  echo "$(( $(date +%s) - start ))  $step  $d  $w"
  sleep 5
done
