#!/usr/bin/env bash
# Does a second node pay? One node on one core against two nodes on one core each (taskset; one LibTorch thread
# per process), the same training options (cpu-gaze, batch 32, K_g = 1, --r-slices 2 --d-slices 2), run alternately
# ROUNDS times in one session. Reports images per second between the end of the first step and the end of the last
# (start-up not counted), the ratio, bytes the driver serialized per step, and whether every run ended with the same
# checkpoint (it must: the arithmetic does not depend on the number of nodes). Each round also runs two independent
# one-node trainings at once, one per core, and adds their images/s: what two cores give with no coordination at all,
# the ceiling for the two-node cluster on this machine (the cores share caches and memory).
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
# Mean milliseconds per R step and per D step after the first 80 steps (pretraining and warm-up excluded).
step_ms() {
  python3 - "$1" <<'PY'
import json, sys
rows = [r for r in map(json.loads, open(sys.argv[1])) if "event" not in r]
spans = {}
for a, b in zip(rows, rows[1:]):
    if b["step"] >= 80: spans.setdefault(b["kind"], []).append(b["time"] - a["time"])
print(" ".join(f"{k} {1000 * sum(v) / len(v):.0f} ms" for k, v in sorted(spans.items(), reverse=True)))
PY
}
bytes_per_step() { python3 -c "import json,sys; print(round(json.load(open('$1'))['bytes_serialized'] / $steps / 1e6, 2))"; }
checkpoint() { printf '%s/checkpoints/step-%09d.sgck' "$1" "$steps"; }

echo "setup                        round  images/s  MB serialized by the driver per step  mean step"
for i in $(seq 1 "$rounds"); do
  taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/one-$i" >/dev/null 2>&1
  one=$(images_per_second "$work/one-$i/metrics.jsonl")
  echo "one node                     $i      $one    $(bytes_per_step "$work/one-$i/cluster-timing.json")     $(step_ms "$work/one-$i/metrics.jsonl")"

  port=$(free_port)
  taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/two-$i" --port "$port" --seeds "127.0.0.1:$port" --workers 2 \
    --roles coordinator,feeder,buffer,refiner,discriminator >/dev/null 2>&1 &
  driver=$!
  taskset -c 1 dotnet "$simgan" node --roles refiner,discriminator --port 0 --seeds "127.0.0.1:$port" >/dev/null 2>&1 &
  worker=$!
  wait "$driver"
  kill -TERM "$worker"; wait "$worker" || true
  two=$(images_per_second "$work/two-$i/metrics.jsonl")
  echo "two nodes                    $i      $two    $(bytes_per_step "$work/two-$i/cluster-timing.json")     $(step_ms "$work/two-$i/metrics.jsonl")"

  taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/free0-$i" >/dev/null 2>&1 &
  taskset -c 1 dotnet "$simgan" train "${config[@]}" --out "$work/free1-$i" >/dev/null 2>&1 &
  wait
  free=$(python3 -c "print(round($(images_per_second "$work/free0-$i/metrics.jsonl") + $(images_per_second "$work/free1-$i/metrics.jsonl"), 1))")
  echo "two independent runs, summed $i      $free            each: $(step_ms "$work/free0-$i/metrics.jsonl"); $(step_ms "$work/free1-$i/metrics.jsonl")"
  python3 -c "print(f'           round $i: two nodes / one node = {$two / $one:.2f}x; ceiling (independent runs / one node) = {$free / $one:.2f}x')"
  cmp -s "$(checkpoint "$work/one-1")" "$(checkpoint "$work/one-$i")" && cmp -s "$(checkpoint "$work/one-1")" "$(checkpoint "$work/two-$i")" \
    && echo "           checkpoints of round $i: identical to round 1's one-node run" \
    || echo "           checkpoints of round $i: DIFFER"
done
