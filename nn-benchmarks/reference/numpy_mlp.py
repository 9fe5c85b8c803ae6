#!/usr/bin/env python3
"""The from-scratch NumPy MLP that the MNIST end-to-end figures are quoted against.

The same training as the demo's `train` command: dense ReLU hidden layers, a softmax output
with categorical cross-entropy, plain SGD on shuffled mini-batches (a fresh permutation every
epoch), He-initialised float32 weights and zero biases. Only the training passes are timed;
the test set is evaluated after each epoch, untimed. Writes a summary JSON in the demo's
format, with "backend": "numpy", for the benchmark report.

    python3 nn-benchmarks/reference/numpy_mlp.py --data-dir data/mnist --hidden 128 \
        --batch-size 64 --epochs 5 --summary-json numpy-S.json
"""
import argparse
import json
import struct
import time
from pathlib import Path

import numpy as np


def read_idx(path):
    with open(path, "rb") as f:
        zero, kind, rank = struct.unpack(">HBB", f.read(4))
        if zero != 0 or kind != 0x08:
            raise ValueError(f"{path}: not an IDX file of unsigned bytes")
        dims = struct.unpack(">" + "I" * rank, f.read(4 * rank))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(data_dir, split):
    images = read_idx(Path(data_dir) / f"{split}-images-idx3-ubyte")
    labels = read_idx(Path(data_dir) / f"{split}-labels-idx1-ubyte")
    x = images.reshape(len(images), -1).astype(np.float32) / np.float32(255)
    y = np.zeros((len(labels), 10), dtype=np.float32)
    y[np.arange(len(labels)), labels] = 1
    return x, y, labels


def argument_parser(doc):
    """The options every reference run takes, the demo's names and defaults."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--data-dir", default="data/mnist")
    parser.add_argument("--hidden", default="128")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--summary-json")
    return parser


def write_summary(args, backend, accuracies, seconds, examples, **versions):
    """Writes the demo's summary JSON to --summary-json, if given."""
    if not args.summary_json:
        return
    summary = {"backend": backend, "epochs": args.epochs, "test_accuracy": accuracies[-1],
               "epoch_seconds": seconds,
               "examples_per_second": examples * args.epochs / sum(seconds),
               "hidden": [int(h) for h in args.hidden.split(",")],
               "batch_size": args.batch_size, "learning_rate": args.learning_rate,
               "seed": args.seed, **versions}
    Path(args.summary_json).write_text(json.dumps(summary, indent=2) + "\n")


def openblas_in_use():
    """The OpenBLAS NumPy loaded and the kernels it picked (its config string, which names the
    core), or None where NumPy has no OpenBLAS. Machines may pin the kernels with
    OPENBLAS_CORETYPE, so the figures say which ran."""
    import ctypes
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1]
        if "openblas" not in path.lower() or not path.startswith("/"):
            continue
        library = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_config64_", "scipy_openblas_get_config",
                     "openblas_get_config64_", "openblas_get_config"):
            config = getattr(library, name, None)
            if config is not None:
                config.restype = ctypes.c_char_p
                return config().decode().strip()
    return None


def forward(weights, biases, x):
    activations = [x]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ w.T + b
        if i < len(weights) - 1:
            activations.append(np.maximum(z, 0))
        else:
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            activations.append(e / e.sum(axis=1, keepdims=True))
    return activations


def train_step(weights, biases, x, y, rate):
    activations = forward(weights, biases, x)
    delta = (activations[-1] - y) / np.float32(len(x))
    for i in range(len(weights) - 1, -1, -1):
        grad_w = delta.T @ activations[i]
        grad_b = delta.sum(axis=0)
        if i > 0:
            delta = (delta @ weights[i]) * (activations[i] > 0)
        weights[i] -= rate * grad_w
        biases[i] -= rate * grad_b


def main():
    args = argument_parser(__doc__).parse_args()

    x_train, y_train, _ = load(args.data_dir, "train")
    x_test, _, test_labels = load(args.data_dir, "t10k")
    widths = [x_train.shape[1]] + [int(h) for h in args.hidden.split(",")] + [10]
    rng = np.random.default_rng(args.seed)
    weights = [(rng.standard_normal((widths[i + 1], widths[i])) * np.sqrt(2 / widths[i]))
               .astype(np.float32) for i in range(len(widths) - 1)]
    biases = [np.zeros(w, dtype=np.float32) for w in widths[1:]]
    rate = np.float32(args.learning_rate)

    blas = openblas_in_use()
    print(f"NumPy {np.__version__}, BLAS: {blas}", flush=True)
    seconds, accuracies = [], []
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(len(x_train))
        start = time.perf_counter()
        for first in range(0, len(order), args.batch_size):
            batch = order[first:first + args.batch_size]
            train_step(weights, biases, x_train[batch], y_train[batch], rate)
        seconds.append(time.perf_counter() - start)
        predicted = forward(weights, biases, x_test)[-1].argmax(axis=1)
        accuracies.append(float((predicted == test_labels).mean()))
        print(f"epoch {epoch}/{args.epochs}  test accuracy {accuracies[-1]:.4f}  "
              f"{seconds[-1]:.2f} s  {len(x_train) / seconds[-1]:.0f} examples/s", flush=True)

    write_summary(args, "numpy", accuracies, seconds, len(x_train), numpy=np.__version__,
                  blas=blas)


if __name__ == "__main__":
    main()
