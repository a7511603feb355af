"""PyTorch side of the convolutional workloads of bench/compare (one epoch of plain SGD, as Backprop.Compare's ConvWorkloads):
lenet-mnist: torch_anchor.py's LeNet-5 on the 60000 MNIST training images, batch 128, lr 0.01;
signs-convnet: the course's SIGNS ConvNet on 1080 random 64x64x3 images, 6 random classes, batch 64, lr 0.009;
cli-image: Backprop's CLI default image model (3 x [conv 3x3 same + batch norm + ReLU + max pool 2], 16/32/64 filters, global average
pool, dropout 0.3, dense 64 ReLU, dropout 0.3, dense 6) on the same kind of images, batch 64, lr 0.01.
Every model starts from He initialisation (normal, std sqrt(2 / fan_in), zero biases), as Backprop's does: with PyTorch's
default initialisation and plain SGD at lr 0.01, LeNet stays near ln 10 for the whole epoch, so the two did not do the
same work."""
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import common


def same_pool(kernel):
    """TensorFlow's "same" max pooling for an input divisible by ... any size: pad after with -inf up to ceil(n/k)*k."""
    class SamePool(nn.Module):
        def forward(self, x):
            h, w = x.shape[-2:]
            ph, pw = (-h) % kernel, (-w) % kernel
            x = F.pad(x, (0, pw, 0, ph), value=float("-inf"))
            return F.max_pool2d(x, kernel)
    return SamePool()


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def signs():
    return nn.Sequential(
        nn.Conv2d(3, 8, 4, padding="same"), nn.ReLU(), same_pool(8),
        nn.Conv2d(8, 16, 2, padding="same"), nn.ReLU(), same_pool(4), nn.Flatten(), nn.Linear(64, 6))


def cli_image():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.3), nn.Linear(64, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, 6))


def he_init(model):
    for layer in model.modules():
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)


def run(workload, dtype, args):
    torch.manual_seed(0)
    if workload == "lenet-mnist":
        np_dtype = np.float32 if dtype == torch.float32 else np.float64
        x_np, labels_np, _, _ = common.load_mnist(args.mnist, np_dtype)
        x = torch.from_numpy(x_np).reshape(-1, 1, 28, 28)
        labels = torch.from_numpy(labels_np)
        model, batch, lr = lenet(), 128, 0.01
    else:
        x = torch.rand(1080, 3, 64, 64, dtype=dtype)
        labels = torch.randint(0, 6, (1080,))
        model, batch, lr = (signs(), 64, 0.009) if workload == "signs-convnet" else (cli_image(), 64, 0.01)
    he_init(model)
    model = model.to(dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    order = torch.from_numpy(np.random.RandomState(2).permutation(x.shape[0]))
    cpu = time.process_time()
    start = time.perf_counter()
    costs = []
    for s in range(0, x.shape[0], batch):
        rows = order[s:s + batch]
        loss = F.cross_entropy(model(x.index_select(0, rows)), labels.index_select(0, rows))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        costs.append(loss.item())
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_seconds": time.process_time() - cpu, "cost": float(np.mean(costs)), "accuracy": None,
            "steps": len(costs)}
