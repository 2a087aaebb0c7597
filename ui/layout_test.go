package ui

import (
	"fmt"
	"image"
	"testing"

	"playground/data"
)

func (r Regions) panels() map[string]Panel {
	m := map[string]Panel{"graph": r.Graph, "heatmap": r.Heatmap, "loss": r.Loss, "accuracy": r.Accuracy}
	// The spiking pictures' panels, where a spiking layout made them.
	for name, p := range map[string]Panel{"raster": r.Raster, "membrane": r.Membrane, "delays": r.Delays, "scatter": r.Scatter} {
		if !p.Body.Empty() {
			m[name] = p
		}
	}
	return m
}

func TestLayoutFitsWithoutOverlap(t *testing.T) {
	for _, s := range layoutSizes() {
		checkRegions(t, s, Layout(s.X, s.Y))
	}
}

// layoutSizes are canvas sizes from tiny to large, odd ones included.
func layoutSizes() []image.Point {
	sizes := []image.Point{{900, 600}, {1280, 720}, {1920, 1080}, {600, 600}, {560, 400},
		{400, 600}, {360, 640}, {320, 480}, {500, 900}, {250, 400}, {800, 300}, {100, 80}, {0, 0}}
	for w := 0; w < 2100; w += 37 {
		for h := 0; h < 1500; h += 41 {
			sizes = append(sizes, image.Pt(w, h))
		}
	}
	return sizes
}

// checkRegions checks a layout of an s canvas: every panel inside it, its
// title on its body, none overlapping, the heatmap square and present.
func checkRegions(t *testing.T, s image.Point, r Regions) {
	t.Helper()
	canvas := image.Rect(0, 0, s.X, s.Y)
	var rects []image.Rectangle
	var names []string
	for name, p := range r.panels() {
		for part, rect := range map[string]image.Rectangle{"title": p.Title, "body": p.Body} {
			if !rect.Empty() && !rect.In(canvas) {
				t.Errorf("%v: %s %s %v is outside the canvas", s, name, part, rect)
			}
			rects = append(rects, rect)
			names = append(names, name+" "+part)
		}
		if !p.Body.Empty() && (p.Title.Max.Y != p.Body.Min.Y || p.Title.Dx() != p.Body.Dx() || p.Title.Dy() != TitleHeight) {
			t.Errorf("%v: %s title %v does not sit on its body %v", s, name, p.Title, p.Body)
		}
	}
	for i := range rects {
		for j := range i {
			if rects[i].Overlaps(rects[j]) {
				t.Errorf("%v: %s %v overlaps %s %v", s, names[i], rects[i], names[j], rects[j])
			}
		}
	}
	if b := r.Heatmap.Body; b.Dx() != b.Dy() {
		t.Errorf("%v: heatmap %v is not square", s, b)
	}
	if s.X >= 60 && s.Y >= 60 && r.Heatmap.Body.Empty() {
		t.Errorf("%v: no heatmap", s)
	}
}

// On the sizes the page is made for every panel gets a useful size.
func TestLayoutSensibleSizes(t *testing.T) {
	for _, c := range []struct {
		w, h, heat int
	}{{900, 600, 400}, {1280, 720, 500}, {400, 600, 240}, {360, 640, 200}, {600, 600, 300}} {
		r := Layout(c.w, c.h)
		name := fmt.Sprintf("%dx%d", c.w, c.h)
		if r.Heatmap.Body.Dx() < c.heat {
			t.Errorf("%s: heatmap %d px, want >= %d", name, r.Heatmap.Body.Dx(), c.heat)
		}
		if g := r.Graph.Body; g.Dx() < 200 || g.Dy() < 150 {
			t.Errorf("%s: graph %v too small", name, g)
		}
		for _, p := range []Panel{r.Loss, r.Accuracy} {
			if p.Body.Dx() < 100 || p.Body.Dy() < 40 {
				t.Errorf("%s: chart %v too small", name, p.Body)
			}
			if p.Title.Dy() != TitleHeight {
				t.Errorf("%s: chart title %v is not one line", name, p.Title)
			}
		}
	}
}

func TestLabelsFitTheirPlaces(t *testing.T) {
	l := NewGraphLayout(700, 500, []int{2, 4, 2, 2})
	labels := GraphLabels(nil, l, []string{data.X1.Formula(), data.X2.Formula()})
	if len(labels) != 4+2 {
		t.Fatalf("%d labels: %+v", len(labels), labels)
	}
	if labels[0].Text != "2 inputs" || labels[1].Text != "4 neurons" || labels[3].Text != "output" || labels[4].Text != "x1" {
		t.Fatalf("labels %+v", labels)
	}
	for _, lb := range labels[4:] {
		box := l.NodeRect(0, 0)
		if lb.X+GlyphWidth*len(lb.Text) > box.Min.X {
			t.Errorf("input label %q at x=%d runs into the node box at %d", lb.Text, lb.X, box.Min.X)
		}
	}
	p := Layout(900, 600).Loss
	ts := TitleLabels(nil, p, "LOSS", "test 0.123")
	if len(ts) != 2 || ts[0].X != p.Title.Min.X || ts[1].X+GlyphWidth*len(ts[1].Text) > p.Title.Max.X {
		t.Fatalf("title labels %+v in %v", ts, p.Title)
	}
	if narrow := TitleLabels(nil, Panel{Title: image.Rect(0, 0, 40, 18)}, "LOSS", "test 0.123"); len(narrow) != 1 {
		t.Fatalf("a status that does not fit was kept: %+v", narrow)
	}
	if none := TitleLabels(nil, Panel{}, "DELAYS", "steps 0-0"); len(none) != 0 {
		t.Fatalf("a panel left out of the layout got its title at the corner: %+v", none)
	}
}
