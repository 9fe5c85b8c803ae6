#!/usr/bin/env bash
# The main job: set up, build, and train 784-128-10 on MNIST for 5 epochs, then report.
# Arguments replace the default "--backend cpu" and go to the demo's train command.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
mvn -B -ntp -q package -DskipTests
mkdir -p target
# Without arguments: the reference run (784-128-10, ReLU, softmax + cross-entropy, SGD 0.1,
# batch 64, seed 42, 5 epochs) on the cpu backend. The demo's defaults give the rest.
[ $# -gt 0 ] || set -- --backend cpu
java -jar nn-mnist/target/nn-mnist.jar train --summary-json target/mnist-summary.json "$@"
