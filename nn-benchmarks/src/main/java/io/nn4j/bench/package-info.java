/**
 * The JMH suites that compare the backends: GEMM in the shapes a dense network's backprop uses,
 * a plain-Java reference GEMM that gives every GEMM figure a ratio, activations forward and
 * backward, and one whole training step. Each suite takes the backend as a {@code @Param};
 * {@link io.nn4j.bench.AvailableBackends} tells a launcher which ones can run here.
 */
package io.nn4j.bench;
