#!/usr/bin/env bash
# Sourced by spark-train.sh and spark-compare.sh: builds nn-spark-demo and its reactor modules
# (jars only, no tests), writes the class path Maven resolves for it (nn4j's jars from the
# build, Spark 4.2.0 and the rest from the local Maven repository: no fat jar, and Spark never
# enters nn-mnist.jar), and defines `spark_java MAIN ARGS...`, which runs a main class on it with
# the JVM options Spark's launcher adds (the parent pom's spark.module.options).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -ntp -q -Dstyle.color=never -pl nn-spark-demo -am package dependency:build-classpath -DskipTests \
  -Dmaven.javadoc.skip -Dmaven.source.skip -Dinvoker.skip=true \
  -Dmdep.outputFile=target/spark-classpath.txt -Dmdep.includeScope=test
spark_classpath="nn-spark-demo/target/nn-spark-demo-0.1.0-SNAPSHOT.jar:$(cat nn-spark-demo/target/spark-classpath.txt)"
read -r -a spark_module_options <<< \
  "$(sed -n 's:.*<spark.module.options>\(.*\)</spark.module.options>.*:\1:p' pom.xml)"
source scripts/jvm-env.sh
source scripts/openblas-env.sh
# A local master runs its tasks in this JVM: OpenBLAS's threads per call must be
# spark.task.cpus (1 unless set), or the tasks' BLAS threads fight over the cores (an S epoch in
# local[2] took 26-34 s instead of 1.5 with two threads per call; docs/spark.md).
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
spark_java() {
  local main="$1"
  shift
  java -Xmx6g "${spark_module_options[@]}" "$nn_blas_option" \
    -Dlogback.configurationFile=nn4j-spark-demo-logback.xml \
    -Dnn.mnist.dir="$root/data/mnist" -cp "$spark_classpath" "$main" "$@"
}
