#!/usr/bin/env bash
# Sourced by the scripts that run the demo and the benchmarks, never by the tests or CI.
#
# Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, because older OpenBLAS builds (such
# as Debian 12's 0.3.21) compute wrong results or crash on processors they do not know. Every
# OpenBLAS honours them, so a current build, which knows those processors, would also run the
# older kernels they pin (on the machine of docs/benchmarks.md, GEMM at half speed). The cpu
# backend's bundled OpenBLAS and NumPy's are current builds, so these runs go without both.
# `nn_blas_option` asks the JVMs for the bundled library by name: a JVM that cannot unpack it
# then fails, instead of falling back to the system's older library on unpinned kernels.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
nn_blas_option=-Dnn.cpu.blas=bundled
