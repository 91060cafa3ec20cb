#!/usr/bin/env bash
# Where a bench round spends its oneDNN time: runs one round of `simgan bench` with oneDNN's verbose log on and
# sums the execution times by primitive kind, implementation and direction. Usage:
#   bench/onednn_breakdown.sh [channels-last|contiguous] [batch]      (defaults: channels-last 32)
# The round includes the two bare convolutions, refine, one R step and one D step; the table is their sum.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
layout="${1:-channels-last}"
batch="${2:-32}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# SIMGAN overrides the program, e.g. SIMGAN="dotnet path/to/simgan.dll".
ONEDNN_VERBOSE=1 ${SIMGAN:-"$here/simgan"} bench --layout "$layout" --batch-sizes "$batch" --iterations 1 --warmup 0 --quiet > "$log"
echo "oneDNN time by primitive, one round at batch $batch, layout $layout (ms, calls):"
grep '^onednn_verbose,.*,exec,' "$log" | awk -F, '
  { key = $6 " " $7 " " $8; t[key] += $NF; n[key]++; total += $NF }
  END { for (k in t) printf "%9.1f %4d  %s\n", t[k], n[k], k; printf "%9.1f       all oneDNN primitives\n", total }' | sort -rn
grep -A100 '^machine:' "$log" | grep -v '^onednn_verbose' || true
