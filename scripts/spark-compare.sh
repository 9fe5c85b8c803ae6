#!/usr/bin/env bash
# nn-spark beside Spark MLlib's MultilayerPerceptronClassifier ([784, 128, 10], L-BFGS, 100
# iterations) on the same cached MNIST DataFrame in one Spark session, alternately, printing each
# fit's test accuracy and seconds and the ratio of the times (docs/benchmarks.md, "Spark").
# nn4j's settings by default: SGD with momentum 0.9 at 0.02 (times the partitions), the momentum
# averaged with the weights, batch 64 per partition, 8 epochs, one round per epoch.
# Options: --master, --pairs N (fits of each, alternating which goes first), --mllib-iterations,
# and nn4j's training options as in spark-train.sh, which override those. E.g.
#   scripts/spark-compare.sh --master 'local[2]' --pairs 2
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spark-run.sh"
spark_java io.nn4j.spark.demo.MllibComparison --optimizer sgd --momentum 0.9 \
  --learning-rate 0.02 --average-optimizer-state --epochs 8 "$@"
