#!/usr/bin/env bash
# Runs the quick JMH profile of nn-benchmarks on every backend available here and publishes
# the figures in docs/benchmarks.md (tables) and docs/images/ (bar charts).
#
#   scripts/bench-quick.sh                  quick profile (under 10 minutes on 2 cores), report
#   scripts/bench-quick.sh --end-to-end     MNIST epochs of config S and L per backend (and in
#                                           NumPy, when python3 has it, as the reference), report
#   scripts/bench-quick.sh --report-only    redraw the report from the last results
#   scripts/bench-quick.sh --build ...      rebuild benchmarks.jar first (it is rebuilt anyway
#                                           when missing or older than a source or pom)
#   scripts/bench-quick.sh -- JMH-ARGS...   more JMH options, e.g. -- -p size=256x256x256 GemmBenchmark
#
# Environment: BENCH_PROFILE replaces the quick profile's JMH options (forks, warmup and
# measurement), e.g. BENCH_PROFILE="-f 1 -wi 0 -i 1 -r 100ms" for a smoke run; EPOCHS sets the
# end-to-end epochs (default 1) and RUNS how many times each configuration runs (default 1; the
# report shows the median run and the range).
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/jvm-env.sh
source scripts/openblas-env.sh
command_line="scripts/bench-quick.sh${*:+ $*}"
if [[ -n ${BENCH_PROFILE:-} ]]; then
    command_line="BENCH_PROFILE=\"$BENCH_PROFILE\" $command_line"
fi
for setting in RUNS EPOCHS; do
    if [[ -n ${!setting:-} ]]; then
        command_line="$setting=${!setting} $command_line"
    fi
done
jar=nn-benchmarks/target/benchmarks.jar
demo=nn-mnist/target/nn-mnist.jar
out=nn-benchmarks/target/jmh
json=$out/quick.json
# One fork; one 1 s warmup and three 0.5 s measurements per parameter combination.
read -r -a quick_profile <<< "${BENCH_PROFILE:--f 1 -wi 1 -w 1s -i 3 -r 500ms}"

mode=jmh
build=no
jmh_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --end-to-end) mode=end-to-end ;;
        --report-only) mode=report ;;
        --build) build=yes ;;
        --) shift; jmh_args=("$@"); break ;;
        *) echo "bench-quick.sh: unknown option $1 (see the comment at the top)" >&2; exit 2 ;;
    esac
    shift
done

# Built from this reactor (-am), so the jar holds the backends of this work tree; a report-only
# run just needs a jar.
if [[ $build == yes || ! -f $jar ]] || { [[ $mode != report ]] \
    && [[ -n $(find pom.xml nn-*/pom.xml nn-*/src -newer "$jar" -print -quit) ]]; }; then
    mvn -q -pl nn-benchmarks -am -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package
fi
mkdir -p "$out"

available_backends() {
    local names
    if ! names=$(java "$nn_blas_option" -cp "$jar" io.nn4j.bench.AvailableBackends); then
        echo "bench-quick.sh: no backend can run here (see the log above)" >&2
        exit 1
    fi
    echo "$names"
}

run_jmh() {
    local backends
    backends=$(available_backends)
    echo "Quick profile on backends: $backends" >&2
    local started=$SECONDS
    java "$nn_blas_option" -jar "$jar" "${quick_profile[@]}" -p backend="$backends" \
        -rf json -rff "$json" "${jmh_args[@]}"
    echo "$command_line" > "$json.command"
    local took=$((SECONDS - started))
    echo "Quick profile took $((took / 60)) min $((took % 60)) s" >&2
    if ((took >= 600)); then
        echo "bench-quick.sh: WARNING: the quick profile took over 10 minutes" >&2
    fi
}

run_end_to_end() {
    if [[ ! -f $demo ]]; then
        mvn -q -pl nn-mnist -am -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package
    fi
    local backends epochs=${EPOCHS:-1} runs=${RUNS:-1} numpy=yes
    backends=$(available_backends)
    if ! python3 -c 'import numpy' 2> /dev/null; then
        numpy=no
        echo "bench-quick.sh: no python3 with NumPy here, so no NumPy reference rows" >&2
    fi
    rm -f "$out"/e2e-*.json
    local backend run
    for ((run = 1; run <= runs; run++)); do
        for backend in ${backends//,/ }; do
            echo "MNIST config S on $backend, run $run of $runs" >&2
            java "$nn_blas_option" -jar "$demo" train --backend "$backend" --hidden 128 \
                --batch-size 64 --epochs "$epochs" --no-report \
                --summary-json "$out/e2e-S-$backend-$run.json"
            echo "MNIST config L on $backend, run $run of $runs" >&2
            java "$nn_blas_option" -jar "$demo" train --backend "$backend" --hidden 1024,1024 \
                --batch-size 256 --epochs "$epochs" --no-report \
                --summary-json "$out/e2e-L-$backend-$run.json"
        done
        if [[ $numpy == yes ]]; then
            echo "MNIST config S and L in NumPy, run $run of $runs" >&2
            python3 nn-benchmarks/reference/numpy_mlp.py --data-dir data/mnist --hidden 128 \
                --batch-size 64 --epochs "$epochs" --summary-json "$out/e2e-S-numpy-$run.json"
            python3 nn-benchmarks/reference/numpy_mlp.py --data-dir data/mnist \
                --hidden 1024,1024 --batch-size 256 --epochs "$epochs" \
                --summary-json "$out/e2e-L-numpy-$run.json"
        fi
    done
    echo "$command_line" > "$out/e2e.command"
}

report() {
    local args=(--doc docs/benchmarks.md --images docs/images --jmh "$json")
    [[ -f $json.command ]] && args+=(--jmh-command "$(cat "$json.command")")
    [[ -f $out/e2e.command ]] && args+=(--end-to-end-command "$(cat "$out/e2e.command")")
    local summary name
    for summary in "$out"/e2e-S-*.json "$out"/e2e-L-*.json; do
        [[ -f $summary ]] || continue
        name=$(basename "$summary" .json)   # e2e-CONFIG-BACKEND-RUN
        name=${name#e2e-}
        args+=(--end-to-end "${name%%-*}=$summary")
    done
    java -Djava.awt.headless=true -cp "$jar" io.nn4j.bench.report.BenchmarkReport "${args[@]}"
}

case $mode in
    jmh) run_jmh ;;
    end-to-end) run_end_to_end ;;
    report) ;;
esac
report
