#!/usr/bin/env bash
# Does a second node pay? One node on one core against two nodes on one core each (taskset; one LibTorch thread
# per process), the same training options (cpu-gaze, batch 32, K_g = 1, --r-slices 2 --d-slices 2), run alternately
# ROUNDS times in one session. Reports images per second between the end of the first step and the end of the last
# (start-up not counted), the ratio, bytes the driver serialized per step, and whether every run ended with the same
# checkpoint (it must: the arithmetic does not depend on the number of nodes).
# Usage: bench/scale_two_nodes.sh [ROUNDS] [STEPS]     (defaults 2 and 300; needs 2 cores and nothing else running)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"; steps="${2:-300}"
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
dotnet build "$here/src/SimGan.Cli" -c Release -v q -nologo -clp:NoSummary >/dev/null
simgan="$here/src/SimGan.Cli/bin/Release/net10.0/simgan.dll"
source "$(dirname "${BASH_SOURCE[0]}")/throughput.sh"
config=(--synthetic eyes-synthetic --real eyes-real --preset cpu-gaze --steps "$steps" --pretrain-r-steps 50 --pretrain-d-steps 20
        --k-g 1 --batch-size 32 --r-slices 2 --d-slices 2 --checkpoint-every "$steps" --sample-every 100000 --quiet --admin-port 0)
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
bytes_per_step() { python3 -c "import json,sys; print(round(json.load(open('$1'))['bytes_serialized'] / $steps / 1e6, 2))"; }
checkpoint() { printf '%s/checkpoints/step-%09d.sgck' "$1" "$steps"; }

echo "setup      round  images/s  MB serialized by the driver per step"
for i in $(seq 1 "$rounds"); do
  taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/one-$i" >/dev/null 2>&1
  echo "one node   $i      $(images_per_second "$work/one-$i/metrics.jsonl")    $(bytes_per_step "$work/one-$i/cluster-timing.json")"

  port=$(free_port)
  taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/two-$i" --port "$port" --seeds "127.0.0.1:$port" --workers 2 \
    --roles coordinator,feeder,buffer,refiner,discriminator >/dev/null 2>&1 &
  driver=$!
  taskset -c 1 dotnet "$simgan" node --roles refiner,discriminator --port 0 --seeds "127.0.0.1:$port" >/dev/null 2>&1 &
  worker=$!
  wait "$driver"
  kill -TERM "$worker"; wait "$worker" || true
  echo "two nodes  $i      $(images_per_second "$work/two-$i/metrics.jsonl")    $(bytes_per_step "$work/two-$i/cluster-timing.json")"
  cmp -s "$(checkpoint "$work/one-1")" "$(checkpoint "$work/one-$i")" && cmp -s "$(checkpoint "$work/one-1")" "$(checkpoint "$work/two-$i")" \
    && echo "           checkpoints of round $i: identical to round 1's one-node run" \
    || echo "           checkpoints of round $i: DIFFER"
done
