#!/usr/bin/env bash
# Makes Fashion-MNIST available to the demo (train/eval/predict/binary --dataset fashion):
# installs Debian's dataset-fashion-mnist package when its files are missing (apt-get, as root or
# through sudo), then checks the four gzip-compressed IDX files it installs in
# /usr/share/datasets/fashion-mnist against their known SHA-256 (the same ones the demo checks
# before reading them). Safe to run again: it installs nothing when the files are there and right.
set -euo pipefail

dir=/usr/share/datasets/fashion-mnist
package=dataset-fashion-mnist

declare -A expected=(
  [train-images-idx3-ubyte.gz]=b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7
  [train-labels-idx1-ubyte.gz]=0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056
  [t10k-images-idx3-ubyte.gz]=cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa
  [t10k-labels-idx1-ubyte.gz]=8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05
)
names=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz
  t10k-labels-idx1-ubyte.gz)

wrong_files() {
  local name
  for name in "${names[@]}"; do
    if [[ ! -f "$dir/$name" ]] \
        || [[ "$(sha256sum "$dir/$name" | cut -d' ' -f1)" != "${expected[$name]}" ]]; then
      echo "$name"
    fi
  done
}

if [[ -z "$(wrong_files)" ]]; then
  echo "fetch-fashion-mnist: all 4 Fashion-MNIST files in $dir are present and verified;" \
    "nothing to do"
  exit 0
fi

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || {
    echo "fetch-fashion-mnist: installing $package needs root or sudo" >&2
    exit 1
  }
  sudo="sudo"
fi
echo "fetch-fashion-mnist: installing Debian's $package"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  "$package" >/dev/null

wrong="$(wrong_files)"
if [[ -n "$wrong" ]]; then
  echo "fetch-fashion-mnist: after installing $package these files in $dir are missing or" \
    "have an unexpected SHA-256:" $wrong >&2
  exit 1
fi
echo "fetch-fashion-mnist: installed $package; all 4 Fashion-MNIST files in $dir verified"
