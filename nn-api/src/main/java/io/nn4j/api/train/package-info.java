/**
 * Training: data sets held on the host, their splits and class names
 * ({@link io.nn4j.api.train.ClassLabels}), optimizers, and the mini-batch
 * {@link io.nn4j.api.train.Trainer} loop with per-epoch evaluation.
 */
package io.nn4j.api.train;
