#!/usr/bin/python3
"""Writes the PyTorch import fixtures of nn-onnx's tests.

Small nn.Sequential MLPs with fixed seeds, one per nn4j activation, exported by
torch.onnx.export in the forms PyTorch writes for nn.Linear (Gemm with transB = 1; MatMul then
Add with the weights transposed into an initializer, or through a Transpose node when constant
folding is off; Gemm without a bias), with the outputs PyTorch computed for one fixed input.

Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 nn-onnx/src/test/python/make_fixtures.py
It writes nn-onnx/src/test/resources/io/nn4j/onnx/pytorch/: <name>.onnx and <name>.out.txt per
model, and input.txt. A .txt file is "rows cols" on its first line, then the values row-major,
one per line, as float32 printed with 9 significant digits (exact round trip).
"""
import os
import shutil
import torch
from torch import nn

OUT = "nn-onnx/src/test/resources/io/nn4j/onnx/pytorch"
INPUTS, HIDDEN, OUTPUTS, ROWS = 5, 8, 4, 7


class MatMulLinear(nn.Module):
    """nn.Linear's parameters, computed as x @ W^T + b: PyTorch exports MatMul then Add."""

    def __init__(self, inputs, outputs):
        super().__init__()
        linear = nn.Linear(inputs, outputs)
        self.weight = linear.weight
        self.bias = linear.bias

    def forward(self, x):
        return torch.matmul(x, self.weight.t()) + self.bias


ACTIVATIONS = {
    "relu": nn.ReLU,
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "leaky_relu": nn.LeakyReLU,
    "elu": nn.ELU,
    "softplus": nn.Softplus,
    "silu": nn.SiLU,
    "gelu": nn.GELU,
}


def models():
    """(name, module, export options) of every fixture."""
    for name, activation in ACTIVATIONS.items():
        yield ("gemm_" + name, nn.Sequential(nn.Linear(INPUTS, HIDDEN), activation(),
                                             nn.Linear(HIDDEN, OUTPUTS), activation()), {})
    yield ("gemm_softmax", nn.Sequential(nn.Linear(INPUTS, HIDDEN), nn.Tanh(),
                                         nn.Linear(HIDDEN, OUTPUTS), nn.Softmax(dim=1)), {})
    yield ("gemm_identity_no_bias", nn.Sequential(nn.Linear(INPUTS, HIDDEN, bias=False),
                                                  nn.ReLU(), nn.Linear(HIDDEN, OUTPUTS)), {})
    yield ("matmul_folded_gelu", nn.Sequential(MatMulLinear(INPUTS, HIDDEN), nn.GELU(),
                                               MatMulLinear(HIDDEN, OUTPUTS)), {})
    yield ("matmul_transpose_silu", nn.Sequential(MatMulLinear(INPUTS, HIDDEN), nn.SiLU(),
                                                  MatMulLinear(HIDDEN, OUTPUTS), nn.Softmax(dim=1)),
           {"do_constant_folding": False})
    yield ("opset11_dropout_elu", nn.Sequential(nn.Linear(INPUTS, HIDDEN), nn.ELU(), nn.Dropout(0.5),
                                                nn.Linear(HIDDEN, OUTPUTS), nn.Sigmoid()),
           {"opset_version": 11})


def write_matrix(path, matrix):
    with open(path, "w") as f:
        f.write("%d %d\n" % tuple(matrix.shape))
        for value in matrix.reshape(-1).tolist():
            f.write("%.9g\n" % value)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(1)
    x = torch.randn(ROWS, INPUTS) * 2
    write_matrix(os.path.join(OUT, "input.txt"), x.numpy())
    for seed, (name, model, options) in enumerate(models()):
        torch.manual_seed(100 + seed)
        for p in model.parameters():
            torch.nn.init.uniform_(p, -1, 1)
        model.eval()
        export = {"opset_version": 17, "input_names": ["x"], "output_names": ["y"],
                  "dynamic_axes": {"x": {0: "batch"}, "y": {0: "batch"}}}
        export.update(options)
        torch.onnx.export(model, x, os.path.join(OUT, name + ".onnx"), **export)
        with torch.no_grad():
            write_matrix(os.path.join(OUT, name + ".out.txt"), model(x).numpy())
    float_lists("gemm_tanh", "float_data_tanh")


def float_lists(source, name):
    """A copy of a fixture whose initializers hold float_data lists instead of raw_data."""
    import onnx
    from onnx import numpy_helper
    model = onnx.load(os.path.join(OUT, source + ".onnx"))
    for tensor in model.graph.initializer:
        values = numpy_helper.to_array(tensor).reshape(-1).tolist()
        tensor.ClearField("raw_data")
        tensor.float_data.extend(values)
    onnx.save(model, os.path.join(OUT, name + ".onnx"))
    shutil.copy(os.path.join(OUT, source + ".out.txt"), os.path.join(OUT, name + ".out.txt"))


if __name__ == "__main__":
    main()
