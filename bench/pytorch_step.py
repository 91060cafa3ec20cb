#!/usr/bin/env python3
"""PyTorch cross-check of `simgan bench`: the same SimGAN gaze R step and D step at the same shapes and threads.

A bench tool only, never a dependency of the product. On Debian 12: apt-get install -y python3-torch (PyTorch 1.13),
then run with the system interpreter:  /usr/bin/python3 bench/pytorch_step.py --threads 2
It mirrors src/SimGan.Core (Networks/, Losses/, Training/RefinerStep.cs, DiscriminatorStep.cs and the local
trainer's D-step mix) and src/SimGan.Core/Benchmarks (the FLOP count and the round-robin timing), so the two
programs' numbers can be divided by each other. See docs/benchmarks.md.
"""
import argparse
import json
import platform
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ResnetBlock(nn.Module):
    def __init__(self, width, kernel):
        super().__init__()
        self.conv1 = nn.Conv2d(width, width, kernel, padding=kernel // 2, padding_mode="replicate")
        self.conv2 = nn.Conv2d(width, width, kernel, padding=kernel // 2, padding_mode="replicate")

    def forward(self, x):
        h = F.relu(self.conv1(x))
        return F.relu(self.conv2(h) + x)


class Refiner(nn.Module):
    """Gaze preset: 3x3 conv 64 maps, 4 ResNet blocks, 1x1 conv back to the image, tanh."""

    def __init__(self, channels=1, width=64, blocks=4, kernel=3):
        super().__init__()
        self.input = nn.Conv2d(channels, width, kernel, padding=kernel // 2, padding_mode="replicate")
        self.blocks = nn.ModuleList([ResnetBlock(width, kernel) for _ in range(blocks)])
        self.output = nn.Conv2d(width, channels, 1)

    def forward(self, x):
        h = F.relu(self.input(x))
        for block in self.blocks:
            h = block(h)
        return torch.tanh(self.output(h))


# (kernel, stride, out channels or 0 for max-pooling), as DiscriminatorSpec.Gaze; padding kernel // 2 everywhere.
GAZE_D = [(3, 2, 96), (3, 2, 64), (3, 1, 0), (3, 1, 32), (1, 1, 32), (1, 1, 2)]


class Discriminator(nn.Module):
    def __init__(self, channels=1, layers=GAZE_D):
        super().__init__()
        mods = []
        for i, (k, s, out) in enumerate(layers):
            if out == 0:
                mods.append(nn.MaxPool2d(k, s, padding=k // 2))
                continue
            mods.append(nn.Conv2d(channels, out, k, s, padding=k // 2))
            if i != len(layers) - 1:
                mods.append(nn.ReLU())
            channels = out
        self.layers = nn.Sequential(*mods)

    def forward(self, x):
        return self.layers(x)


REAL, REFINED = 0, 1


def local_ce(logits, label):
    target = torch.full((logits.shape[0], logits.shape[2], logits.shape[3]), label, dtype=torch.long)
    return F.cross_entropy(logits, target)


def refiner_step(r, d, opt_r, x, lam, bf16=False):
    opt_r.zero_grad()
    # bf16: PyTorch's own mixed precision (autocast runs convolutions in bf16, losses in fp32; fp32 weights).
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        refined = r(x)
        reg = F.l1_loss(refined.float(), x)
    for p in d.parameters():
        p.requires_grad_(False)
    try:
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            adv = local_ce(d(refined).float(), REAL)
        (adv + lam * reg).backward()
    finally:
        for p in d.parameters():
            p.requires_grad_(True)
    opt_r.step()
    return adv.item(), reg.item()


def discriminator_step(r, d, opt_d, synthetic_half, history, real, bf16=False):
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        current = r(synthetic_half).float()
    refined = torch.cat([current, history], 0)
    opt_d.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        logits = d(torch.cat([refined, real], 0)).float()
    n = refined.shape[0]
    loss = local_ce(logits[:n], REFINED) + local_ce(logits[n:], REAL)
    loss.backward()
    opt_d.step()
    return loss.item()


def conv_costs_refiner(c, width, blocks, kernel, h, w):
    convs = [(c, width, kernel, h, w)] + [(width, width, kernel, h, w)] * (2 * blocks) + [(width, c, 1, h, w)]
    return convs


def conv_costs_discriminator(c, layers, h, w):
    convs = []
    for k, s, out in layers:
        h = (h + 2 * (k // 2) - k) // s + 1
        w = (w + 2 * (k // 2) - k) // s + 1
        if out == 0:
            continue
        convs.append((c, out, k, h, w))
        c = out
    return convs


def fwd(convs):
    return sum(2.0 * ci * co * k * k * ho * wo for ci, co, k, ho, wo in convs)


def stat(values):
    s = sorted(values)
    return {"median": statistics.median(s), "min": s[0], "max": s[-1]}


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def run_batch(b, args, layouts, precisions):
    c, h, w = 1, 35, 55
    torch.manual_seed(args.seed)
    r, d = Refiner(c), Discriminator(c)
    rc, dc = conv_costs_refiner(c, 64, 4, 3, h, w), conv_costs_discriminator(c, GAZE_D, h, w)
    r_flops = b * (3 * fwd(rc) - fwd(rc[:1]) + 2 * fwd(dc))
    d_flops = b // 2 * fwd(rc) + 2 * b * (3 * fwd(dc) - fwd(dc[:1]))
    yard_flops = b * 2.0 * 64 * 64 * 9 * h * w
    opt_r = torch.optim.Adam(r.parameters(), lr=1e-3)
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-3)

    def images(n):
        return torch.rand(n, c, h, w) * 2 - 1

    synthetic, synthetic_half, history, real = images(b), images(b // 2), images(b // 2), images(b)
    act = torch.randn(b, 64, h, w)
    weight = torch.randn(64, 64, 3, 3)
    bias = torch.randn(64)
    yard_in = {"contiguous": (act, weight),
               "channels-last": (act.contiguous(memory_format=torch.channels_last),
                                 weight.contiguous(memory_format=torch.channels_last))}
    yard_ms = {k: [] for k in yard_in}
    variants = [(l, p) for l in layouts for p in precisions]
    ms = {(v, m): [] for v in variants for m in ("refine", "r_step", "d_step")}
    for rnd in range(args.warmup + args.iterations):
        timed_round = rnd >= args.warmup
        for k, (xin, win) in yard_in.items():
            with torch.no_grad():
                t = timed(lambda: F.conv2d(xin, win, bias, padding=1))
            if timed_round:
                yard_ms[k].append(t)
        for v in variants:
            l, bf16 = v[0], v[1] == "bf16"
            fmt = torch.channels_last if l == "channels-last" else torch.contiguous_format
            r.to(memory_format=fmt)
            d.to(memory_format=fmt)

            def refine():
                with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                    r(synthetic)

            t_refine = timed(refine)
            t_r = timed(lambda: refiner_step(r, d, opt_r, synthetic, args.lam, bf16))
            t_d = timed(lambda: discriminator_step(r, d, opt_d, synthetic_half, history, real, bf16))
            if timed_round:
                ms[(v, "refine")].append(t_refine)
                ms[(v, "r_step")].append(t_r)
                ms[(v, "d_step")].append(t_d)
    yard_gf = {k: [yard_flops / (t * 1e6) for t in v] for k, v in yard_ms.items()}
    best = [max(yard_gf[k][i] for k in yard_gf) for i in range(args.iterations)]
    out = {"batch_size": b, "refiner_step_gflop": r_flops / 1e9, "discriminator_step_gflop": d_flops / 1e9,
           "yardsticks": {k: {"ms": stat(yard_ms[k]), "gflop_per_second": stat(yard_gf[k])} for k in yard_ms},
           "layouts": {}}
    steps = {v: [a + bb for a, bb in zip(ms[(v, "r_step")], ms[(v, "d_step")])] for v in variants}
    for v in variants:
        l = v[0] if len(precisions) == 1 and precisions[0] == "fp32" else f"{v[0]} {v[1]}"
        step = steps[v]
        gf = [(r_flops + d_flops) / (t * 1e6) for t in step]
        out["layouts"][l] = {
            "refine_images_per_second": stat([b / (t / 1000) for t in ms[(v, "refine")]]),
            "refiner_step_images_per_second": stat([b / (t / 1000) for t in ms[(v, "r_step")]]),
            "discriminator_step_images_per_second": stat([2 * b / (t / 1000) for t in ms[(v, "d_step")]]),
            "training_step_ms": stat(step),
            "training_step_gflop_per_second": stat(gf),
            "training_step_fraction_of_yardstick": stat([g / y for g, y in zip(gf, best)]),
        }
        if v[1] == "bf16" and (v[0], "fp32") in steps:
            out["layouts"][l]["speedup_over_fp32"] = stat([a / bb for a, bb in zip(steps[(v[0], "fp32")], step)])
    return out


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batch-sizes", type=int, nargs="+", default=[32, 128])
    p.add_argument("--iterations", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2,
                   help="intra-op threads; Debian's build defaults to 1, so set it to match simgan bench")
    p.add_argument("--layout", choices=["both", "contiguous", "channels-last"], default="both")
    p.add_argument("--precision", choices=["fp32", "bf16", "both"], default="fp32",
                   help="bf16: torch.autocast on the CPU (PyTorch's mixed precision)")
    p.add_argument("--lam", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", help="also write the report as JSON to this file")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    layouts = ["contiguous", "channels-last"] if args.layout == "both" else [args.layout]
    report = {"machine": {"cpu": cpu_model(), "torch": torch.__version__, "threads": torch.get_num_threads(),
                          "mkldnn": torch.backends.mkldnn.is_available()},
              "iterations": args.iterations, "warmup": args.warmup, "batches": []}
    print(f"machine: {report['machine']['cpu']}; PyTorch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"oneDNN available: {torch.backends.mkldnn.is_available()}")
    print(f"{args.iterations} timed rounds after {args.warmup} warm-up; median [min-max]")
    for b in args.batch_sizes:
        res = run_batch(b, args, layouts, ["fp32", "bf16"] if args.precision == "both" else [args.precision])
        report["batches"].append(res)
        print(f"\nbatch {b}: R step {res['refiner_step_gflop']:.1f} GFLOP, D step {res['discriminator_step_gflop']:.1f} GFLOP")
        for k, y in res["yardsticks"].items():
            g = y["gflop_per_second"]
            print(f"  bare 64->64 3x3 conv, {k:<13}  {g['median']:.0f} [{g['min']:.0f}-{g['max']:.0f}] GFLOP/s")
        for l, v in res["layouts"].items():
            def f(s, fmt):
                return f"{s['median']:{fmt}} [{s['min']:{fmt}}-{s['max']:{fmt}}]"
            print(f"  {l:<13}  refine {f(v['refine_images_per_second'], '.0f')} img/s  "
                  f"R step {f(v['refiner_step_images_per_second'], '.1f')} img/s  "
                  f"D step {f(v['discriminator_step_images_per_second'], '.1f')} img/s  "
                  f"R+D {f(v['training_step_ms'], '.0f')} ms = {f(v['training_step_gflop_per_second'], '.1f')} GFLOP/s "
                  f"= {f(v['training_step_fraction_of_yardstick'], '.2f')} of yardstick"
                  + (f", {f(v['speedup_over_fp32'], '.2f')}x fp32" if "speedup_over_fp32" in v else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
        print(f"report written to {args.json}")


if __name__ == "__main__":
    main()
