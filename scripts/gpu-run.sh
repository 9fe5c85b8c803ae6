#!/usr/bin/env bash
# Runs the OpenCL backend from target/gpu-bundle (scripts/gpu-bundle.sh) on a machine with a
# GPU and no JDK; writes results to $OUT (default /tmp/gpu-out). Phases, in the order given:
#   info         the GPU, and the backends the demo finds
#   conformance  the OpenCL module's tests with -Dnn.opencl.required=true (JUnit XML in $OUT)
#   demo         MNIST config S and L, EPOCHS (default 5) epochs, summary JSON in $OUT
#   torch        the PyTorch references (nn-benchmarks/reference/torch_*.py), where torch is
#   jmh-gemm     GemmBenchmark on the opencl backend
#   jmh-step     TrainingStepBenchmark on the opencl backend
# e.g. scripts/gpu-run.sh info conformance demo torch jmh-step jmh-gemm
# Environment: GEMM forces a kernel family (blocked, blocked_wide, tiled), as -Dnn.opencl.gemm.
# Where the machine's ICD loader knows no driver, OCL_ICD_FILENAMES=libnvidia-opencl.so.1
# points it at NVIDIA's.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle=$root/target/gpu-bundle
out=${OUT:-/tmp/gpu-out}
runtime=/tmp/nn4j-gpu
if [[ ! -f $bundle/jre.tar.xz ]]; then
    echo "gpu-run.sh: no bundle in $bundle; run scripts/gpu-bundle.sh first" >&2
    exit 1
fi
mkdir -p "$out" "$runtime/mnist"
rm -rf "$runtime/jre"
tar -C "$runtime" -xJf "$bundle/jre.tar.xz"
java=$runtime/jre/bin/java
# The cpu backend's bundled OpenBLAS travels outside the jars (gpu-bundle.sh); netlib's own
# property points the backend at it, for every JVM started here.
rm -rf "$runtime/openblas"
tar -C "$runtime" -xJf "$bundle/openblas.tar.xz"
export JDK_JAVA_OPTIONS="-Ddev.ludovic.netlib.blas.nativeLibPath=$runtime/openblas/libopenblas.so.0"
if ! ldconfig -p | grep -q 'libOpenCL\.so\.1'; then
    loader=("$bundle"/ocl-icd-libopencl1_*.deb)
    if [[ ! -f ${loader[0]} ]]; then
        echo "gpu-run.sh: this machine has no OpenCL ICD loader and the bundle none to unpack" >&2
        exit 1
    fi
    dpkg -x "${loader[0]}" "$runtime/ocl"
    export LD_LIBRARY_PATH=$runtime/ocl/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
for file in "$bundle"/data/*.gz; do
    name=$(basename "$file" .gz)
    [[ -f $runtime/mnist/$name ]] || gunzip -c "$file" > "$runtime/mnist/$name"
done
family=()
[[ -n ${GEMM:-} ]] && family=("-Dnn.opencl.gemm=$GEMM")
configs=("S --hidden 128 --batch-size 64" "L --hidden 1024,1024 --batch-size 256")

for phase in "$@"; do
    echo "===== $phase $(date -u +%T)"
    case $phase in
        info)
            nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
            "$java" -jar "$bundle/nn-mnist.jar" backends ;;
        conformance)
            classpath="$bundle/opencl-test-classes:$(ls "$bundle"/lib/*.jar | tr '\n' ':')"
            "$java" -Dnn.opencl.required=true "${family[@]}" -cp "$classpath" \
                org.junit.platform.console.ConsoleLauncher execute \
                --select-package io.nn4j.backend.opencl --details=summary --disable-banner \
                --reports-dir "$out/junit" 2>&1 | grep -v '^\s*at ' | tail -40 ;;
        demo)
            for config in "${configs[@]}"; do
                read -r name options <<< "$config"
                # shellcheck disable=SC2086
                "$java" "${family[@]}" -jar "$bundle/nn-mnist.jar" train --backend opencl \
                    --data-dir "$runtime/mnist" $options --epochs "${EPOCHS:-5}" --no-report \
                    --summary-json "$out/e2e-$name-opencl.json" | grep -v '%'
            done ;;
        torch)
            python3 "$root/nn-benchmarks/reference/torch_gemm.py"
            for config in "${configs[@]}"; do
                read -r name options <<< "$config"
                # shellcheck disable=SC2086
                python3 "$root/nn-benchmarks/reference/torch_mlp.py" --data-dir "$runtime/mnist" \
                    $options --epochs "${EPOCHS:-5}" --summary-json "$out/e2e-$name-torch.json"
            done ;;
        jmh-gemm|jmh-step)
            suite='\.GemmBenchmark\.'; profile=(-f 1 -wi 1 -w 1s -i 3 -r 500ms)
            if [[ $phase == jmh-step ]]; then
                suite=TrainingStepBenchmark; profile=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
            fi
            jvm=()
            [[ -n ${GEMM:-} ]] && jvm=(-jvmArgsAppend "-Dnn.opencl.gemm=$GEMM")
            "$java" -jar "$bundle/benchmarks.jar" "${profile[@]}" "${jvm[@]}" -p backend=opencl \
                -rf json -rff "$out/$phase.json" "$suite" 2>&1 | sed -n '/^Benchmark /,$p' ;;
        *)
            echo "gpu-run.sh: unknown phase $phase (see the comment at the top)" >&2
            exit 2 ;;
    esac
done
