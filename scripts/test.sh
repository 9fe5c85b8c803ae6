#!/usr/bin/env bash
# The whole test suite: unit tests, the conformance kit on every backend (OpenCL required, on
# PoCL when there is no GPU), and the integration tests that train on the real MNIST files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
mvn -B -ntp -Dnn.opencl.required=true verify "$@"
