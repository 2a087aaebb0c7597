package session

import (
	"io/fs"
	"testing"

	"playground/assets"
	"playground/experiment"
)

// presetSpec reads a preset the page offers.
func presetSpec(t *testing.T, id string) experiment.Spec {
	t.Helper()
	b, err := fs.ReadFile(assets.Files, assets.PresetPath(id))
	if err != nil {
		t.Fatal(err)
	}
	s, err := experiment.DecodeJSON(b)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return s
}
