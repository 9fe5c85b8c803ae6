#!/usr/bin/env bash
# Sourced by the scripts that start JVMs which may load PoCL (the OpenCL probe does): preloads
# HotSpot's signal-chaining library, because PoCL takes over SIGSEGV without chaining to the
# JVM's handler and a JVM can then die at a safepoint poll (see docs/backends.md).
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
if [[ -f "$java_home/lib/libjsig.so" ]]; then
  export LD_PRELOAD="$java_home/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi

# Keeps what the JVM learns at start-up between runs of one jar, so that a later run starts
# faster. `nn_jvm_cached_jar JAR` copies JAR to target/jvm/ when its bytes changed (Maven
# rewrites the file on every build, and an archive is only valid for the very file it was made
# from; the build is reproducible, so an unchanged build leaves the copy alone) and sets
# `nn_jar` to the copy and `nn_class_cache` to the options for it: on JDK 25 and later an AOT
# cache (classes loaded and linked, method profiles), on JDK 19 to 24 a dynamic CDS archive the
# JVM makes and renews itself, on JDK 17 and 18 a dynamic CDS archive made at the exit of the
# first run and used by the next ones. Each is made once, by the first run after a change.
nn_jvm_cached_jar() {
  local source=$1 dir archive version
  dir=target/jvm
  mkdir -p "$dir"
  nn_jar="$dir/$(basename "$source")"
  if ! cmp -s "$source" "$nn_jar"; then
    cp "$source" "$nn_jar.tmp" && mv "$nn_jar.tmp" "$nn_jar"
    rm -f "${nn_jar%.jar}".jsa "${nn_jar%.jar}".aot
  fi
  version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2> /dev/null)"
  version=${version:-17}
  if (( version >= 25 )); then
    archive="${nn_jar%.jar}.aot"
    if [[ -f $archive ]]; then
      nn_class_cache=(-XX:AOTCache="$archive")
    else
      nn_class_cache=(-XX:AOTCacheOutput="$archive" -Xlog:aot=off -Xlog:cds=off)
    fi
  elif (( version >= 19 )); then
    nn_class_cache=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="${nn_jar%.jar}.jsa"
      -Xlog:cds=off)
  else
    archive="${nn_jar%.jar}.jsa"
    if [[ -f $archive ]]; then
      nn_class_cache=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off)
    else
      nn_class_cache=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off)
    fi
  fi
}
