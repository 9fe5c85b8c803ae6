#!/usr/bin/env python3
"""float32 GEMM rates in PyTorch (cuBLAS on CUDA), the reference for GemmBenchmark on a GPU.

Times C = op(A)·op(B) for the benchmark's layer sizes (batch x in x out) in its three passes:
FORWARD X·Wᵀ, WEIGHT_GRADIENT dZᵀ·X and INPUT_GRADIENT dZ·W, with TF32 off. Prints one line per
product in GFLOP/s (2·m·n·k flops over the median of timed repetitions).

    python3 nn-benchmarks/reference/torch_gemm.py
"""
import statistics
import time

import torch

SIZES = ["64x784x128", "256x784x1024", "256x1024x1024", "256x1024x10",
         "256x256x256", "512x512x512", "1024x1024x1024"]


def operands(batch, inputs, outputs, kind, device):
    x = torch.rand(batch, inputs, device=device)
    w = torch.rand(outputs, inputs, device=device)
    dz = torch.rand(batch, outputs, device=device)
    if kind == "FORWARD":
        return x, w.T
    if kind == "WEIGHT_GRADIENT":
        return dz.T, x
    return dz, w


def seconds_per_product(a, b, out, device, repetitions=50):
    times = []
    for _ in range(5):
        torch.matmul(a, b, out=out)
    for _ in range(10):
        synchronize(device)
        start = time.perf_counter()
        for _ in range(repetitions):
            torch.matmul(a, b, out=out)
        synchronize(device)
        times.append((time.perf_counter() - start) / repetitions)
    return statistics.median(times)


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def main():
    torch.backends.cuda.matmul.allow_tf32 = False
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    print(f"torch {torch.__version__} on "
          f"{torch.cuda.get_device_name() if device.type == 'cuda' else 'cpu'}")
    for size in SIZES:
        batch, inputs, outputs = (int(n) for n in size.split("x"))
        for kind in ["FORWARD", "WEIGHT_GRADIENT", "INPUT_GRADIENT"]:
            a, b = operands(batch, inputs, outputs, kind, device)
            out = torch.empty(a.shape[0], b.shape[1], device=device)
            seconds = seconds_per_product(a, b, out, device)
            flops = 2 * a.shape[0] * a.shape[1] * b.shape[1]
            print(f"{size:>15} {kind:<16} {seconds * 1e6:10.1f} us {flops / seconds / 1e9:9.1f} GFLOP/s")


if __name__ == "__main__":
    main()
