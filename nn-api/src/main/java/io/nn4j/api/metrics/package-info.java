/**
 * Metrics computed on the host: a classifier's confusion matrix with per-class precision,
 * recall and F1, its top-k accuracy ({@link io.nn4j.api.metrics.ClassificationMetrics}), binary
 * metrics at a decision threshold, a regression model's MSE, RMSE, MAE and R²
 * ({@link io.nn4j.api.metrics.RegressionMetrics}), and what each training epoch measured.
 */
package io.nn4j.api.metrics;
