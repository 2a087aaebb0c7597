// Package overlay records the Ebiten files the page's build replaces with
// its own (go build -overlay, written by scripts/overlay.sh from the files
// under ebiten/), and finds the originals for the tests that keep the
// replacements honest.
//
// Why: Ebiten v2.10.4's internal/builtinshader and internal/colormshader
// make their shader text with text/template, whose reflect.Value.MethodByName
// call makes the linker keep every exported method of every type that
// reaches an interface (golang/go#62024); with dom/v2's thousands of
// methods that more than doubled the program. The replacements make the
// same text from string pieces (checked byte for byte against the upstream
// template, for every variant). internal/debug's caller.go brings in
// go/build to find Ebiten's source folder, which a browser never has: the
// replacement answers as upstream does there. internal/ui's context.go
// presents a frame the game did not draw only once, not four times (its
// header says why); it carries the build tag ebitenoverlay, which the
// page's build sets, because it imports Ebiten's internal packages.
//
// internal/legacyshader compiled Ebiten's built-in shaders from their Kage
// source at every start (three at start-up, more on first use) through
// go/parser and Ebiten's shader compiler. Its replacement answers from the
// programs compiled when the page is built (legacyshader/precompiled.go,
// made by legacyshader/precompile with Ebiten's own compiler and checked
// by the test beside it), so the program no longer carries the compiler:
// 1.3 MB less code, and Go's start-up some 150 ms shorter. A file Ebiten
// does not have, such as those, is added rather than replaced, and says so
// on a line starting "// Added to Ebiten" (AddedMarker). PLATFORM.md has
// the numbers of the first replacements, docs/BENCHMARKS.md the shaders'.
package overlay

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// EbitenModule is the module whose files the overlay replaces.
const EbitenModule = "github.com/hajimehoshi/ebiten/v2"

// Upstream holds the SHA-256 of each replaced file of the pinned Ebiten
// (v2.10.4), by its path in the module, as the replacement was written
// against. After a version bump the test fails here until each replacement
// is compared with the new original and its hash updated.
var Upstream = map[string]string{
	"internal/builtinshader/shader.go":      "c37e473dfc068aa388ce180d730a56ba149aa1ae7ef1dab7939796a7a90e86a2",
	"internal/colormshader/shader.go":       "64d3e7652dfab658e1035362d64d814c747fef693ac66f32684bddba7bc0ae32",
	"internal/debug/caller.go":              "3399bb9882b1954d1e94569392ab06d695427b85c84af0c567ca2ffe7f9ffb02",
	"internal/legacyshader/convert.go":      "ba0edd363441e00f173f50b91293d3bbe09b41abc82724bae6b47a118e68bc11",
	"internal/legacyshader/legacyshader.go": "c7fd4caa2671f0cd4a59f158438cfa1dcb19d5cea4d58b356895b7619a2a7878",
	"internal/ui/context.go":                "7102f92f867f47b8ecdd28c47fc842be496086e5b9422fa611d98e1682223d0f",
}

// AddedMarker starts a line of every file the overlay adds to Ebiten
// rather than replacing one of its files (scripts/overlay.sh reads it too).
const AddedMarker = "// Added to Ebiten"

// EbitenDir is the folder of the pinned Ebiten module, as the go command
// resolves it for the page's build.
func EbitenDir() (string, error) {
	cmd := exec.Command("go", "list", "-f", "{{.Dir}}", EbitenModule)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list %s: %w", EbitenModule, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// ReadUpstream returns the original of the replaced file rel (a path in
// Upstream), checking that it is the version the replacement was written
// against.
func ReadUpstream(rel string) ([]byte, error) {
	want, ok := Upstream[rel]
	if !ok {
		return nil, fmt.Errorf("%s is not a replaced file", rel)
	}
	dir, err := EbitenDir()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != want {
		return nil, fmt.Errorf("%s in %s changed (sha256 %s, the replacement was written against %s): "+
			"compare wasm/overlay/ebiten/%s with it, then update overlay.Upstream", rel, dir, got, want, rel)
	}
	return b, nil
}
