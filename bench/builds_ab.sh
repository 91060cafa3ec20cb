#!/usr/bin/env bash
# Training throughput of two simgan builds on one config, measured alternately in the same session, so that machine
# load hits both alike: e.g. the build before a change (a git worktree of the older commit, built with
# `dotnet build src/SimGan.Cli -c Release`) against the current one. Reports images per second between the end of the
# first step and the end of the last (metrics.jsonl "time"), so start-up is not counted.
# Usage: bench/builds_ab.sh OLD_SIMGAN_DLL NEW_SIMGAN_DLL [ROUNDS] [extra train options...]
set -euo pipefail
old="$1"; new="$2"; rounds="${3:-3}"; shift 3 || shift $#
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
for dll in "$old" "$new"; do [[ -f "$dll" ]] || { echo "builds_ab: no build at $dll" >&2; exit 2; }; done
config=(--synthetic eyes-synthetic --real eyes-real --preset cpu-gaze --steps 300 --pretrain-r-steps 50 --pretrain-d-steps 20
        --k-g 1 --batch-size 32 --checkpoint-every 1000 --sample-every 1000 --engine local --quiet "$@")
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
rate() {  # images/s from metrics.jsonl: R steps move b images, D steps 2b (as the trainer counts them)
  python3 - "$1" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
b = 32
images = sum(b if r["kind"] == "R" else 2 * b for r in rows[1:])
print(f"{images / (rows[-1]['time'] - rows[0]['time']):.1f}")
PY
}
echo "build  round  images/s"
for i in $(seq 1 "$rounds"); do
  for which in old new; do
    dll="$old"; [[ "$which" == new ]] && dll="$new"
    dotnet "$dll" train "${config[@]}" --out "$work/$which-$i" >/dev/null 2>&1
    echo "$which  $i  $(rate "$work/$which-$i/metrics.jsonl")"
  done
done
