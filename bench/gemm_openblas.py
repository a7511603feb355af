#!/usr/bin/python3
"""OpenBLAS GEMM GFLOP/s through NumPy, on the same shapes as bench/Backprop.Bench (see bench/run-gemm.sh).

Prints one CSV line per case: shape,type,threads,gflops. The thread count is whatever OPENBLAS_NUM_THREADS
says (OpenBLAS reads it at load time), so run-gemm.sh starts this script once per thread count.
Exits 3 with a clear message when NumPy is missing or is not using OpenBLAS.
"""
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    print("gemm_openblas.py: NumPy is not installed for /usr/bin/python3 (apt-get install python3-numpy)", file=sys.stderr)
    sys.exit(3)


def openblas_loaded():
    np.dot(np.ones((64, 64), np.float32), np.ones((64, 64), np.float32))  # make sure BLAS is mapped
    with open("/proc/self/maps") as maps:
        return any("libopenblas" in line for line in maps)


# name, m, n, k, transA, transB (row-major C = op(A)·op(B), as Gemm.Multiply)
SHAPES = [
    ("256x256x256", 256, 256, 256, False, False),
    ("512x512x512", 512, 512, 512, False, False),
    ("1024x1024x1024", 1024, 1024, 1024, False, False),
    ("2048x2048x2048", 2048, 2048, 2048, False, False),
    ("cat fwd X·W1ᵀ 209x20x12288", 209, 20, 12288, False, True),
    ("cat dW1 dZ1ᵀ·X 20x12288x209", 20, 12288, 209, True, False),
    ("cat dX dZ1·W1 209x12288x20", 209, 12288, 20, False, False),
    ("mnist X·W1ᵀ 128x512x784", 128, 512, 784, False, True),
    ("logistic dW dZᵀ·X 1x12288x209", 1, 12288, 209, True, False),
    ("logistic fwd X·wᵀ 209x1x12288", 209, 1, 12288, False, True),
    ("batch-1 fwd x·W1ᵀ 1x20x12288", 1, 20, 12288, False, True),
]


def operands(m, n, k, ta, tb, dtype, rng):
    a = rng.standard_normal((k, m) if ta else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if tb else (k, n)).astype(dtype)
    return (a.T if ta else a), (b.T if tb else b)   # views: OpenBLAS gets the transpose flag, no copy


def time_case(m, n, k, ta, tb, dtype, rng, budget):
    a, b = operands(m, n, k, ta, tb, dtype, rng)
    c = np.empty((m, n), dtype)
    warm = time.perf_counter()
    calls = 0
    while calls < 3 or time.perf_counter() - warm < 0.3:   # same warm-up as the C# harness
        np.matmul(a, b, out=c)
        calls += 1
    t0 = time.perf_counter()
    np.matmul(a, b, out=c)
    once = max(time.perf_counter() - t0, 1e-6)
    inner = max(1, int(0.02 / once))            # each timed sample lasts ≥ ~20 ms
    reps = max(5, min(21, int(budget / (once * inner))))
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            np.matmul(a, b, out=c)
        samples.append((time.perf_counter() - t0) / inner)
    samples.sort()
    return 2.0 * m * n * k / samples[len(samples) // 2] / 1e9


def main():
    if not openblas_loaded():
        print("gemm_openblas.py: NumPy is not using OpenBLAS (no libopenblas in /proc/self/maps); "
              "apt-get install libopenblas0-pthread", file=sys.stderr)
        sys.exit(3)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "?")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
    from common import openblas_info
    core = openblas_info().get("openblas_core", "?")
    print(f"gemm_openblas.py: OpenBLAS core {core} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})", file=sys.stderr)
    budget = float(os.environ.get("GEMM_BENCH_SECONDS", "1.0"))
    rng = np.random.default_rng(1)
    only = sys.argv[1:]
    for name, m, n, k, ta, tb in SHAPES:
        if only and not any(o in name for o in only):
            continue
        for tname, dtype in (("float", np.float32), ("double", np.float64)):
            g = time_case(m, n, k, ta, tb, dtype, rng, budget)
            print(f"{name},{tname},{threads},{g:.1f}", flush=True)


if __name__ == "__main__":
    main()
