#!/usr/bin/python3
"""NumPy peer of bench/compare, written from the standard equations (course layout: examples are columns).

Course models, full-batch gradient descent on the cats, for l = 1 … L:
    Z[l] = W[l]·A[l−1] + b[l],  A[l] = relu(Z[l]) (hidden) or σ(Z[l]) (output)
    J = (1/m) Σ [max(Z,0) − Z·Y + log(1 + e^−|Z|)]        (binary cross-entropy from the logits Z[L], stable form)
    dZ[L] = (A[L] − Y)/m;  dW[l] = dZ[l]·A[l−1]ᵀ;  db[l] = Σ_columns dZ[l]
    dZ[l−1] = (W[l]ᵀ·dZ[l]) ∘ [Z[l−1] > 0]          (not computed for l = 1: nobody needs dX)
    W[l] ← W[l] − α·dW[l];  b[l] ← b[l] − α·db[l]
MLP on MNIST (batch-first, X rows are examples): softmax cross-entropy, dZ[L] = (softmax(Z[L]) − Y)/m, plain SGD.
Initialisation: np.random.seed(1); logistic regression zeros, 2-layer randn·0.01, L-layer randn/√n[l−1], MLP He
(randn·√(2/n[l−1])); drawn in float64 and cast, as the course does.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

try:
    import numpy as np
except ImportError:
    sys.exit("numpy_peer.py: NumPy is not installed for this Python (apt-get install python3-numpy libopenblas0-pthread)")


def init_course(workload, dtype):
    dims = common.LAYER_DIMS[workload]
    np.random.seed(1)
    params = []
    for l in range(1, len(dims)):
        if workload == "logistic":
            w = np.zeros((dims[l], dims[l - 1]))
        elif workload == "2-layer":
            w = np.random.randn(dims[l], dims[l - 1]) * 0.01
        else:
            w = np.random.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        params.append([w.astype(dtype), np.zeros((dims[l], 1), dtype)])
    return params


def forward(params, x):
    """Returns the caches [(A_prev, Z)] and the output logits Z[L]."""
    caches, a = [], x
    for l, (w, b) in enumerate(params):
        z = w @ a + b
        caches.append((a, z))
        a = np.maximum(z, 0) if l < len(params) - 1 else None
    return caches, caches[-1][1]


def sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))


def bce_from_logits(z, y):
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def course(workload, dtype, args):
    x_rows, y_rows = common.load_cats(args.cats)
    x = x_rows.astype(dtype).T          # (n_x, m): a transposed view, as the course's reshape(m, -1).T
    y = y_rows.astype(dtype).T          # (1, m)
    m = x.shape[1]
    params = init_course(workload, dtype)
    lr = common.LEARNING_RATES[workload]

    cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(common.COURSE_ITERATIONS):
        caches, zl = forward(params, x)
        cost = bce_from_logits(zl, y)
        dz = (sigmoid(zl) - y) / m
        for l in range(len(params) - 1, -1, -1):
            w, b = params[l]
            a_prev, _ = caches[l]
            dw = dz @ a_prev.T
            db = dz.sum(axis=1, keepdims=True)
            if l > 0:
                dz = (w.T @ dz) * (caches[l - 1][1] > 0)
            w -= lr * dw
            b -= lr * db
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu

    _, zl = forward(params, x)
    accuracy = float(np.mean((sigmoid(zl) > 0.5) == (y == 1)))
    return {"seconds": seconds, "cpu_seconds": cpu, "cost": cost, "accuracy": accuracy, "steps": common.COURSE_ITERATIONS}


def mnist(dtype, args):
    x, labels, x_test, labels_test = common.load_mnist(args.mnist, dtype)
    y = np.eye(10, dtype=dtype)[labels]
    dims = common.MLP_DIMS
    np.random.seed(1)
    params = [[(np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2.0 / dims[l - 1])).astype(dtype),
               np.zeros(dims[l], dtype)] for l in range(1, len(dims))]
    lr = common.MLP_LEARNING_RATE
    shuffle = np.random.RandomState(2)

    def forward_rows(a):
        caches = []
        for l, (w, b) in enumerate(params):
            z = a @ w.T + b
            caches.append((a, z))
            a = np.maximum(z, 0) if l < len(params) - 1 else z
        return caches, a

    cpu = time.process_time()
    start = time.perf_counter()
    order = shuffle.permutation(x.shape[0])
    costs = []
    for s in range(0, x.shape[0], common.MLP_BATCH):
        rows = order[s:s + common.MLP_BATCH]
        xb, yb = x[rows], y[rows]
        mb = xb.shape[0]
        caches, z = forward_rows(xb)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        total = e.sum(axis=1, keepdims=True)
        costs.append(float(np.mean(np.log(total[:, 0]) - (z * yb).sum(axis=1))))
        dz = (e / total - yb) / mb
        for l in range(len(params) - 1, -1, -1):
            w, b = params[l]
            a_prev, _ = caches[l]
            dw = dz.T @ a_prev
            db = dz.sum(axis=0)
            if l > 0:
                dz = (dz @ w) * (caches[l - 1][1] > 0)
            w -= lr * dw
            b -= lr * db
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu

    _, z = forward_rows(x_test)
    accuracy = float(np.mean(z.argmax(axis=1) == labels_test))
    return {"seconds": seconds, "cpu_seconds": cpu, "cost": float(np.mean(costs)), "accuracy": accuracy, "steps": len(costs)}


def inference(batch, dtype, args):
    x_rows, _ = common.load_cats(args.cats)
    x = common.inference_rows(x_rows, batch).astype(dtype).T
    params = init_course("L-layer", dtype)

    def predict():
        _, zl = forward(params, x)
        return sigmoid(zl)

    for _ in range(10):
        predict()
    calls = 0
    cpu = time.process_time()
    start = time.perf_counter()
    while True:
        predict()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= common.INFERENCE_SECONDS:
            break
    cpu = time.process_time() - cpu
    return {"seconds": elapsed, "cpu_seconds": cpu, "batch": batch, "calls": calls, "rate": calls * batch / elapsed,
            "cost": None, "accuracy": None, "mean_output": float(predict().mean())}


def main():
    args = common.parse_args("NumPy")
    dtype = np.float32 if args.dtype == "float32" else np.float64
    if args.workload == "mnist-mlp":
        result = mnist(dtype, args)
    elif args.workload.startswith("infer-b"):
        result = inference(int(args.workload[len("infer-b"):]), dtype, args)
    else:
        result = course(args.workload, dtype, args)
    fields = {"workload": args.workload, "impl": "numpy", "dtype": args.dtype, "threads": args.threads}
    fields.update(result)
    fields.update(common.openblas_info())
    fields["version"] = np.__version__
    common.emit(fields)


if __name__ == "__main__":
    main()
