package ui

import (
	"bytes"
	"image"
	"testing"
)

// midpoint returns the middle of the line DrawGraph draws from unit a of
// column 0 to unit b of column 1.
func midpoint(l GraphLayout, a, b int) image.Point {
	from, to := l.NodeRect(0, a), l.NodeRect(1, b)
	return image.Pt((from.Max.X+to.Min.X)/2, (from.Min.Y+from.Max.Y+to.Min.Y+to.Max.Y)/4)
}

func TestDrawGraphWeightColors(t *testing.T) {
	cols := []int{2, 3}
	l := NewGraphLayout(400, 300, cols)
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	// From unit 0: +1 to unit 0, -1 to unit 2; unit 1 sends nothing.
	w := [][]float32{{1, 0, -1, 0, 0, 0}}
	DrawGraph(img, l, w, nil)
	p := midpoint(l, 0, 0)
	wantNear(t, "midpoint of the positive line", at(img, p.X, p.Y), Blue, 0)
	p = midpoint(l, 0, 2)
	wantNear(t, "midpoint of the negative line", at(img, p.X, p.Y), Orange, 0)
	p = midpoint(l, 1, 2)
	wantNear(t, "midpoint of a zero weight", at(img, p.X, p.Y), PanelColor, 0)
}

func TestDrawGraphWeakLinesAreFainterAndThinner(t *testing.T) {
	cols := []int{2, 2}
	l := NewGraphLayout(400, 300, cols)
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	DrawGraph(img, l, [][]float32{{1, 0, 0, 0.1}}, nil)
	strong, weak := midpoint(l, 0, 0), midpoint(l, 1, 1)
	// How far a pixel stands out from the background.
	contrast := func(p image.Point) int {
		c := at(img, p.X, p.Y)
		return abs(int(c.R)-int(PanelColor.R)) + abs(int(c.G)-int(PanelColor.G)) + abs(int(c.B)-int(PanelColor.B))
	}
	if cs, cw := contrast(strong), contrast(weak); cw == 0 || cw > cs*6/10 {
		t.Errorf("a weight of 0.1 of the largest stands out by %d, the largest by %d", cw, cs)
	}
	thickness := func(p image.Point) int {
		n := 0
		for y := p.Y - 6; y <= p.Y+6; y++ {
			if !near(at(img, p.X, y), PanelColor, 8) {
				n++
			}
		}
		return n
	}
	if ts, tw := thickness(strong), thickness(weak); ts <= tw {
		t.Errorf("strong line %d px thick, weak %d px", ts, tw)
	}
}

func TestDrawGraphThumbnails(t *testing.T) {
	cols := []int{1, 1}
	l := NewGraphLayout(300, 200, cols)
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	thumbs := [][]Field{{constField(4, 1)}, {constField(4, -1)}}
	DrawGraph(img, l, nil, thumbs)
	a, b := l.NodeRect(0, 0), l.NodeRect(1, 0)
	c := a.Min.Add(a.Max).Div(2)
	wantNear(t, "positive thumbnail", at(img, c.X, c.Y), Washed(Blue), 1)
	c = b.Min.Add(b.Max).Div(2)
	wantNear(t, "negative thumbnail", at(img, c.X, c.Y), Washed(Orange), 1)
	wantNear(t, "box frame", at(img, a.Min.X, a.Min.Y), BorderColor, 0)
}

// graphData makes weights spread over [-1, 1] and thumbnails of three
// levels for a graph of cols.
func graphData(cols []int) ([][]float32, [][]Field) {
	weights := make([][]float32, len(cols)-1)
	thumbs := make([][]Field, len(cols))
	for i := range weights {
		weights[i] = make([]float32, cols[i]*cols[i+1])
		for j := range weights[i] {
			weights[i][j] = float32((j*7919)%201-100) / 100
		}
	}
	for i, n := range cols {
		thumbs[i] = make([]Field, n)
		for u := range thumbs[i] {
			thumbs[i][u] = constField(8, float32(u%3-1))
		}
	}
	return weights, thumbs
}

// A wide network draws within its budget and without allocating.
func TestDrawGraphWideDoesNotAllocate(t *testing.T) {
	cols := []int{7, 256, 256, 8}
	l := NewGraphLayout(600, 400, cols)
	img := image.NewRGBA(image.Rect(0, 0, 600, 400))
	weights, thumbs := graphData(cols)
	allocs := testing.AllocsPerRun(3, func() { DrawGraph(img, l, weights, thumbs) })
	if allocs != 0 {
		t.Errorf("DrawGraph allocated %v times per frame", allocs)
	}
}

// Painted a part at a time, over "frames" with other drawing between
// them, a graph is the graph drawn at once: the background, a part per
// gap of lines, then the nodes.
func TestGraphPaintingInPartsIsTheGraph(t *testing.T) {
	cols := []int{3, 200, 150, 2}
	l := NewGraphLayout(400, 300, cols)
	weights, thumbs := graphData(cols)
	whole := image.NewRGBA(image.Rect(0, 0, 400, 300))
	DrawGraph(whole, l, weights, thumbs)
	parts := image.NewRGBA(image.Rect(0, 0, 400, 300))
	fill(parts, parts.Rect, Orange) // what was there before
	var p GraphPainting
	p.Start(l, weights, thumbs)
	steps := 1
	for !p.Step(parts) {
		steps++
	}
	// The background; the 3x200 gap; the 200x150 gap's rows in two bands
	// (partWeights/150 = 109 rows a part); the 150x2 gap; the step past
	// the last gap; the nodes.
	if steps != 7 {
		t.Errorf("painted in %d parts, want 7", steps)
	}
	if !bytes.Equal(whole.Pix, parts.Pix) {
		t.Error("the graph painted in parts differs from the graph drawn at once")
	}
}

func TestStrengthFloorKeepsTheBudget(t *testing.T) {
	w := make([]float32, 10000)
	for i := range w {
		w[i] = float32(i) / 10000
	}
	floor := strengthFloor(w, 1, 2500)
	kept := 0
	for _, v := range w {
		if v >= floor {
			kept++
		}
	}
	if kept > 2500 || kept < 2000 {
		t.Errorf("floor %v keeps %d of 10000 lines, want about 2500", floor, kept)
	}
	if strengthFloor(w[:100], 1, 2500) != 0 {
		t.Error("a matrix within budget should draw every line")
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func TestHighlightNodeFramesTheNeuron(t *testing.T) {
	l := NewGraphLayout(300, 200, []int{2, 3, 1})
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	HighlightNode(img, l, 1, 2)
	r := l.NodeRect(1, 2)
	if got := img.RGBAAt(r.Min.X-1, r.Min.Y+r.Dy()/2); got != HighlightColor {
		t.Fatalf("left of the box: %v, want the highlight", got)
	}
	if got := img.RGBAAt(r.Min.X+r.Dx()/2, r.Min.Y+r.Dy()/2); got == HighlightColor {
		t.Fatal("the box itself was painted over")
	}
	other := l.NodeRect(1, 0)
	if got := img.RGBAAt(other.Min.X-1, other.Min.Y+other.Dy()/2); got == HighlightColor {
		t.Fatal("another neuron is framed too")
	}
}

func TestLineBudgetsShareOutTheLines(t *testing.T) {
	// Gaps of 512, 65536, 32768 and 256 weights.
	l := NewGraphLayout(600, 560, []int{2, 256, 256, 128, 2})
	var got [MaxGraphColumns]int
	lineBudgets(got[:], l)
	if got[3] != 256 {
		t.Errorf("the last gap draws %d of its 256 lines, want all", got[3])
	}
	if total := got[0] + got[1] + got[2] + got[3]; total != lineBudget {
		t.Errorf("%d lines in all, want the budget of %d used", total, lineBudget)
	}
	if got[1] == 0 || got[1] != got[2] || got[0]+1 < got[1] {
		t.Errorf("gaps draw %v lines: want the two widest in equal shares, the first about as many", got[:4])
	}

	small := NewGraphLayout(300, 300, []int{2, 4, 2, 2})
	lineBudgets(got[:], small)
	if got[0] != 8 || got[1] != 8 || got[2] != 4 {
		t.Errorf("a small network's gaps draw %v lines, want every one (8, 8, 4)", got[:3])
	}
}
