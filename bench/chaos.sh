#!/usr/bin/env bash
# A chaos run: a PostgreSQL-backed cluster of a driver and two workers trains STEPS steps while a seeded random
# schedule sends SIGKILL to one process at a time (the driver, a worker, or PostgreSQL) KILLS times, restarting
# whatever died. The run must finish, and its final checkpoint must equal, byte for byte, that of an uninterrupted
# run of the same options on the local engine. Prints the kills per kind, the resumes, the wall-clock time against
# the uninterrupted run's, and the verdict; exits 1 if the checkpoints differ or the run did not finish.
# Usage: bench/chaos.sh [KILLS] [STEPS] [SEED]     (defaults 20, 1500, 1; needs PostgreSQL's server binaries,
#        /usr/lib/postgresql/*/bin, as .ci/run installs them, and root or the postgres user for its data folder)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-20}"; steps="${2:-1500}"; seed="${3:-1}"
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
dotnet build "$here/src/SimGan.Cli" -c Release -v q -nologo -clp:NoSummary >/dev/null || { echo "chaos: build failed" >&2; exit 2; }
simgan=(dotnet "$here/src/SimGan.Cli/bin/Release/net10.0/simgan.dll")
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pgbin/pg_ctl" ]] || { echo "chaos: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 2; }
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work="$(mktemp -d)"; chmod 755 "$work"
driver=""; workers=("" "")
cleanup() {
  kill -9 $driver "${workers[@]}" 2>/dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# The same small configuration as the fault tests, longer, with a checkpoint (and a cluster snapshot) every 25 steps.
options=(--synthetic eyes-synthetic --real eyes-real --preset cpu-gaze --steps "$steps" --pretrain-r-steps 10 --pretrain-d-steps 5
         --k-g 1 --batch-size 8 --buffer-size 16 --checkpoint-every 25 --augment all --r-slices 2 --d-slices 2 --quiet)
final() { printf '%s/checkpoints/step-%09d.sgck' "$1" "$steps"; }

echo "uninterrupted reference (local engine)..."
start=$(date +%s.%N)
"${simgan[@]}" train "${options[@]}" --engine local --out "$work/reference" >"$work/reference.log" 2>&1 || { echo "chaos: the reference run failed" >&2; cat "$work/reference.log" >&2; exit 2; }
reference_seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")

mkdir "$work/pg" "$work/pgrun" && { [[ $EUID -ne 0 ]] || chown postgres:postgres "$work/pg" "$work/pgrun"; }
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null || exit 2
pgport=$(free_port)
start_pg() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pgrun/server.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $pgport -k $work/pgrun -c max_connections=300" start >/dev/null 2>&1; }
start_pg || { echo "chaos: PostgreSQL did not start" >&2; exit 2; }
as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres chaos
store="postgres:Host=127.0.0.1;Port=$pgport;Database=chaos;Username=postgres"

# Every process lists all three as seeds: a driver restarted after a kill then joins the cluster its surviving
# workers still form, instead of founding a second one beside it (what a lone seed would do).
seedport=$(free_port); workerports=($(free_port) $(free_port))
seeds="127.0.0.1:$seedport,127.0.0.1:${workerports[0]},127.0.0.1:${workerports[1]}"
incarnation=0
start_driver() {
  incarnation=$((incarnation + 1))
  "${simgan[@]}" train "${options[@]}" --out "$work/run" --resume-if-present --persistence "$store" --port "$seedport" \
    --seeds "$seeds" --workers 2 --roles coordinator,feeder,buffer --admin-port 0 \
    --set simgan.join-timeout=30s --set akka.cluster.split-brain-resolver.stable-after=3s \
    --set akka.cluster.failure-detector.acceptable-heartbeat-pause=2s --set simgan.training.slice-timeout=5s \
    >"$work/driver-$incarnation.log" 2>&1 &
  driver=$!
}
start_worker() {
  "${simgan[@]}" node --roles refiner,discriminator --port "${workerports[$1]}" --seeds "$seeds" \
    --set simgan.join-timeout=60s --set akka.cluster.failure-detector.acceptable-heartbeat-pause=2s \
    >>"$work/worker-$1.log" 2>&1 &
  workers[$1]=$!
}
alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

echo "chaos run: $kills kills, seed $seed..."
start=$(date +%s.%N)
start_driver; start_worker 0; start_worker 1
declare -A killed=([driver]=0 [worker]=0 [postgres]=0)
resumes=0; done=0; deadline=$(( $(date +%s) + 1800 ))
RANDOM=$seed
for ((k = 1; k <= kills; k++)); do
  # 2 to 8 s between kills. RANDOM is read here, not inside $(...): a subshell would draw from a fresh seed.
  pause=$RANDOM; sleep "$(python3 -c "print(2 + $pause / 32767 * 6)")"
  [[ -f "$(final "$work/run")" ]] && ! alive "$driver" && { done=1; break; }
  case $((RANDOM % 5)) in
    0|1) victim=driver ;;
    2|3) victim=worker ;;
    *)   victim=postgres ;;
  esac
  case $victim in
    driver)   kill -9 "$driver" 2>/dev/null; wait "$driver" 2>/dev/null; start_driver; resumes=$((resumes + 1)) ;;
    worker)   w=$((RANDOM % 2)); kill -9 "${workers[$w]}" 2>/dev/null; wait "${workers[$w]}" 2>/dev/null; sleep 1; start_worker "$w" ;;
    # The postmaster dies; its backends notice and exit, then the server is started again (crash recovery).
    postgres) kill -9 "$(head -1 "$work/pg/postmaster.pid")" 2>/dev/null; sleep 1
              for try in 1 2 3 4 5; do start_pg && break; sleep 2; done ;;
  esac
  killed[$victim]=$((killed[$victim] + 1))
  echo "  kill $k at $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s: $victim"
done

# Whatever state the last kill left, keep everything running until the run ends: a driver that exited with an error
# (its store went away under it, say) is started again, as an operator or Kubernetes would.
while (( $(date +%s) < deadline )); do
  if ! alive "$driver"; then
    wait "$driver"; code=$?
    [[ $code -eq 0 && -f "$(final "$work/run")" ]] && { done=1; break; }
    start_driver; resumes=$((resumes + 1))
  fi
  for w in 0 1; do alive "${workers[$w]}" || start_worker "$w"; done
  sleep 1
done
chaos_seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")

damaged=$(cat "$work"/driver-*.log | grep -ci "damaged\|corrupt\|checksum")
echo
echo "kills: driver ${killed[driver]}, worker ${killed[worker]}, postgres ${killed[postgres]}; driver started $incarnation times ($resumes resumes)"
echo "wall clock: chaos run ${chaos_seconds} s (3 processes on 2 cores), uninterrupted local run ${reference_seconds} s"
echo "lines about damaged or corrupt checkpoints in the driver logs: $damaged"
if [[ $done -ne 1 ]]; then
  echo "RESULT: the run did not finish within 30 minutes"; tail -20 "$work/driver-$incarnation.log"; exit 1
fi
if cmp -s "$(final "$work/reference")" "$(final "$work/run")"; then
  echo "RESULT: final checkpoint equal to the uninterrupted run's: yes"
else
  echo "RESULT: final checkpoint equal to the uninterrupted run's: NO"; exit 1
fi
