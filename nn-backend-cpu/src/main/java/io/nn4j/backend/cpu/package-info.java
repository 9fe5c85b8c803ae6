/**
 * The CPU backend: tensors are EJML {@code FMatrixRMaj} matrices on the Java heap, GEMM runs
 * through EJML, and the elementwise ops are plain loops the JIT vectorizes.
 */
package io.nn4j.backend.cpu;
