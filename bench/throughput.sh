# Shared by the throughput benchmarks (source it): the training config they time and how they turn a run's
# metrics.jsonl into images per second.

# cpu-gaze, batch 32, 300 steps with short pretraining; callers add their own options (engine, checkpoints).
throughput_config=(--synthetic eyes-synthetic --real eyes-real --preset cpu-gaze --steps 300 --pretrain-r-steps 50
                   --pretrain-d-steps 20 --k-g 1 --batch-size 32 --sample-every 1000 --quiet)

# Images per second between the end of the first step and the end of the last ("time" in metrics.jsonl), so that
# start-up is not counted: R steps move b images, D steps 2b (as the trainer counts them).
images_per_second() {
  python3 - "$1" <<'PY'
import json, sys
rows = [r for r in map(json.loads, open(sys.argv[1])) if "event" not in r]  # health/selection lines are not steps
b = 32
images = sum(b if r["kind"] == "R" else 2 * b for r in rows[1:])
print(f"{images / (rows[-1]['time'] - rows[0]['time']):.1f}")
PY
}
