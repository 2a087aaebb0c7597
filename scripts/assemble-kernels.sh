#!/usr/bin/env bash
# assemble-kernels.sh [--check]: assembles every kernels/wat/*.wat into the
# .wasm beside it with wabt's wat2wasm (installing Debian's wabt when it is
# missing). The assembled modules are committed, so `make run` needs no
# wabt; with --check nothing is written and the script fails when a
# committed module differs from what its source assembles to.
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = "--check" ] && check=true
./scripts/ensure-package.sh wat2wasm wabt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stale=0
for src in kernels/wat/*.wat; do
  out=${src%.wat}.wasm
  wat2wasm "$src" -o "$tmp/out.wasm"
  if $check; then
    if ! cmp -s "$tmp/out.wasm" "$out"; then
      echo "assemble-kernels: $out does not match $src; run scripts/assemble-kernels.sh and commit the result" >&2
      stale=1
    fi
  else
    cp "$tmp/out.wasm" "$out"
  fi
done
exit $stale
