#!/usr/bin/env python3
"""Whole-process time and peak memory of the demo's `train` against the NumPy reference script.

Runs, alternating, in pairs: the demo's 5-epoch S run as scripts/demo.sh starts it (report on),
the same with --no-report, and numpy_mlp.py (the whole script: start, data, five epochs with a
test evaluation each). Each run's wall time from fork to exit and its peak RSS (from wait4) are
kept; the first epoch of each nn4j run is compared with the median of its other epochs. Prints
the medians and the ratios, each over the pairs of one sitting.

    python3 nn-benchmarks/reference/time_to_result.py --pairs 6 [--java-option OPTION ...]

Run it from the repository root after scripts/demo.sh (which builds the jar), on a machine that
is otherwise idle.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def demo_command():
    """The java command line scripts/demo.sh runs (its Java, options and ahead-of-time cache,
    recorded first when missing), less its train arguments, and the environment variables it
    sets for it (OPENBLAS_NUM_THREADS, LD_PRELOAD)."""
    script = ("source scripts/demo-jvm.sh; source scripts/jvm-env.sh;"
              " source scripts/openblas-env.sh; nn_demo_blas_threads;"
              " nn_demo_aot nn-mnist/target/nn-mnist.jar \"$nn_blas_option\";"
              " printf '%s\\n' \"${OPENBLAS_NUM_THREADS:-}\" \"${LD_PRELOAD:-}\" \"$nn_java\""
              " \"${nn_java_options[@]}\" \"$nn_blas_option\" -jar \"$nn_jar\"")
    words = subprocess.run(["bash", "-c", script], check=True, capture_output=True,
                           text=True).stdout.split("\n")[:-1]
    settings = {"OPENBLAS_NUM_THREADS": words[0], "LD_PRELOAD": words[1]}
    return words[2:], {name: value for name, value in settings.items() if value}


def run(command, environment):
    """Wall seconds and peak RSS in MiB of one run; its output is discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--java-option", action="append", default=[],
                        help="an extra JVM option for the nn4j runs")
    parser.add_argument("--baseline-jar",
                        help="an older nn-mnist.jar to run too (report on), for a before/after"
                             " ratio; it runs with OpenBLAS's default threads")
    args = parser.parse_args()

    environment = dict(os.environ)
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        environment.pop(name, None)
    work = Path(tempfile.mkdtemp(prefix="nn4j-ttr-"))
    java, settings = demo_command()
    nn4j_environment = dict(environment)
    nn4j_environment.update(settings)
    java = java[:1] + args.java_option + java[1:]
    summary = work / "summary.json"
    train = ["train", "--no-progress", "--summary-json", str(summary)]
    runs = {
        "nn4j, report on": java + train + ["--report-dir", str(work / "report")],
        "nn4j, report off": java + train + ["--no-report"],
        "numpy script": [sys.executable, "nn-benchmarks/reference/numpy_mlp.py",
                         "--data-dir", "data/mnist", "--hidden", "128", "--batch-size", "64",
                         "--epochs", "5"],
    }
    if args.baseline_jar:
        runs["baseline jar, on"] = ["java", "-Dnn.cpu.blas=bundled", "-jar", args.baseline_jar,
                                    *train, "--report-dir", str(work / "baseline")]
    seconds = {name: [] for name in runs}
    memory = {name: [] for name in runs}
    first_epoch_ratios = []
    for _ in range(args.pairs):
        for name, command in runs.items():
            wall, rss = run(command, nn4j_environment if name.startswith("nn4j")
                            else environment)
            seconds[name].append(wall)
            memory[name].append(rss)
            if name.startswith("nn4j"):
                epochs = json.loads(summary.read_text())["epoch_seconds"]
                first_epoch_ratios.append(epochs[0] / statistics.median(epochs[1:]))

    print(f"{args.pairs} alternating rounds; nn4j runs {' '.join(java[:-2])}"
          f" with {settings or 'no extra environment'}")
    for name in runs:
        print(f"{name:18s} wall median {statistics.median(seconds[name]):.2f} s"
              f" (min {min(seconds[name]):.2f}, max {max(seconds[name]):.2f}),"
              f" peak RSS median {statistics.median(memory[name]):.0f} MiB")
    reference = statistics.median(seconds["numpy script"])
    for name in ("nn4j, report on", "nn4j, report off", "baseline jar, on"):
        if name in seconds:
            print(f"ratio {name} / numpy script:"
                  f" {statistics.median(seconds[name]) / reference:.2f}")
    print(f"first epoch / median of the other epochs (nn4j runs): median"
          f" {statistics.median(first_epoch_ratios):.2f}, max {max(first_epoch_ratios):.2f}")


if __name__ == "__main__":
    main()
