/**
 * The one float64 reference of nn4j: every backend op as plain double loops over row-major
 * arrays ({@link io.nn4j.api.reference.ReferenceOps}, with the activations in
 * {@link io.nn4j.api.reference.ReferenceActivations} and the losses in
 * {@link io.nn4j.api.reference.ReferenceLosses}), and a small dense network in float64
 * ({@link io.nn4j.api.reference.ReferenceNetwork}) copied from a
 * {@link io.nn4j.api.nn.Sequential}: forward, loss, backprop gradients, central differences and
 * a plain SGD step; and regression metrics computed by the textbook formulas
 * ({@link io.nn4j.api.reference.ReferenceMetrics}).
 *
 * <p>Written to be read, not to be fast. The backend conformance kit checks every backend
 * against it, the {@code explain} demo sets its numbers beside a backend's, and the benchmarks
 * check their answers with it and time its GEMM as their yardstick.
 */
package io.nn4j.api.reference;
