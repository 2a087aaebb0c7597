package legacyshader

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite precompiled.go from ./precompile's output")

// TestPrecompiledShadersAreCurrent runs ./precompile in a copy of the
// pinned Ebiten (scripts/overlay.sh), built with Ebiten's own legacyshader
// and shader compiler instead of this folder's replacement, and fails
// unless precompiled.go is exactly what it prints. The command itself
// fails when a program does not survive its byte form unchanged (field by
// field and in the GLSL it makes), so the page's shaders are the ones
// Ebiten would compile.
func TestPrecompiledShadersAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Ebiten's shader compiler")
	}
	root, err := filepath.Abs("../../../../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(filepath.Join(root, "scripts", "overlay.sh"), dir)
	cmd.Stderr = os.Stderr
	flags, err := cmd.Output()
	if err != nil {
		t.Fatalf("overlay.sh: %v", err)
	}
	overlayJSON := filepath.Join(dir, "overlay.json")
	b, err := os.ReadFile(overlayJSON)
	if err != nil {
		t.Fatal(err)
	}
	var o struct{ Replace map[string]string }
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	ebitenDir := ""
	for copied := range o.Replace {
		// The generator compiles with upstream's files, not these.
		for _, ours := range []string{"legacyshader.go", "convert.go", "precompiled.go"} {
			if strings.HasSuffix(copied, "/internal/legacyshader/"+ours) {
				delete(o.Replace, copied)
				ebitenDir = strings.TrimSuffix(copied, "/internal/legacyshader/"+ours)
			}
		}
	}
	if ebitenDir == "" {
		t.Fatal("overlay.json replaces none of internal/legacyshader's files")
	}
	b, err = json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	genJSON := filepath.Join(dir, "generate.json")
	if err := os.WriteFile(genJSON, b, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run"}
	for _, f := range strings.Fields(string(flags)) {
		if strings.HasPrefix(f, "-overlay=") {
			f = "-overlay=" + genJSON
		}
		args = append(args, f)
	}
	args = append(args, "github.com/hajimehoshi/ebiten/v2/internal/legacyshader/precompile", ebitenDir)
	gen := exec.Command("go", args...)
	gen.Dir = root
	gen.Env = append(os.Environ(), "GOFLAGS=")
	var stderr bytes.Buffer
	gen.Stderr = &stderr
	got, err := gen.Output()
	if err != nil {
		t.Fatalf("precompile: %v\n%s", err, stderr.Bytes())
	}
	if *update {
		if err := os.WriteFile("precompiled.go", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("precompiled.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("precompiled.go is not what ./precompile makes from the pinned Ebiten: run go test ./wasm/overlay/ebiten/internal/legacyshader -update")
	}
}
