#!/usr/bin/env bash
# The GPU checks of docs/gpu.md, for a machine with an NVIDIA GPU that has no .NET SDK and no internet: only a driver
# and a Python PyTorch built with CUDA.
#
#   here:            bench/gpu_check.sh pack BUNDLE.tar.xz
#                    a self-contained `dotnet publish` of simgan (the .NET runtime included) without LibTorch's own
#                    libraries, so the bundle stays small (about 47 MiB); carry it to the GPU machine.
#   on the GPU box:  tar -xJf BUNDLE.tar.xz && gpu-bundle/gpu_check.sh run gpu-bundle [OUT]
#                    takes LibTorch from the Python PyTorch there (torch/lib: libtorch, libtorch_cuda, libc10, ...),
#                    runs each check, and prints PASS/FAIL per check with the tail of its log; logs go to OUT.
#   dry run here:    GPU_CHECK_DEVICE=cpu GPU_CHECK_BATCH=8 \
#                    GPU_CHECK_TORCH_LIB=src/SimGan.Cli/bin/Release/net10.0/runtimes/linux-x64/native \
#                    bench/gpu_check.sh run gpu-bundle      (the same checks on this CPU, LibTorch from the build)
#
# TorchSharp's native bridge (libLibTorchSharp.so) is built against LibTorch 2.10.0: a Python PyTorch of another
# minor version may not load (missing or changed C++ symbols). The run says which version it found.
set -uo pipefail
mode="${1:-}"; shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

pack() {
  local out="$1" repo; repo="$(cd "$here/.." && pwd)"
  local stage; stage="$(mktemp -d)"
  dotnet publish "$repo/src/SimGan.Cli" -c Release -r linux-x64 --self-contained -o "$stage/gpu-bundle/app" -v q -nologo || exit 1
  # LibTorch comes from the GPU machine's PyTorch; the CPU build's copies would shadow its CUDA libraries.
  find "$stage/gpu-bundle/app" \( -name 'libtorch*.so*' -o -name 'libc10*.so*' -o -name 'libgomp*.so*' \
       -o -name 'libbackend_with_compiler.so' -o -name 'libjitbackend_test.so' -o -name 'libtorchbind_test.so' \
       -o -name 'libaoti_custom_ops.so' -o -name 'libnnapi_backend.so' -o -name 'libshm.so' \) -delete
  cp "$repo/bench/gpu_check.sh" "$stage/gpu-bundle/"
  tar -C "$stage" -cJf "$out" gpu-bundle && rm -rf "$stage"
  echo "wrote $out ($(du -h "$out" | cut -f1)); on the GPU machine: tar -xJf $(basename "$out") && gpu-bundle/gpu_check.sh run gpu-bundle"
}

run() {
  local bundle; bundle="$(cd "$1" && pwd)"; local out="${2:-$PWD/gpu-check-out}"
  local device="${GPU_CHECK_DEVICE:-cuda}"
  mkdir -p "$out"
  local simgan="$bundle/app/simgan"
  [[ -x "$simgan" ]] || { echo "gpu_check: $simgan is missing; unpack the bundle made by 'gpu_check.sh pack'"; exit 2; }
  local torchlib="${GPU_CHECK_TORCH_LIB:-}"
  if [[ -z "$torchlib" ]]; then
    torchlib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)" \
      || { echo "gpu_check: no Python PyTorch here (python3 -c 'import torch' failed); set GPU_CHECK_TORCH_LIB to a LibTorch lib folder"; exit 2; }
    python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "GPUs:", torch.cuda.device_count(), [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())])'
    python3 -c 'import torch, sys; sys.exit(0 if torch.__version__.startswith("2.10") else 1)' \
      || echo "warning: TorchSharp 0.107 is built against LibTorch 2.10.0; this PyTorch may not load"
  fi
  torchlib="$(cd "$torchlib" && pwd)"
  export LD_LIBRARY_PATH="$torchlib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  local batch="${GPU_CHECK_BATCH:-512}"
  command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader

  local passed=0 failed=0
  check() {
    local name="$1"; shift
    local log="$out/$name.log" start=$SECONDS
    if "$@" > "$log" 2>&1; then echo "PASS $name ($((SECONDS - start)) s)"; passed=$((passed + 1))
    else echo "FAIL $name (exit $?, $((SECONDS - start)) s):"; tail -n 5 "$log" | sed 's/^/    /'; failed=$((failed + 1)); fi
  }
  local tiny=(--synthetic eyes-synthetic --real eyes-real --preset gaze --pretrain-r-steps 20 --pretrain-d-steps 10 --k-g 1
              --batch-size 64 --buffer-size 256 --checkpoint-every 20 --quiet)
  rm -rf "$out/runs" && mkdir -p "$out/runs"
  check device-resolves "$simgan" bench --device "$device" --batch-sizes 2 --iterations 1 --warmup 0 --preset cpu-gaze --quiet
  check train-on-device "$simgan" train --engine local --device "$device" --out "$out/runs/a" --steps 60 "${tiny[@]}"
  check resume-on-cpu "$simgan" train --engine local --device cpu --out "$out/runs/a" --resume --steps 80 --quiet
  check bf16-train "$simgan" train --engine local --device "$device" --precision bf16 --out "$out/runs/b" --steps 40 "${tiny[@]}"
  check fp16-train "$simgan" train --engine local --device "$device" --precision fp16 --out "$out/runs/h" --steps 40 "${tiny[@]}"
  check refine-on-device "$simgan" refine --model "$out/runs/a" --input eyes-synthetic:512 --out "$out/runs/refined" --device "$device" --quiet --allow-degenerate
  local port=$((20000 + RANDOM % 20000))
  "$simgan" node --roles refiner,discriminator --port $((port + 1)) --seeds "127.0.0.1:$port" --device "$device" > "$out/cluster-worker.log" 2>&1 &
  local worker=$!
  check cluster-two-processes "$simgan" train --out "$out/runs/c" --steps 40 --port "$port" --seeds "127.0.0.1:$port" \
        --workers 1 --roles coordinator,feeder,buffer --admin-port 0 --device "$device" "${tiny[@]}"
  kill "$worker" 2> /dev/null; wait "$worker" 2> /dev/null
  check bench "$simgan" bench --device "$device" --batch-sizes "$batch" --precision both --iterations 5 --warmup 2 --json "$out/bench.json"
  grep -E "computing on|channels-last|contiguous|against fp32" "$out/bench.log" | sed 's/^/    /'
  echo "$passed passed, $failed failed; logs in $out"
  [[ $failed -eq 0 ]]
}

case "$mode" in
  pack) [[ $# -ge 1 ]] || { echo "usage: gpu_check.sh pack BUNDLE.tar.xz"; exit 2; }; pack "$1" ;;
  run) [[ $# -ge 1 ]] || { echo "usage: gpu_check.sh run BUNDLE_DIR [OUT]"; exit 2; }; run "$@" ;;
  *) echo "usage: gpu_check.sh pack BUNDLE.tar.xz | run BUNDLE_DIR [OUT]"; exit 2 ;;
esac
