#!/usr/bin/env bash
# Fuzzes SimGanCluster's parsers of outside input with AFL++ (Debian's afl++) through SharpFuzz, SECONDS per target.
# Builds fuzz/SimGan.Fuzz, copies it to .fuzz/build, instruments the project's assemblies and PureHDF there (the
# normal build is left alone), and starts afl-fuzz from the seeds and kept inputs in fuzz/corpus/TARGET. Prints one
# line per target: executions, executions per second, paths found, crashes and hangs; exits 1 if any target found a
# crash or a hang. Findings stay in .fuzz/findings/TARGET; replay one with the plain build (instrumented code only
# runs under afl-fuzz): `dotnet fuzz/SimGan.Fuzz/bin/Release/net10.0/SimGan.Fuzz.dll replay TARGET FILE`.
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]     (defaults 300 and every target; needs afl-fuzz: apt-get install afl++)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-300}"; shift || true
command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz not found; install Debian's afl++" >&2; exit 2; }
work="$here/.fuzz"; build="$work/build"; tools="$work/tools"
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE

dotnet build "$here/fuzz/SimGan.Fuzz" -c Release -v q -nologo -clp:NoSummary >/dev/null || { echo "fuzz: build failed" >&2; exit 2; }
if [[ ! -x "$tools/sharpfuzz" ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null \
    || { echo "fuzz: could not install the SharpFuzz.CommandLine tool" >&2; exit 2; }
fi
rm -rf "$build" && cp -r "$here/fuzz/SimGan.Fuzz/bin/Release/net10.0" "$build"
for dll in SimGan.Core SimGan.Data SimGan.Cluster SimGan.Admin PureHDF; do
  "$tools/sharpfuzz" "$build/$dll.dll" >/dev/null || { echo "fuzz: could not instrument $dll.dll" >&2; exit 2; }
done

targets=("$@")
# Listed by the plain build: instrumented code may only run under afl-fuzz.
[[ ${#targets[@]} -gt 0 ]] || mapfile -t targets < <(dotnet "$here/fuzz/SimGan.Fuzz/bin/Release/net10.0/SimGan.Fuzz.dll" list | awk '{print $1}')
[[ ${#targets[@]} -gt 0 ]] || { echo "fuzz: no targets listed" >&2; exit 2; }
# dotnet itself is not instrumented (SharpFuzz instruments the assemblies), and this is a shared machine.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
printf '%-12s %10s %8s %7s %8s %6s\n' target execs execs/s paths crashes hangs
status=0
for target in "${targets[@]}"; do
  out="$work/findings/$target"; rm -rf "$out"; mkdir -p "$out/in"
  # Kept inputs that make a parser loop for ever (crash-endless-*) are refused after a time limit, but their thread
  # keeps spinning in the one fuzzing process; the regression suite runs them instead.
  find "$here/fuzz/corpus/$target" -type f ! -name 'crash-endless-*' -exec cp {} "$out/in/" \;
  # -t: a .NET process needs seconds to start; an input that runs longer than 10 s counts as a hang.
  afl-fuzz -i "$out/in" -o "$out" -t 10000 -m none -V "$seconds" \
    -- dotnet "$build/SimGan.Fuzz.dll" afl "$target" >"$out/afl.log" 2>&1
  stats="$out/default/fuzzer_stats"
  if [[ ! -f "$stats" ]]; then echo "fuzz: afl-fuzz did not start for $target; see $out/afl.log" >&2; status=2; continue; fi
  get() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
  printf '%-12s %10s %8s %7s %8s %6s\n' "$target" "$(get execs_done)" "$(get execs_per_sec)" "$(get corpus_count)" \
    "$(get saved_crashes)" "$(get saved_hangs)"
  [[ "$(get saved_crashes)" == 0 && "$(get saved_hangs)" == 0 ]] || status=1
done
exit "$status"
