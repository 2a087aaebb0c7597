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
	replaced := map[string]bool{}
	err := filepath.WalkDir("ebiten", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, "ebiten"+string(os.PathSeparator)))
		replaced[rel] = true
		if _, ok := Upstream[rel]; !ok {
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
