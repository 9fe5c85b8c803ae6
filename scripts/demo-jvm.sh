#!/usr/bin/env bash
# Sourced by scripts/demo.sh and nn-benchmarks/reference/time_to_result.py, before
# scripts/jvm-env.sh: the JVM the demo runs on, and its options.
#
# `nn_java`: $NN_DEMO_JAVA when set; else the newest Java of version 25 or later among `java` on
# the PATH, $JAVA_HOME's and those in /usr/lib/jvm (where Debian's and Adoptium's packages
# install them), because its ahead-of-time cache starts the demo sooner
# (docs/benchmarks.md#time-to-result); else `java` on the PATH. The project is compiled for
# Java 17 and runs on any later Java.
# `nn_java_options`: -XX:+UseTransparentHugePages (the heap's memory is faulted in 2 MiB pages
# where the kernel allows it, about a tenth of a second sooner for the demo's run); on Java 25
# or later, the cache of `nn_demo_aot`.

# The feature version (17, 25, ...) of the JDK a java binary belongs to, from its release file;
# 0 when it cannot tell.
nn_java_feature() {
  local release version
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null || true)"
  echo "${version:-0}"
}

nn_java="${NN_DEMO_JAVA:-}"
if [[ -z $nn_java ]]; then
  nn_java="$(command -v java)"
  for nn_candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
    if [[ -x $nn_candidate ]] && (( $(nn_java_feature "$nn_candidate") >= 25 )) \
        && (( $(nn_java_feature "$nn_candidate") > $(nn_java_feature "$nn_java") )); then
      nn_java="$nn_candidate"
    fi
  done
  unset nn_candidate
fi
nn_java_options=(-XX:+UseTransparentHugePages)

# `nn_demo_aot JAR [JAVA-OPTION ...]`: sets `nn_jar`, the jar to run. On Java 25 or later that
# is a copy of JAR named by its content, in aot/ beside JAR, and -XX:AOTCache is added to
# `nn_java_options`: the cache is recorded first (a few seconds, once per content of JAR and per
# Java version) from a short training run with the report, started with the options given. A
# copy, because the JVM accepts a cache only for the very file it was recorded with (its
# modification time included), and every build rewrites JAR. A recording that fails leaves no
# cache, and the demo runs JAR without one.
nn_demo_aot() {
  local jar="$1" version dir name pinned
  shift
  nn_jar="$jar"
  (( $(nn_java_feature "$nn_java") >= 25 )) || return 0
  version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' \
    "$(dirname "$(dirname "$(readlink -f "$nn_java")")")/release")"
  dir="$(dirname "$(readlink -f "$jar")")/aot"
  name="$(basename "$jar" .jar)"
  pinned="$dir/$name-$(sha1sum "$jar" | cut -c1-12)"
  if [[ ! -s $pinned-java$version.aot ]]; then
    echo "demo: recording the ahead-of-time cache of Java $version for $(basename "$jar")" \
      "(once per build, a few seconds)" >&2
    mkdir -p "$dir"
    rm -f "$dir/$name"-*
    cp "$jar" "$pinned.jar"
    if ! "$nn_java" "${nn_java_options[@]}" "$@" -XX:AOTCacheOutput="$pinned.partial" \
        -jar "$pinned.jar" train --epochs 1 --train-size 15000 --no-progress \
        --report-dir "$dir/report" >"$dir/record.log" 2>&1; then
      echo "demo: recording failed (see $dir/record.log); running without the cache" >&2
      rm -f "$dir/$name"-*
      return 0
    fi
    mv "$pinned.partial" "$pinned-java$version.aot"
  fi
  nn_jar="$pinned.jar"
  nn_java_options+=(-XX:AOTCache="$pinned-java$version.aot")
}
