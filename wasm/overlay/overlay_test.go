package overlay

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpstreamFilesUnchanged fails when the pinned Ebiten's originals
// differ from those the replacements were written against, or when a
// replacement and the hash list disagree: the build would otherwise
// replace a newer file with a copy of an old one, or skip one silently.
func TestUpstreamFilesUnchanged(t *testing.T) {
	dir, err := EbitenDir()
	if err != nil {
		t.Fatal(err)
	}
	replaced := map[string]bool{}
	err = filepath.WalkDir("ebiten", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, "ebiten"+string(os.PathSeparator)))
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, hashed := Upstream[rel]
		if added := strings.Contains("\n"+string(text), "\n"+AddedMarker); added {
			if hashed {
				t.Errorf("%s says it is added to Ebiten, but Upstream lists it as replaced", path)
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
				t.Errorf("%s says it is added to Ebiten, but Ebiten has %s", path, rel)
			}
			return nil
		}
		replaced[rel] = true
		if !hashed {
			t.Errorf("%s replaces an Ebiten file with no hash in Upstream", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range Upstream {
		if !replaced[rel] {
			t.Errorf("Upstream lists %s, but ebiten/%s does not exist", rel, rel)
		}
		if _, err := ReadUpstream(rel); err != nil {
			t.Error(err)
		}
	}
}

func TestReadUpstreamRefusesOtherFiles(t *testing.T) {
	if _, err := ReadUpstream("ebiten.go"); err == nil {
		t.Error("ReadUpstream read a file that is not replaced")
	}
}
