package session

import (
	"testing"

	"playground/assets"
	"playground/experiment"
)

// presetSpec reads a preset the page offers.
func presetSpec(t testing.TB, id string) experiment.Spec {
	t.Helper()
	s, err := assets.ReadPreset(assets.Files, id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
