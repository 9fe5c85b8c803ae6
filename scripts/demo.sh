#!/usr/bin/env bash
# The main job: set up, build, and train 784-128-10 on MNIST for 5 epochs on the default backend
# (the best available one; see `java -jar nn-mnist/target/nn-mnist.jar backends`), then write the
# report folder target/mnist-report (loss.png, accuracy.png, confusion.png, misclassified.png,
# weights.png, summary.json), the summary JSON target/mnist-summary.json and the trained model
# target/mnist-model.nn4j.
# It runs on the newest Java of version 25 or later when one is installed, with an ahead-of-time
# cache that it records once per build (scripts/demo-jvm.sh), else on `java`.
# Arguments go to the demo's train command after these defaults and override them, e.g.
#   scripts/demo.sh --backend cpu
#   scripts/demo.sh --dataset fashion --epochs 10
#   scripts/demo.sh --optimizer adam --hidden 256,128 --dropout 0.2 --epochs 10
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
# The demo needs the jars, not the sources and javadoc jars.
mvn -B -ntp -q package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
mkdir -p target
source scripts/demo-jvm.sh
source scripts/jvm-env.sh
source scripts/openblas-env.sh
nn_demo_blas_threads
nn_demo_aot nn-mnist/target/nn-mnist.jar "$nn_blas_option"
"$nn_java" "${nn_java_options[@]}" "$nn_blas_option" -jar "$nn_jar" train \
  --report-dir target/mnist-report \
  --summary-json target/mnist-summary.json --save-model target/mnist-model.nn4j "$@"
