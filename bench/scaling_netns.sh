#!/usr/bin/env bash
# Two nodes over a rate-limited link: the driver (which also computes slices) in one network namespace pinned to core
# 0, a worker in another pinned to core 1, joined by a bridge; each veth limited to RATE by a token-bucket filter (tc
# tbf) in both directions. Same options as bench/scale_two_nodes.sh. Prints images/s per link rate, and the one-node
# run on one core for the ratio. Needs root, iproute2 and 2 idle cores; removes its namespaces when it ends.
# Usage: bench/scaling_netns.sh [STEPS] [RATES...]      (defaults: 300 steps; unlimited 10gbit 1gbit 100mbit 10mbit)
# This kernel has no netem, so no delay can be added: each round trip costs what the bridge costs (tens of µs), and
# docs/scaling.md adds latency in its model instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-300}"; shift || true
rates=("$@"); ((${#rates[@]})) || rates=(unlimited 10gbit 1gbit 100mbit 10mbit)
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
dotnet build "$here/src/SimGan.Cli" -c Release -v q -nologo -clp:NoSummary >/dev/null
simgan="$here/src/SimGan.Cli/bin/Release/net10.0/simgan.dll"
source "$(dirname "${BASH_SOURCE[0]}")/throughput.sh"
config=(--synthetic eyes-synthetic --real eyes-real --preset cpu-gaze --steps "$steps" --pretrain-r-steps 50 --pretrain-d-steps 20
        --k-g 1 --batch-size 32 --r-slices 2 --d-slices 2 --checkpoint-every "$steps" --sample-every 100000 --quiet --admin-port 0)

# A /24 in 10.231.0.0/16 that no route of this machine touches (the test hosts use the same range, one at a time).
subnet=""
for x in $(seq 200 250); do ip route | grep -q "10\.231\.$x\." || { subnet="10.231.$x"; break; }; done
[[ -n "$subnet" ]] || { echo "scaling_netns.sh: no free /24 in 10.231.200-250" >&2; exit 1; }
sw=sgbench-sw; hosts=(sgbench-h0 sgbench-h1)
work="$(mktemp -d)"
cleanup() { kill $(jobs -p) 2>/dev/null || true; for n in "${hosts[@]}" "$sw"; do ip netns del "$n" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$sw"; ip -n "$sw" link add br0 type bridge; ip -n "$sw" link set br0 up
for i in 0 1; do
  ip netns add "${hosts[$i]}"
  ip -n "$sw" link add "p$i" type veth peer name eth0 netns "${hosts[$i]}"
  ip -n "$sw" link set "p$i" master br0 up
  ip -n "${hosts[$i]}" addr add "$subnet.$((i + 1))/24" dev eth0
  ip -n "${hosts[$i]}" link set eth0 up; ip -n "${hosts[$i]}" link set lo up
done
limit() {
  for i in 0 1; do
    ip netns exec "${hosts[$i]}" tc qdisc del dev eth0 root 2>/dev/null || true
    ip netns exec "$sw" tc qdisc del dev "p$i" root 2>/dev/null || true
    [[ $1 == unlimited ]] && continue
    ip netns exec "${hosts[$i]}" tc qdisc add dev eth0 root tbf rate "$1" burst 1mb latency 100ms
    ip netns exec "$sw" tc qdisc add dev "p$i" root tbf rate "$1" burst 1mb latency 100ms
  done
}

echo "setup                        images/s"
ip netns exec "${hosts[0]}" taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/one" >/dev/null 2>&1
echo "one node, one core           $(images_per_second "$work/one/metrics.jsonl")"
for rate in "${rates[@]}"; do
  limit "$rate"
  ip netns exec "${hosts[0]}" taskset -c 0 dotnet "$simgan" train "${config[@]}" --out "$work/two-$rate" --hostname "$subnet.1" --port 4053 \
    --seeds "$subnet.1:4053" --workers 2 --roles coordinator,feeder,buffer,refiner,discriminator >/dev/null 2>&1 &
  driver=$!
  ip netns exec "${hosts[1]}" taskset -c 1 dotnet "$simgan" node --roles refiner,discriminator --hostname "$subnet.2" --port 4053 \
    --seeds "$subnet.1:4053" >/dev/null 2>&1 &
  worker=$!
  wait "$driver"
  kill -TERM "$worker"; wait "$worker" || true
  same=$(cmp -s "$work/one/checkpoints/step-$(printf %09d "$steps").sgck" "$work/two-$rate/checkpoints/step-$(printf %09d "$steps").sgck" && echo "same checkpoint" || echo "CHECKPOINT DIFFERS")
  printf 'two nodes, link %-10s  %s  (%s)\n' "$rate" "$(images_per_second "$work/two-$rate/metrics.jsonl")" "$same"
done
