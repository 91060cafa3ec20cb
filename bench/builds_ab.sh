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
source "$(dirname "${BASH_SOURCE[0]}")/throughput.sh"
config=("${throughput_config[@]}" --checkpoint-every 1000 --engine local "$@")
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "build  round  images/s"
for i in $(seq 1 "$rounds"); do
  for which in old new; do
    dll="$old"; [[ "$which" == new ]] && dll="$new"
    dotnet "$dll" train "${config[@]}" --out "$work/$which-$i" >/dev/null 2>&1
    echo "$which  $i  $(images_per_second "$work/$which-$i/metrics.jsonl")"
  done
done
