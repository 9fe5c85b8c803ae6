#!/usr/bin/env bash
# Sourced by the scripts that start JVMs which may load PoCL (the OpenCL probe does): preloads
# HotSpot's signal-chaining library, because PoCL takes over SIGSEGV without chaining to the
# JVM's handler and a JVM can then die at a safepoint poll (see docs/backends.md). The library
# is that of the JDK of `nn_java` when a script chose one (scripts/demo-jvm.sh does), else of
# `java` on the PATH.
java_home="$(dirname "$(dirname "$(readlink -f "${nn_java:-$(command -v java)}")")")"
if [[ -f "$java_home/lib/libjsig.so" ]]; then
  export LD_PRELOAD="$java_home/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi
