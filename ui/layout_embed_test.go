package ui

import (
	"testing"
)

func TestLayoutEmbedFitsWithoutOverlap(t *testing.T) {
	for _, s := range layoutSizes() {
		checkRegions(t, s, LayoutEmbed(s.X, s.Y))
	}
}

// TestLayoutEmbedGivesThePictureTheRoom: in the iframes a blog post uses
// (the embed's control bar, 40 px, under the canvas) the heatmap is far
// larger than the full page's layout gives it, and every panel is there.
func TestLayoutEmbedGivesThePictureTheRoom(t *testing.T) {
	for _, c := range []struct{ w, h, heat int }{{600, 360, 300}, {800, 460, 400}, {500, 360, 240}} {
		r := LayoutEmbed(c.w, c.h)
		if side := r.Heatmap.Body.Dx(); side < c.heat || side <= Layout(c.w, c.h).Heatmap.Body.Dx() {
			t.Errorf("%dx%d: heatmap %d px, want at least %d and more than the full page's %d",
				c.w, c.h, side, c.heat, Layout(c.w, c.h).Heatmap.Body.Dx())
		}
		for name, p := range r.panels() {
			if p.Body.Dx() < minChartW || p.Body.Dy() < 40 {
				t.Errorf("%dx%d: %s is %v", c.w, c.h, name, p.Body)
			}
		}
	}
	// A portrait canvas has no room beside the heatmap: the full page's
	// layout.
	if got, want := LayoutEmbed(360, 600), Layout(360, 600); got != want {
		t.Errorf("portrait: %+v, want Layout's %+v", got, want)
	}
}
