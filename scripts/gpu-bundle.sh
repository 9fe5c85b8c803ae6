#!/usr/bin/env bash
# Builds target/gpu-bundle: what the OpenCL backend's tests, the demo and the benchmarks need
# to run on a machine with a GPU but no JDK and no network (a lent GPU machine), about 55 MB:
#   - a jlink runtime of this machine's JDK, xz-compressed;
#   - nn-mnist.jar and benchmarks.jar, without the cpu backend's bundled OpenBLAS, which goes
#     once, xz-compressed, beside them (in each jar it would take the bundle past 64 MB);
#   - the OpenCL module's test classes, their class path and JUnit's console launcher;
#   - the MNIST files, gzip-compressed;
#   - Debian's ICD loader package, for a machine that has none.
# Copy or carry the work tree with it there and run scripts/gpu-run.sh (see that script).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bundle=target/gpu-bundle
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scripts/fetch-mnist.sh
mvn -B -ntp -q install -DskipTests -DskipITs -Dmaven.javadoc.skip -Dmaven.source.skip
rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/data"

jlink --add-modules java.base,java.logging,java.xml,java.management,jdk.management,jdk.unsupported,java.desktop,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --output "$work/jre"
tar -C "$work" -cJf "$bundle/jre.tar.xz" jre

cp nn-mnist/target/nn-mnist.jar nn-benchmarks/target/benchmarks.jar "$bundle/"
zip -q -d "$bundle/nn-mnist.jar" 'org/bytedeco/*'
zip -q -d "$bundle/benchmarks.jar" 'org/bytedeco/*'
cp -r nn-backend-opencl/target/test-classes "$bundle/opencl-test-classes"
cp nn-backend-opencl/target/nn-backend-opencl-*.jar "$bundle/lib/"
(cd nn-backend-opencl && mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath.txt")
tr ':' '\n' < "$work/classpath.txt" | grep -v -e junit -e opentest4j -e apiguardian -e jspecify \
    -e bytedeco | xargs -I{} cp {} "$bundle/lib/"
openblas_jar=$(tr ':' '\n' < "$work/classpath.txt" | grep bytedeco)
mkdir "$work/openblas"
unzip -q -j "$openblas_jar" 'org/bytedeco/openblas/linux-x86_64/libopenblas.so.0' \
    'org/bytedeco/openblas/linux-x86_64/libgfortran.so.5' \
    'org/bytedeco/openblas/linux-x86_64/libquadmath.so.0' \
    'org/bytedeco/openblas/linux-x86_64/libgcc_s.so.1' -d "$work/openblas"
tar -C "$work" -cJf "$bundle/openblas.tar.xz" openblas
junit=$(mvn -B -ntp -q -Dstyle.color=never help:evaluate -Dexpression=junit.version \
    -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')
mvn -B -ntp -q dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" \
    -DoutputDirectory="$bundle/lib"

for file in data/mnist/*-ubyte; do
    gzip -9 -c "$file" > "$bundle/data/$(basename "$file").gz"
done
if ! (cd "$bundle" && apt-get download -qq ocl-icd-libopencl1); then
    echo "gpu-bundle.sh: could not download ocl-icd-libopencl1 (apt-get update first?);" \
        "the bundle will need the GPU machine's own ICD loader" >&2
fi
du -sh "$bundle"
