#!/usr/bin/env python3
"""Projects data-parallel training from measured steps (bench/scaling/run.sh) to N ranks on a cluster.

Model (no overlap of communication with backward, as in Backprop): a step at N ranks takes
    T(N) = T1 / N + 2 (N - 1) / N * S / BW
with T1 the measured one-rank step (one kernel thread), S the bytes each rank all-reduces per step (measured) and BW the
link's bandwidth (ring all-reduce: each rank sends and receives 2 (N - 1) / N of the buffer). Latency (2 (N - 1) messages
of ~10-50 us each) is left out of the table and said in the text. Speed-up = T1 / T(N); it approaches T1 / (2 S / BW) and
half of the step is communication from N* = T1 / (2 S / BW) on (where T1 / N = 2 S / BW, roughly)."""
import json, pathlib, sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "bench/scaling/out")
alone = folder / "allreduce-2.json"
if alone.exists():
    a = json.loads(alone.read_text())
    for size in (983900, 2143280):
        print(f"all-reduce alone, 2 ranks, {size} B: {a[f'median_seconds_{size}'] * 1e3:.3f} ms "
              f"({a[f'gbytes_per_second_{size}']:.2f} GB/s of buffer)")
ranks = [2, 4, 8, 16, 32, 64]
links = {"10 Gb/s": 10e9 / 8, "100 Gb/s": 100e9 / 8}
for workload in ["mnist-mlp", "L-layer"]:
    one = json.loads((folder / f"scale-{workload}-1.json").read_text())
    two = json.loads((folder / f"scale-{workload}-2.json").read_text())
    t1, s = one["seconds_per_step"], two["allreduce_bytes_per_step"]
    print(f"\n### {workload}: T1 = {t1 * 1e3:.2f} ms/step, measured T2 = {two['seconds_per_step'] * 1e3:.2f} ms/step "
          f"(all-reduce incl. waiting for the other rank {two['allreduce_seconds_per_step'] * 1e3:.3f} ms, {two['allreduce_calls_per_step']:.0f} call(s), "
          f"{s / 1e6:.3f} MB per step), measured speed-up {t1 / two['seconds_per_step']:.2f}")
    print("| N | " + " | ".join(f"all-reduce {k} (ms) | speed-up {k}" for k in links) + " |")
    print("|---|" + "---|---|" * len(links))
    for n in ranks:
        cells = []
        for bw in links.values():
            comm = 2 * (n - 1) / n * s / bw
            cells += [f"{comm * 1e3:.3f}", f"{t1 / (t1 / n + comm):.1f}"]
        print(f"| {n} | " + " | ".join(cells) + " |")
    for name, bw in links.items():
        ceiling = t1 / (2 * s / bw)
        print(f"{name}: ceiling {ceiling:.1f}x; communication is half the step from N ≈ {ceiling:.0f}")
