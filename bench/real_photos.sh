#!/usr/bin/env bash
# Real photographs: `simgan demo --real` toward the MPIIGaze eye patches in ../shared/data/mpiigaze-144 (96 to train
# on, 48 held out), one run per seed, and a table of what each measured (docs/real-data.md).
#   usage: bench/real_photos.sh OUT "1 2 3 4 5" [demo options...]
#   e.g.   bench/real_photos.sh runs/photos "1 2 3 4 5" --simulator eyes-synthetic
# Runs one seed at a time with one thread each (OMP_NUM_THREADS=1); set THREADS to change that and PARALLEL=2 to run
# two seeds at once on a 2-core machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; seeds="$2"; shift 2
data="${MPIIGAZE_144:-$here/../shared/data/mpiigaze-144}"
[[ -d "$data/train" && -d "$data/heldout" ]] || { echo "real_photos.sh: $data/train and $data/heldout are needed" >&2; exit 2; }
mkdir -p "$out"
"$here/simgan" --help > /dev/null # build once, before runs start side by side

one() {
  local seed=$1; shift
  local dir="$out/seed-$seed"
  [[ -f "$dir/report.json" ]] && return 0
  rm -rf "$dir"
  local start=$SECONDS
  local code=0
  OMP_NUM_THREADS="${THREADS:-1}" "$here/simgan" demo --engine local --seed "$seed" --out "$dir" --quiet \
    --real "folder:$data/train" --real-test "folder:$data/heldout" "$@" > "$out/seed-$seed.log" 2>&1 || code=$?
  echo "exit $code after $((SECONDS - start)) s" >> "$out/seed-$seed.log"
}

running=0
for seed in $seeds; do
  one "$seed" "$@" &
  running=$((running + 1))
  if ((running >= ${PARALLEL:-1})); then wait -n; running=$((running - 1)); fi
done
wait

python3 - "$out" $seeds <<'PY'
import json, os, sys
out, seeds = sys.argv[1], sys.argv[2:]
def pct(r): return f"{100 * r['accuracy']:.1f} % [{100 * r['ci95'][0]:.0f}, {100 * r['ci95'][1]:.0f}] ({r['tested']}, {r.get('folds', 1)} folds)"
print("| seed | synthetic vs real | refined vs real | pupil shift px (failures/pairs) | collapsed | best step |")
print("| --- | --- | --- | --- | --- | --- |")
for s in seeds:
    d = os.path.join(out, f"seed-{s}")
    report, run = os.path.join(d, "report.json"), os.path.join(d, "run")
    health = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"health"' in l] if os.path.exists(run) else []
    collapsed = "yes" if any(h["status"] == "collapsed" for h in health) else "no"
    best = json.load(open(os.path.join(run, "selection.json")))["best"]["step"] if os.path.exists(os.path.join(run, "selection.json")) else "-"
    if not os.path.exists(report):
        print(f"| {s} | - | - | - | {collapsed} | {best} |  (no report: see {d}.log)")
        continue
    r = json.load(open(report))
    l = r["labels"]
    print(f"| {s} | {pct(r['realism']['synthetic_vs_real'])} | {pct(r['realism']['refined_vs_real'])} | "
          f"{l['pupil_shift_px_mean']:.2f} ({l['detection_failures']}/{l['pairs']}) | {collapsed} | {best} |")
PY
