/**
 * Classification metrics computed on the host from predicted and true classes: the confusion
 * matrix with per-class precision, recall and F1, and binary metrics at a decision threshold.
 */
package io.nn4j.api.metrics;
