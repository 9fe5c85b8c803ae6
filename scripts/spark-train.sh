#!/usr/bin/env bash
# Trains an MNIST network data-parallel on Spark with nn-spark (docs/spark.md), printing one line
# per round and per epoch and the test accuracy. The options are the train command's network
# and training options (--hidden, --activation, --optimizer, --learning-rate, --momentum,
# --epochs, --batch-size, --seed, --train-size, --summary-json) plus --master, --partitions,
# --average-every, --[no-]scale-learning-rate, --average-optimizer-state and the backends';
# --help lists them. MNIST must be in data/mnist (scripts/fetch-mnist.sh). E.g.
#   scripts/spark-train.sh --master 'local[2]' --summary-json target/spark-summary.json
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/spark-run.sh"
spark_java io.nn4j.spark.demo.SparkTrain "$@"
