/**
 * Data-parallel training on Apache Spark: {@link io.nn4j.spark.SparkTrainer} packs each
 * partition's rows once into a cached block of floats, and every round broadcasts the weights,
 * trains each partition from them on its executor's backend ({@link io.nn4j.api.train.TrainingStep},
 * the same step {@code Trainer.fit} runs) and averages the partitions' weights with
 * {@code treeAggregate}. Spark schedules, ships and retries; nn4j computes. See
 * {@code docs/spark.md}.
 */
package io.nn4j.spark;
