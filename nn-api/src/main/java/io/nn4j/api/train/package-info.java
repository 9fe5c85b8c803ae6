/**
 * Training: data sets held on the host, their splits and class names
 * ({@link io.nn4j.api.train.ClassLabels}), optimizers, the mini-batch
 * {@link io.nn4j.api.train.Trainer} loop with per-epoch evaluation, and the
 * {@link io.nn4j.api.train.TrainingStep} it runs for every batch.
 */
package io.nn4j.api.train;
