"""Shared parts of the Python peers of bench/compare: arguments, data loading, the BLAS check and the JSON result line.

Each peer program runs one workload per process and prints one JSON line with the same fields as
bench/Backprop.Compare: workload, impl, dtype, threads, seconds (the work only, measured in-process), cost, accuracy.
"""
import argparse
import gzip
import json
import os
import sys

WORKLOADS = ["logistic", "2-layer", "L-layer", "mnist-mlp", "infer-b1", "infer-b256", "lenet-mnist", "signs-convnet", "cli-image", "char-lstm", "char-gpt"]
COURSE_ITERATIONS = 2500
LEARNING_RATES = {"logistic": 0.005, "2-layer": 0.0075, "L-layer": 0.0075}
LAYER_DIMS = {"logistic": [12288, 1], "2-layer": [12288, 7, 1], "L-layer": [12288, 20, 7, 5, 1]}
MLP_DIMS = [784, 512, 256, 10]
MLP_BATCH = 128
MLP_LEARNING_RATE = 0.1
INFERENCE_SECONDS = 1.0


def parse_args(impl):
    parser = argparse.ArgumentParser(description=f"{impl} peer of bench/compare: one workload, one JSON line")
    parser.add_argument("workload", choices=WORKLOADS)
    parser.add_argument("dtype", choices=["float32", "float64"])
    parser.add_argument("threads", type=int)
    parser.add_argument("--cats", required=True, help="folder with cats_*.npy (written by Backprop.Compare export-cats)")
    parser.add_argument("--mnist", required=True, help="folder with the four MNIST IDX files (.gz or not)")
    return parser.parse_args()


def load_cats(folder, split="train"):
    """X [m, 12288] = pixel / 255 (float64) and Y [m, 1] of 0/1, exactly the arrays Backprop loads."""
    import numpy as np
    x = np.load(os.path.join(folder, f"cats_{split}_x.npy"))
    y = np.load(os.path.join(folder, f"cats_{split}_y.npy"))
    return x, y.reshape(-1, 1)


def _idx(folder, name):
    import numpy as np
    for path, opener in ((os.path.join(folder, name + ".gz"), gzip.open), (os.path.join(folder, name), open)):
        if os.path.exists(path):
            with opener(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    sys.exit(f"{name}(.gz) not found in {folder}")


def load_mnist(folder, dtype):
    """(X_train [60000, 784] = pixel / 255, labels_train [60000], X_test [10000, 784], labels_test [10000])."""
    import numpy as np
    xs = [(_idx(folder, f"{p}-images-idx3-ubyte").reshape(-1, 784).astype(dtype) / dtype(255)) for p in ("train", "t10k")]
    ys = [_idx(folder, f"{p}-labels-idx1-ubyte").astype(np.int64) for p in ("train", "t10k")]
    return xs[0], ys[0], xs[1], ys[1]


def inference_rows(x, batch):
    """The first `batch` training images, cycling past the end (as Backprop.Compare does)."""
    import numpy as np
    return np.ascontiguousarray(x[np.arange(batch) % x.shape[0]])


def openblas_info():
    """Which BLAS this process has mapped (from /proc/self/maps) and, for OpenBLAS, its kernel core and thread count."""
    import ctypes
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    blas = [p for p in paths if "libopenblas" in os.path.basename(p)]
    if not blas:
        others = []
        with open("/proc/self/maps") as maps:
            others = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
        return {"blas": "not OpenBLAS: " + (", ".join(others) or "none mapped")}
    info = {"blas": blas[0]}
    try:
        lib = ctypes.CDLL(blas[0])
        lib.openblas_get_corename.restype = ctypes.c_char_p
        info["openblas_core"] = lib.openblas_get_corename().decode()
        info["openblas_threads"] = lib.openblas_get_num_threads()
        lib.openblas_get_config.restype = ctypes.c_char_p
        info["openblas_config"] = lib.openblas_get_config().decode().strip()
    except (OSError, AttributeError):
        pass
    return info


def emit(fields):
    print(json.dumps(fields), flush=True)
