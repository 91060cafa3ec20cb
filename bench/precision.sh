#!/usr/bin/env bash
# fp32 against bf16 for the R+D training step, in simgan and in PyTorch's own autocast, back to back on one machine
# (docs/benchmarks.md#mixed-precision-bf16). PyTorch is only a cross-check: apt-get install -y python3-torch.
#   usage: bench/precision.sh [ITERATIONS] [BATCH...]      e.g. bench/precision.sh 10 32 128
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iterations="${1:-10}"; shift || true
batches=("${@:-32 128}"); read -r -a batches <<< "${batches[*]}"
threads="$(nproc)"
date -u +"started %Y-%m-%dT%H:%M:%SZ"
"$here/simgan" bench --precision both --iterations "$iterations" --batch-sizes "${batches[@]}" --threads "$threads" --quiet
date -u +"simgan done %H:%M:%S; PyTorch autocast next"
/usr/bin/python3 "$here/bench/pytorch_step.py" --precision both --iterations "$iterations" --batch-sizes "${batches[@]}" --threads "$threads"
date -u +"finished %H:%M:%S"
