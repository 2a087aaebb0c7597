package ui

import (
	"fmt"
	"testing"
)

// The spiking layout, carved from the page's and the embed's, keeps every
// panel inside the canvas and apart, at every size the layout tests use;
// the plane's layouts have no spiking panels.
func TestSpikingLayoutFitsWithoutOverlap(t *testing.T) {
	for _, s := range layoutSizes() {
		plain := Layout(s.X, s.Y)
		if plain.Raster != (Panel{}) || plain.Membrane != (Panel{}) || plain.Delays != (Panel{}) || plain.Scatter != (Panel{}) {
			t.Fatalf("%v: the plane's layout has spiking panels: %+v", s, plain)
		}
		checkRegions(t, s, SpikingLayout(plain))
		checkRegions(t, s, SpikingLayout(LayoutEmbed(s.X, s.Y)))
	}
}

// On the sizes the page is made for, every spiking picture gets room.
func TestSpikingLayoutSensibleSizes(t *testing.T) {
	for _, c := range []struct{ w, h int }{{900, 600}, {1280, 720}, {1920, 1080}, {400, 600}, {360, 640}, {600, 600}} {
		r := SpikingLayout(Layout(c.w, c.h))
		name := fmt.Sprintf("%dx%d", c.w, c.h)
		if b := r.Raster.Body; b.Dx() < 150 || b.Dy() < 70 {
			t.Errorf("%s: raster %v too small", name, b)
		}
		if b := r.Membrane.Body; b.Dx() < 60 || b.Dy() < 60 {
			t.Errorf("%s: membrane trace %v too small", name, b)
		}
		if b := r.Heatmap.Body; b.Dx() < 60 {
			t.Errorf("%s: example grid %v too small", name, b)
		}
		if g := r.Graph.Body; g.Dx() < 180 || g.Dy() < 120 {
			t.Errorf("%s: graph %v too small", name, g)
		}
		for _, p := range []Panel{r.Delays, r.Scatter} {
			if p.Body.Dx() < 100 || p.Body.Dy() < 60 {
				t.Errorf("%s: delay picture %v too small", name, p.Body)
			}
		}
	}
}
