package ui

import (
	"os"
	"strings"
	"testing"

	"playground/wasm/overlay"
)

// TestContextDiffersOnlyInSkipCount checks the replacement against the
// pinned Ebiten's original: the same file but for the build tag, the
// comment saying why, and maxSkipCount.
func TestContextDiffersOnlyInSkipCount(t *testing.T) {
	upstream, err := overlay.ReadUpstream("internal/ui/context.go")
	if err != nil {
		t.Fatal(err)
	}
	ours, err := os.ReadFile("context.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(ours)
	head, rest, ok := strings.Cut(s, "//go:build ebitenoverlay\n")
	if !ok {
		t.Fatal("the replacement has no ebitenoverlay build tag")
	}
	_, body, ok := strings.Cut(rest, "\npackage ui\n")
	if !ok {
		t.Fatal("the replacement has no package clause")
	}
	const ourSkip, upstreamSkip = "const maxSkipCount = 1 // upstream: 4 (see the top of this file)\n", "const maxSkipCount = 4\n"
	if strings.Count(body, ourSkip) != 1 {
		t.Fatalf("the replacement does not set maxSkipCount once: %q", ourSkip)
	}
	rebuilt := head + "package ui\n" + strings.Replace(body, ourSkip, upstreamSkip, 1)
	if rebuilt != string(upstream) {
		t.Error("the replacement differs from upstream in more than maxSkipCount (and its comment)")
	}
}
