#!/usr/bin/env bash
# Sourced by spark-train.sh and spark-compare.sh: builds nn-spark-demo and its reactor modules
# (jars only, no tests), writes the class path Maven resolves for it (nn4j's jars from the
# build, Spark 4.2.0 and the rest from the local Maven repository: no fat jar, and Spark never
# enters nn-mnist.jar), and defines `spark_java MAIN ARGS...`, which runs a main class on it with
# the JVM options Spark's launcher adds (the parent pom's spark.module.options).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -ntp -q -pl nn-spark-demo -am package dependency:build-classpath -DskipTests \
  -Dmaven.javadoc.skip -Dmaven.source.skip -Dinvoker.skip=true \
  -Dmdep.outputFile=target/spark-classpath.txt -Dmdep.includeScope=test
spark_classpath="nn-spark-demo/target/nn-spark-demo-0.1.0-SNAPSHOT.jar:$(cat nn-spark-demo/target/spark-classpath.txt)"
read -r -a spark_module_options <<< "$(mvn -B -ntp -q -N help:evaluate \
  -Dexpression=spark.module.options -DforceStdout)"
source scripts/jvm-env.sh
source scripts/openblas-env.sh
spark_java() {
  local main="$1"
  shift
  java -Xmx6g "${spark_module_options[@]}" "$nn_blas_option" \
    -Dnn.mnist.dir="$root/data/mnist" -cp "$spark_classpath" "$main" "$@"
}
