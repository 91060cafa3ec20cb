#!/usr/bin/env python3
"""Draws bench/cluster_memory.sh output (lines "seconds step driver_rss_mb watched_rss_mb") as an SVG line chart of
resident memory against training step, one line per process. Plain SVG, no plotting library: this machine has none.
Usage: bench/memory_plot.py SAMPLES.txt OUT.svg [TITLE]"""
import sys

def read(path):
    rows = []
    for line in open(path):
        parts = line.split()
        if len(parts) < 4 or not parts[0].isdigit() or not parts[1].isdigit():
            continue
        step = int(parts[1])
        values = [int(v) if v.isdigit() else None for v in parts[2:4]]
        rows.append((step, values))
    return rows

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows = read(sys.argv[1])
    if not rows:
        sys.exit(f"memory_plot: no samples in {sys.argv[1]}")
    title = sys.argv[3] if len(sys.argv) > 3 else "Resident memory"
    width, height, left, right, top, bottom = 720, 360, 60, 150, 30, 40
    max_step = max(s for s, _ in rows) or 1
    max_mb = max(v for _, vs in rows for v in vs if v is not None)
    max_mb = (max_mb // 100 + 1) * 100

    def x(step): return left + (width - left - right) * step / max_step
    def y(mb): return top + (height - top - bottom) * (1 - mb / max_mb)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">{title}</text>']
    for mb in range(0, max_mb + 1, 100):
        out.append(f'<line x1="{left}" y1="{y(mb):.1f}" x2="{width - right}" y2="{y(mb):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(mb) + 4:.1f}" text-anchor="end">{mb}</text>')
    raw = max_step / 10
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    tick = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    for step in range(0, max_step + 1, tick):
        out.append(f'<text x="{x(step):.1f}" y="{height - bottom + 16}" text-anchor="middle">{step}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 6}" text-anchor="middle">training step</text>')
    out.append(f'<text x="14" y="{(top + height - bottom) / 2}" transform="rotate(-90 14 {(top + height - bottom) / 2})" text-anchor="middle">RSS (MB)</text>')
    for index, (name, colour) in enumerate([("driver", "#1f77b4"), ("worker", "#d62728")]):
        points = [(x(s), y(vs[index])) for s, vs in rows if vs[index] is not None and s > 0]
        if not points:
            continue
        out.append('<polyline fill="none" stroke="{}" stroke-width="1.5" points="{}"/>'.format(
            colour, " ".join(f"{px:.1f},{py:.1f}" for px, py in points)))
        out.append(f'<text x="{width - right + 10}" y="{top + 20 + 18 * index}" fill="{colour}">{name}</text>')
    out.append('</svg>')
    open(sys.argv[2], "w").write("\n".join(out) + "\n")

main()
