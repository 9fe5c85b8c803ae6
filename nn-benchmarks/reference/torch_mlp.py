#!/usr/bin/env python3
"""The MNIST end-to-end reference in PyTorch, for GPU figures (CUDA when there is one).

The same network and training as numpy_mlp.py and the demo's `train` command: dense ReLU
hidden layers, softmax with categorical cross-entropy, plain SGD on shuffled mini-batches (a
fresh permutation every epoch), He-initialised float32 weights and zero biases; TF32 is off,
so products are true float32. The data set sits on the device, as a PyTorch user would keep
it; only the training passes are timed (the epoch ends with a device synchronisation). Writes
a summary JSON in the demo's format, with "backend": "torch-DEVICE".

    python3 nn-benchmarks/reference/torch_mlp.py --data-dir data/mnist --hidden 128 \
        --batch-size 64 --epochs 5 --summary-json torch-S.json
"""
import time

import numpy as np
import torch

from numpy_mlp import argument_parser, load, write_summary


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()

    torch.backends.cuda.matmul.allow_tf32 = False
    device = torch.device(args.device)
    x_train, y_train, _ = load(args.data_dir, "train")
    x_test, _, test_labels = load(args.data_dir, "t10k")
    x_train, y_train = torch.from_numpy(x_train).to(device), torch.from_numpy(y_train).to(device)
    x_test = torch.from_numpy(x_test).to(device)
    test_labels = torch.from_numpy(test_labels.astype(np.int64)).to(device)

    widths = [x_train.shape[1]] + [int(h) for h in args.hidden.split(",")] + [10]
    layers = []
    for i in range(len(widths) - 1):
        layer = torch.nn.Linear(widths[i], widths[i + 1])
        torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        torch.nn.init.zeros_(layer.bias)
        layers += [layer, torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1]).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate)
    loss_of = torch.nn.CrossEntropyLoss()
    generator = torch.Generator(device=device).manual_seed(args.seed)

    seconds, accuracies = [], []
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(x_train), device=device, generator=generator)
        synchronize(device)
        start = time.perf_counter()
        for first in range(0, len(order), args.batch_size):
            batch = order[first:first + args.batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss_of(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()
        synchronize(device)
        seconds.append(time.perf_counter() - start)
        with torch.no_grad():
            predicted = model(x_test).argmax(dim=1)
            accuracies.append(float((predicted == test_labels).float().mean()))
        print(f"epoch {epoch}/{args.epochs}  test accuracy {accuracies[-1]:.4f}  "
              f"{seconds[-1]:.2f} s  {len(x_train) / seconds[-1]:.0f} examples/s", flush=True)

    write_summary(args, f"torch-{device.type}", accuracies, seconds, len(x_train),
                  torch=torch.__version__,
                  device=torch.cuda.get_device_name() if device.type == "cuda" else "cpu")


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


if __name__ == "__main__":
    main()
