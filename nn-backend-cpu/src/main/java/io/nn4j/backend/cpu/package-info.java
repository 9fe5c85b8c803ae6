/**
 * The CPU backend: tensors are EJML {@code FMatrixRMaj} matrices on the Java heap, GEMM runs
 * through native OpenBLAS (the current build this backend bundles, or the system's; EJML where
 * neither loads), and the elementwise ops are plain loops the JIT vectorizes.
 */
package io.nn4j.backend.cpu;
