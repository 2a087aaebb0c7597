package ui

import (
	"image"
	"math"
)

// EdgeCurves are a layer's edge functions sampled for the graph (a KAN
// layer's splines): edge i->j's values at Samples points evenly spread
// over input i's range [Lo[i], Hi[i]], at Values[(i*Out+j)*Samples:].
type EdgeCurves struct {
	Samples int
	Out     int
	Lo, Hi  []float32
	Values  []float32
}

// Valid reports whether the curves hold samples.
func (c EdgeCurves) Valid() bool { return c.Samples >= 2 && c.Out > 0 && len(c.Values) > 0 }

// Plot size on an edge, in pixels: a plot smaller than minCurvePlot would
// be a smudge, so such layers keep their plain lines.
const (
	maxCurvePlot = 30
	minCurvePlot = 10
)

// DrawEdgeCurves draws over a graph drawn by DrawGraph, on every edge
// from column i to column i+1, a small plot of that edge's function at
// the edge's middle, as pykan draws a KAN: the curve in its strength's
// color (blue where the function rises over its input's range, orange
// where it falls), more opaque the stronger the edge (strengths as
// DrawGraph's weights: |s| relative to the layer's largest). Each plot is
// scaled to its own range, so its shape shows; curves that do not match
// the layout's columns are skipped.
func DrawEdgeCurves(dst *image.RGBA, l GraphLayout, i int, c EdgeCurves, strengths []float32) {
	if i < 0 || i+1 >= len(l.cols) || !c.Valid() {
		return
	}
	in, out := l.cols[i].units, l.cols[i+1].units
	if out != c.Out || len(c.Values) != in*out*c.Samples || len(strengths) != in*out {
		return
	}
	origin := dst.Rect.Min
	size := curvePlotSize(l, i)
	if size == 0 {
		return
	}
	peak := peakMagnitude(strengths)
	if peak == 0 {
		peak = 1
	}
	for a := range in {
		for b := range out {
			e := a*out + b
			s := abs32(strengths[e]) / peak
			if !finite(s) {
				continue
			}
			box := curvePlotBox(l, i, a, b, size).Add(origin)
			drawCurvePlot(dst, box, c.Values[e*c.Samples:(e+1)*c.Samples], 0.25+0.75*s)
		}
	}
}

// curvePlotSize is the side of the plots DrawEdgeCurves puts on the edges
// from column i, or 0 when the gap is too narrow for them.
func curvePlotSize(l GraphLayout, i int) int {
	a0, b0 := l.NodeRect(i, 0), l.NodeRect(i+1, 0)
	if a0.Empty() || b0.Empty() {
		return 0
	}
	size := min(maxCurvePlot, (b0.Min.X-a0.Max.X)/3)
	if size < minCurvePlot {
		return 0
	}
	return size
}

// edgeEnds are the ends of the line from unit a of column i to unit b of
// column i+1, in the layout's coordinates: the right middle of one box
// and the left middle of the other.
func edgeEnds(l GraphLayout, i, a, b int) (fx, fy, tx, ty float32) {
	from, to := l.NodeRect(i, a), l.NodeRect(i+1, b)
	return float32(from.Max.X), float32(from.Min.Y+from.Max.Y) / 2, float32(to.Min.X), float32(to.Min.Y+to.Max.Y) / 2
}

// curvePlotBox is the square of side size where DrawEdgeCurves draws the
// plot of edge a->b from column i, in the layout's coordinates. The plots
// of one target are spread along their edges, so they do not pile up
// where the edges converge.
func curvePlotBox(l GraphLayout, i, a, b, size int) image.Rectangle {
	fx, fy, tx, ty := edgeEnds(l, i, a, b)
	t := 0.3 + 0.4*(float32(a)+0.5)/float32(l.Units(i))
	cx, cy := int(fx+(tx-fx)*t), int(fy+(ty-fy)*t)
	return image.Rect(cx-size/2, cy-size/2, cx-size/2+size, cy-size/2+size)
}

// drawCurvePlot draws ys as a polyline filling box, on a dark backing, in
// blue when it ends higher than it starts and orange otherwise.
func drawCurvePlot(dst *image.RGBA, box image.Rectangle, ys []float32, alpha float32) {
	lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
	for _, y := range ys {
		if finite(y) {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	if !(hi >= lo) {
		return
	}
	fill(dst, box.Intersect(dst.Rect), PanelColor)
	outline(dst, box.Intersect(dst.Rect), GridColor)
	if hi == lo {
		hi, lo = hi+1, lo-1 // a flat function: a line across the middle
	}
	inner := box.Inset(2)
	c := Blue
	if ys[len(ys)-1] < ys[0] {
		c = Orange
	}
	at := func(k int) (float32, float32) {
		x := float32(inner.Min.X) + float32(inner.Dx())*float32(k)/float32(len(ys)-1)
		y := float32(inner.Max.Y) - float32(inner.Dy())*(ys[k]-lo)/(hi-lo)
		return x, y
	}
	for k := 1; k < len(ys); k++ {
		if !finite(ys[k-1]) || !finite(ys[k]) {
			continue
		}
		x0, y0 := at(k - 1)
		x1, y1 := at(k)
		strokeLine(dst, dst.Rect, x0, y0, x1, y1, 1.5, c, alpha)
	}
}
