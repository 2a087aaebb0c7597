package ui

import (
	"image"
	"math"
	"testing"
)

// samplePlot is sin over [-1, 2] with a histogram heavier on the right and
// five handles, the first outside the input's range.
func samplePlot() *EdgePlot {
	p := &EdgePlot{Lo: -1, Hi: 2, Curve: make([]float32, 60), Counts: []int{1, 2, 4, 8, 16, 8, 4, 2}}
	for k := range p.Curve {
		x := -1 + 3*float64(k)/59
		p.Curve[k] = float32(math.Sin(2 * x))
	}
	for _, x := range []float32{-1.6, -0.5, 0.5, 1.2, 1.9} {
		p.Handles = append(p.Handles, EdgeHandle{X: x, Y: float32(math.Sin(2*float64(x))) * 1.2})
	}
	p.Handles = append(p.Handles, EdgeHandle{X: 2.5, Y: -40}) // far outside: on the border, not stretching y
	return p
}

// The large plot shows its curve in blue, its histogram's bars along the
// bottom (taller where more inputs fell), and every handle where the axes
// put it; a handle outside the input's range sits on the border, hollow.
func TestDrawEdgePlot(t *testing.T) {
	const w, h = 320, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	p := samplePlot()
	a := NewEdgePlotAxes(img.Rect, p)
	if !a.Valid() {
		t.Fatal("axes of a plain plot are not valid")
	}
	DrawEdgePlot(img, p, a, 2)
	for _, lb := range EdgePlotLabels(nil, a, image.Point{}) {
		printAt(img, lb.Text, lb.X, lb.Y)
	}
	savePNG(t, img, "edge_plot")

	blue := 0
	for y := range h {
		for x := range w {
			if near(img.RGBAAt(x, y), Blue, 30) {
				blue++
			}
		}
	}
	if blue < 300 {
		t.Errorf("the curve has %d blue pixels", blue)
	}
	// The fifth bin (16 inputs) is taller than the first (1).
	barHeight := func(bin int) int {
		x := a.Plot.Min.X + (2*bin+1)*a.Plot.Dx()/16
		n := 0
		for y := a.Plot.Max.Y - 1; y > a.Plot.Min.Y && img.RGBAAt(x, y) == histogramColor; y-- {
			n++
		}
		return n
	}
	if tall, short := barHeight(4), barHeight(0); !(tall > 3*short && short >= 1) {
		t.Errorf("histogram bars: bin 4 is %d px, bin 0 %d px", tall, short)
	}
	for m, hd := range p.Handles {
		x, y, inside := a.Pixel(hd.X, hd.Y)
		if inside != (m > 0 && m < len(p.Handles)-1) {
			t.Errorf("handle %d at x %v: inside %v", m, hd.X, inside)
		}
		c := img.RGBAAt(int(x), int(y))
		switch {
		case m == 0:
			if float32(a.Plot.Min.X)-x <= 0 || c != PanelColor {
				t.Errorf("the outside handle is at %v (plot from %d), centre %v: want on the border, hollow", x, a.Plot.Min.X, c)
			}
			continue
		case m == len(p.Handles)-1:
			if x <= float32(a.Plot.Max.X) || y != float32(a.Plot.Max.Y) || c != PanelColor || a.YLo < -2 {
				t.Errorf("the far handle is at (%v, %v) (plot to %v), centre %v, y from %v: want in the corner, hollow, y not stretched",
					x, y, a.Plot.Max, c, a.YLo)
			}
			continue
		case m == 2:
			wantNear(t, "the active handle", c, HighlightColor, 10)
		default:
			wantNear(t, "a handle", c, handleColor, 10)
		}
		if got := a.HandleAt(p, x+2, y-2); got != m {
			t.Errorf("HandleAt beside handle %d = %d", m, got)
		}
		if v := a.ValueAt(y); math.Abs(float64(v-hd.Y)) > 1e-4*float64(a.YHi-a.YLo) {
			t.Errorf("ValueAt(handle %d's y) = %v, want %v", m, v, hd.Y)
		}
	}
	if got := a.HandleAt(p, float32(a.Plot.Min.X)+1, float32(a.Plot.Max.Y)-1); got != -1 {
		t.Errorf("HandleAt far from every handle = %d", got)
	}
	if v := a.ValueAt(-100); v != a.YHi {
		t.Errorf("ValueAt above the plot = %v, want the top %v", v, a.YHi)
	}
	labels := EdgePlotLabels(nil, a, image.Pt(10, 20))
	if len(labels) < 4 || labels[0].Text != "-1" || labels[1].Text != "2" {
		t.Errorf("labels %v: want the input's range -1 and 2 first", labels)
	}

	for name, bad := range map[string]*EdgePlot{
		"empty":        {},
		"no range":     {Lo: 1, Hi: 1, Curve: []float32{1, 2}},
		"nan curve":    {Lo: 0, Hi: 1, Curve: []float32{float32(math.NaN()), float32(math.NaN())}},
		"flat":         {Lo: 0, Hi: 1, Curve: []float32{3, 3}, Counts: []int{0, 0}},
		"inf handle":   {Lo: 0, Hi: 1, Curve: []float32{0, 1}, Handles: []EdgeHandle{{0.5, float32(math.Inf(1))}}},
		"infinite lo":  {Lo: float32(math.Inf(-1)), Hi: 1, Curve: []float32{0, 1}},
		"one-pixel lo": {Lo: 0, Hi: 1e-30, Curve: []float32{0, 1}},
	} {
		img := image.NewRGBA(image.Rect(0, 0, 100, 100))
		a := NewEdgePlotAxes(img.Rect, bad)
		DrawEdgePlot(img, bad, a, 0) // must not panic
		_ = EdgePlotLabels(nil, a, image.Point{})
		if name == "flat" && !a.Valid() {
			t.Errorf("a flat curve has no axes")
		}
	}
	if a := NewEdgePlotAxes(image.Rect(0, 0, 20, 20), p); a.Valid() {
		t.Error("a 20 px plot has axes")
	}
}

// Each edge's spot is found again by EdgeAt, where the edges carry little
// plots and where they are plain lines; highlighting draws in the
// highlight color.
func TestEdgeAtAndHighlight(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		cols  []int
		plots bool
	}{
		{400, 300, []int{2, 5, 1}, true},
		{120, 300, []int{6, 8, 1}, false},
	} {
		l := NewGraphLayout(c.w, c.h, c.cols)
		if got := curvePlotSize(l, 0) > 0; got != c.plots {
			t.Fatalf("%v: plots %v, want %v", c.cols, got, c.plots)
		}
		spots, edges := 0, 0
		for i := 0; i+1 < len(c.cols); i++ {
			for a := range c.cols[i] {
				for b := range c.cols[i+1] {
					edges++
					pt, ok := l.EdgeSpot(i, a, b)
					if !ok {
						continue // a line hidden by others
					}
					spots++
					from, to, found := l.EdgeAt(i, pt.X, pt.Y)
					if !found || from != a || to != b {
						t.Errorf("%v gap %d: edge %d->%d's spot %v maps to %d->%d (%v)", c.cols, i, a, b, pt, from, to, found)
					}
				}
			}
		}
		t.Logf("%v: %d of %d edges have a spot", c.cols, spots, edges)
		if c.plots && spots != edges || spots < edges/2 {
			t.Errorf("%v: only %d of %d edges have a spot", c.cols, spots, edges)
		}
		if _, _, ok := l.EdgeAt(0, 0, 0); ok {
			t.Errorf("%v: the corner is an edge", c.cols)
		}
		if _, ok := l.EdgeSpot(0, c.cols[0], 0); ok {
			t.Errorf("%v: an edge from a missing unit has a spot", c.cols)
		}
		img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		DrawGraph(img, l, nil, nil)
		HighlightEdge(img, l, 0, 1, 0)
		HighlightEdge(img, l, 0, 99, 0) // out of range: nothing
		n := 0
		for y := range c.h {
			for x := range c.w {
				if img.RGBAAt(x, y) == HighlightColor {
					n++
				}
			}
		}
		if n < 40 {
			t.Errorf("%v: %d highlighted pixels", c.cols, n)
		}
	}
	if _, _, ok := NewGraphLayout(400, 300, []int{2, 1}).EdgeAt(3, 10, 10); ok {
		t.Error("a gap past the last column has edges")
	}
}
