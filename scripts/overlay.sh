#!/usr/bin/env bash
# overlay.sh DIR: prepares the page's build to replace a few files of the
# pinned Ebiten with the project's own (wasm/overlay/overlay.go says which and
# why), and prints the go build flags that do it. Every file under
# wasm/overlay/ebiten/ (tests aside) replaces the file of the same path in
# Ebiten, such as wasm/overlay/ebiten/internal/builtinshader/shader.go for
# Ebiten's internal/builtinshader/shader.go.
#
# The go command refuses an overlay of files in the module cache, so DIR
# gets an unmodified copy of the pinned Ebiten, a go.mod pointing at it
# (-modfile) and the overlay JSON (-overlay, absolute paths) replacing
# files of that copy. The copy is never edited: the overlay is the change.
set -euo pipefail
dir=${1:?usage: overlay.sh DIR}
cd "$(dirname "$0")/.."
GO=${GO:-go}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
module=github.com/hajimehoshi/ebiten/v2
version=$("$GO" list -m -f '{{.Version}}' "$module")
src=$(GOOS=js GOARCH=wasm "$GO" list -f '{{.Dir}}' "$module")
copy=$dir/ebiten-$version
if [ ! -f "$copy/go.mod" ]; then
  rm -rf "$dir"/ebiten-*
  mkdir -p "$copy.tmp"
  # The examples are not part of any build; leaving them out halves the copy.
  (cd "$src" && tar --exclude=./examples -cf - .) | tar -C "$copy.tmp" --no-same-permissions -xf -
  chmod -R u+w "$copy.tmp"
  mv "$copy.tmp" "$copy"
fi
cp go.mod "$dir/go.mod"
cp go.sum "$dir/go.sum"
"$GO" mod edit -replace="$module=$copy" "$dir/go.mod"

root=$PWD/wasm/overlay/ebiten
json_string() { # these paths have no quotes or backslashes; refuse any that do
  case $1 in *[\"\\]*) echo "overlay: unexpected path $1" >&2; exit 1 ;; esac
  printf '"%s"' "$1"
}
{
  printf '{"Replace": {'
  sep=""
  while IFS= read -r file; do
    rel=${file#"$root"/}
    # A file Ebiten does not have must say it is added (wasm/overlay/overlay.go).
    [ -f "$copy/$rel" ] || grep -q '^// Added to Ebiten' "$file" ||
      { echo "overlay: Ebiten $version has no $rel to replace" >&2; exit 1; }
    printf '%s\n  %s: %s' "$sep" "$(json_string "$copy/$rel")" "$(json_string "$file")"
    sep=","
  done < <(find "$root" -name '*.go' ! -name '*_test.go' | sort)
  printf '\n}}\n'
} > "$dir/overlay.json"
echo "-modfile=$dir/go.mod -overlay=$dir/overlay.json -tags=ebitenoverlay"
