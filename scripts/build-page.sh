#!/usr/bin/env bash
# build-page.sh [BUILD]: builds the page's files into BUILD (default build;
# run by `make build`): the Go program (with the Ebiten overlay, see
# scripts/overlay.sh), Go's wasm_exec.js, the loader and the kernels, each
# named by its content (worker/cmd/contentnames, which writes
# BUILD/manifest.json), and the program's and scripts' gzip and brotli
# copies, which the server sends to browsers that take them. The new build
# is made beside BUILD and replaces it whole, so no stale file stays.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
GO=${GO:-go}
./scripts/ensure-package.sh brotli
new=$build.new
rm -rf "$new"
mkdir -p "$new/kernels"
overlay=$(./scripts/overlay.sh out/overlay)
# shellcheck disable=SC2086 # $overlay is three flags
GOOS=js GOARCH=wasm "$GO" build -trimpath -ldflags='-s -w' $overlay -o "$new/app.wasm" ./wasm
cp "$("$GO" env GOROOT)/lib/wasm/wasm_exec.js" wasm/loader.js "$new/"
cp kernels/instantiate.js kernels/wat/*.wasm "$new/kernels/"
"$GO" run ./worker/cmd/contentnames -dir "$new"
# Small files are not worth a compressed copy (the server gzips text on
# the fly; see worker/compress.go).
find "$new" -type f \( -name '*.wasm' -o -name '*.js' \) -size +1k | while IFS= read -r f; do
  gzip -9 -n -k -f "$f"
  brotli -q 11 -k -f "$f"
done
rm -rf "$build"
mv "$new" "$build"
