#!/usr/bin/python3
"""PyTorch peer of bench/compare: the same workloads written the way a PyTorch user writes them — nn.Linear layers
(weight (n[l], n[l−1]), the course's shape), autograd, torch.optim.SGD — with the same hyperparameters as
numpy_peer.py and the same initial weights (drawn with NumPy, seed 1, and copied in).

Loss: binary cross-entropy from the logits (BCEWithLogits, the stable fused form) for the cat models, cross-entropy
from the logits for the MLP. Threads: torch.set_num_threads(threads); bench/compare runs it with
OMP_WAIT_POLICY=PASSIVE and OPENBLAS_NUM_THREADS=1 so its OpenMP threads do not spin against OpenBLAS's own pool.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError as e:
    sys.exit(f"torch_peer.py: {e.name} is not installed for this Python (apt-get install python3-torch)")


def linear_stack(weights, dtype, hidden):
    layers = []
    for l, w in enumerate(weights):
        linear = torch.nn.Linear(w.shape[1], w.shape[0], dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w))
            linear.bias.zero_()
        layers.append(linear)
        if l < len(weights) - 1:
            layers.append(hidden())
    return torch.nn.Sequential(*layers)


def course_weights(workload):
    dims = common.LAYER_DIMS[workload]
    np.random.seed(1)
    weights = []
    for l in range(1, len(dims)):
        if workload == "logistic":
            weights.append(np.zeros((dims[l], dims[l - 1])))
        elif workload == "2-layer":
            weights.append(np.random.randn(dims[l], dims[l - 1]) * 0.01)
        else:
            weights.append(np.random.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1]))
    return weights


def course(workload, dtype, args):
    x_rows, y_rows = common.load_cats(args.cats)
    x = torch.from_numpy(x_rows).to(dtype)            # (m, n_x): batch-first, as nn.Linear wants
    y = torch.from_numpy(y_rows).to(dtype)            # (m, 1)
    model = linear_stack(course_weights(workload), dtype, torch.nn.ReLU)
    optimizer = torch.optim.SGD(model.parameters(), lr=common.LEARNING_RATES[workload])

    cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(common.COURSE_ITERATIONS):
        loss = F.binary_cross_entropy_with_logits(model(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    cost = loss.item()

    with torch.no_grad():
        accuracy = ((torch.sigmoid(model(x)) > 0.5) == (y == 1)).to(torch.float64).mean().item()
    return {"seconds": seconds, "cpu_seconds": cpu, "cost": cost, "accuracy": accuracy, "steps": common.COURSE_ITERATIONS}


def mnist(dtype, args):
    np_dtype = np.float32 if dtype == torch.float32 else np.float64
    x_np, labels_np, x_test_np, labels_test_np = common.load_mnist(args.mnist, np_dtype)
    x, labels = torch.from_numpy(x_np), torch.from_numpy(labels_np)
    dims = common.MLP_DIMS
    np.random.seed(1)
    weights = [np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2.0 / dims[l - 1]) for l in range(1, len(dims))]
    model = linear_stack(weights, dtype, torch.nn.ReLU)
    optimizer = torch.optim.SGD(model.parameters(), lr=common.MLP_LEARNING_RATE)
    shuffle = np.random.RandomState(2)

    cpu = time.process_time()
    start = time.perf_counter()
    order = torch.from_numpy(shuffle.permutation(x.shape[0]))
    costs = []
    for s in range(0, x.shape[0], common.MLP_BATCH):
        rows = order[s:s + common.MLP_BATCH]
        loss = F.cross_entropy(model(x.index_select(0, rows)), labels.index_select(0, rows))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        costs.append(loss.item())
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu

    with torch.no_grad():
        predicted = model(torch.from_numpy(x_test_np)).argmax(dim=1)
        accuracy = (predicted == torch.from_numpy(labels_test_np)).to(torch.float64).mean().item()
    return {"seconds": seconds, "cpu_seconds": cpu, "cost": float(np.mean(costs)), "accuracy": accuracy, "steps": len(costs)}


def inference(batch, dtype, args):
    x_rows, _ = common.load_cats(args.cats)
    x = torch.from_numpy(common.inference_rows(x_rows, batch)).to(dtype)
    model = linear_stack(course_weights("L-layer"), dtype, torch.nn.ReLU)
    with torch.inference_mode():
        for _ in range(10):
            torch.sigmoid(model(x))
        calls = 0
        cpu = time.process_time()
        start = time.perf_counter()
        while True:
            torch.sigmoid(model(x))
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= common.INFERENCE_SECONDS:
                break
        cpu = time.process_time() - cpu
        mean_output = torch.sigmoid(model(x)).mean().item()
    return {"seconds": elapsed, "cpu_seconds": cpu, "batch": batch, "calls": calls, "rate": calls * batch / elapsed,
            "cost": None, "accuracy": None, "mean_output": mean_output}


def char_lstm(dtype, args):
    """torch_anchor.py's char-LSTM: one_hot(ids, 65) -> nn.LSTM(65, 128, batch_first) -> nn.Linear(128, 65), cross-entropy
    over all B*T positions, batch 64, sequence 64, SGD lr 0.1, 3 untimed warm-up batches, then 400 timed batches
    (BACKPROP_LSTM_BATCHES overrides, as in Backprop.Compare)."""
    vocab, hidden, batch, seq = 65, 128, 64, 64
    batches = int(os.environ.get("BACKPROP_LSTM_BATCHES", "400"))
    torch.manual_seed(0)
    ids = torch.randint(0, vocab, (batches + 3, batch, seq + 1))
    lstm = torch.nn.LSTM(vocab, hidden, num_layers=1, batch_first=True).to(dtype)
    fc = torch.nn.Linear(hidden, vocab).to(dtype)
    optimizer = torch.optim.SGD(list(lstm.parameters()) + list(fc.parameters()), lr=0.1)

    def step(b):
        inp, tgt = ids[b, :, :-1], ids[b, :, 1:]
        optimizer.zero_grad(set_to_none=True)
        h, _ = lstm(F.one_hot(inp, vocab).to(dtype))
        loss = F.cross_entropy(fc(h).reshape(-1, vocab), tgt.reshape(-1))
        loss.backward()
        optimizer.step()
        return loss.item()

    return timed(step, batches, 3)


def timed(step, batches, warmup):
    """Runs step(batches + w) for w < warmup untimed, then step(0 .. batches - 1) on the clock."""
    for w in range(warmup):
        step(batches + w)
    cpu = time.process_time()
    start = time.perf_counter()
    for b in range(batches):
        cost = step(b)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_seconds": time.process_time() - cpu, "cost": cost, "steps": batches}


def char_gpt(dtype, args):
    """Backprop.Compare's char-GPT: nn.Embedding(65, 128) + a learned position table (128, 128) -> 4 x
    nn.TransformerEncoderLayer(128, 4 heads, 512, dropout 0, gelu, batch_first, norm_first) under a causal mask ->
    nn.LayerNorm -> nn.Linear(128, 65), cross-entropy over all B*T positions, batch 32, context 128, AdamW lr 1e-3
    weight decay 0.1, 2 untimed warm-up batches, then 30 timed batches (BACKPROP_GPT_BATCHES overrides)."""
    vocab, width, heads, blocks, batch, context = 65, 128, 4, 4, 32, 128
    batches = int(os.environ.get("BACKPROP_GPT_BATCHES", "30"))
    torch.manual_seed(0)
    ids = torch.randint(0, vocab, (batches + 2, batch, context + 1))

    class Gpt(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.tokens = torch.nn.Embedding(vocab, width)
            self.positions = torch.nn.Parameter(torch.randn(context, width) * 0.02)
            layer = torch.nn.TransformerEncoderLayer(width, heads, 4 * width, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
            self.blocks = torch.nn.TransformerEncoder(layer, blocks, enable_nested_tensor=False)
            self.norm = torch.nn.LayerNorm(width)
            self.head = torch.nn.Linear(width, vocab)
            self.register_buffer("mask", torch.triu(torch.full((context, context), float("-inf")), diagonal=1))

        def forward(self, x):
            h = self.tokens(x) + self.positions[: x.shape[1]]
            return self.head(self.norm(self.blocks(h, mask=self.mask)))

    model = Gpt().to(dtype)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)

    def step(b):
        inp, tgt = ids[b, :, :-1], ids[b, :, 1:]
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(inp).reshape(-1, vocab), tgt.reshape(-1))
        loss.backward()
        optimizer.step()
        return loss.item()

    return timed(step, batches, 2)


def main():
    args = common.parse_args("PyTorch")
    torch.set_num_threads(args.threads)
    dtype = torch.float32 if args.dtype == "float32" else torch.float64
    if args.workload == "mnist-mlp":
        result = mnist(dtype, args)
    elif args.workload in ("lenet-mnist", "signs-convnet", "cli-image"):
        import torch_conv
        result = torch_conv.run(args.workload, dtype, args)
    elif args.workload == "char-lstm":
        result = char_lstm(dtype, args)
    elif args.workload == "char-gpt":
        result = char_gpt(dtype, args)
    elif args.workload.startswith("infer-b"):
        result = inference(int(args.workload[len("infer-b"):]), dtype, args)
    else:
        result = course(args.workload, dtype, args)
    fields = {"workload": args.workload, "impl": "torch", "dtype": args.dtype, "threads": args.threads}
    fields.update(result)
    fields["torch_threads"] = torch.get_num_threads()
    fields.update(common.openblas_info())
    fields["version"] = torch.__version__
    fields["blas_backend"] = "mkl" if torch.backends.mkl.is_available() else "openblas/other"
    common.emit(fields)


if __name__ == "__main__":
    main()
