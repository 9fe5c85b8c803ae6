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

# `nn_demo_blas_threads`: the demo's OpenBLAS threads, fixed when the library loads. On a
# machine of at most two cores the demo's default network (784-128-10, batches of 64) trains
# faster on one: its products are too small to share, and a second BLAS thread competes with
# the JIT compiler and the JVM's own threads (docs/benchmarks.md#time-to-result: 5 epochs in
# 2.2 s instead of 3.2, the first epoch 0.55 s instead of 0.9). A network as large as
# 784-1024-1024-10 in batches of 256 trains 40% slower on one thread: set OPENBLAS_NUM_THREADS
# yourself for such runs; a value already set is kept.
nn_demo_blas_threads() {
  if [[ -z ${OPENBLAS_NUM_THREADS:-} ]] && (( $(nproc) <= 2 )); then
    export OPENBLAS_NUM_THREADS=1
  fi
}
