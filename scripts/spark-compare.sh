#!/usr/bin/env bash
# nn-spark beside Spark MLlib's MultilayerPerceptronClassifier ([784, 128, 10], L-BFGS, 100
# iterations) on the same cached MNIST DataFrame in one Spark session, alternately, printing each
# fit's test accuracy and seconds and the ratio of the times (docs/benchmarks.md, "Spark").
# Options: --master, --pairs N (fits of each, alternating which goes first), --mllib-iterations,
# and nn4j's training options as in spark-train.sh. E.g.
#   scripts/spark-compare.sh --master 'local[2]' --pairs 2
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spark-run.sh"
spark_java io.nn4j.spark.demo.MllibComparison "$@"
