/**
 * Preprocessing that travels with a model: {@link io.nn4j.api.preprocess.Scaler}s (a
 * standardizer and a min-max scaler) fitted on the training rows only, and
 * {@link io.nn4j.api.preprocess.Preprocessing}, what a {@code Sequential} carries (feature
 * scaler, target scaler, class names), applies in {@code predict} and stores in its model file.
 */
package io.nn4j.api.preprocess;
