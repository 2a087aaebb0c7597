package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// EdgePlot is one KAN edge's function drawn large (the plot a hovered edge
// shows in the heatmap's place): the curve over the range its input took
// on the training samples, the histogram of those inputs under it, and the
// spline's control points as handles to drag.
type EdgePlot struct {
	// Lo and Hi bound the input's values; Curve holds φ at len(Curve)
	// points evenly spread over [Lo, Hi].
	Lo, Hi float32
	Curve  []float32
	// Counts is the histogram of the input over [Lo, Hi] in equal bins.
	Counts []int
	// Handles are the control points, in x order; none when the edge's
	// function has none to edit (other bases, pruned or snapped edges).
	Handles []EdgeHandle
}

// EdgeHandle is a control point: where a coefficient acts (X, a B-spline
// coefficient's Greville abscissa) and the value it stands for there (Y).
type EdgeHandle struct{ X, Y float32 }

// EdgePlotAxes maps an EdgePlot's values to pixels of the rectangle it is
// drawn in. The page keeps one while a handle is dragged, so the plot
// does not rescale under the pointer.
type EdgePlotAxes struct {
	Plot     image.Rectangle // where the values are drawn
	XLo, XHi float32
	YLo, YHi float32
	valid    bool
}

// The large plot's margins, in pixels: room at the bottom for the x
// axis's labels, and at the sides for handles outside the input's range,
// which sit on the border.
const (
	edgePlotSide   = 12
	edgePlotBottom = GlyphHeight + 4
	edgePlotTop    = 6
	// handleRadius is a handle's disc; a pointer within handleReach of
	// its centre grabs it.
	handleRadius = 4.5
	handleReach  = 9
	// histogramShare is the part of the plot's height the tallest bar
	// takes.
	histogramShare = 0.3
)

// NewEdgePlotAxes fits p into r: x over the input's range, y over the
// curve and the handles within that range with a tenth of room above and
// below, so a handle can be dragged a little past the current extremes.
// Handles outside the input's range (a spline's outer control points lie
// beyond its data) do not stretch the plot: they sit on its border.
func NewEdgePlotAxes(r image.Rectangle, p *EdgePlot) EdgePlotAxes {
	plot := image.Rect(r.Min.X+edgePlotSide, r.Min.Y+edgePlotTop, r.Max.X-edgePlotSide, r.Max.Y-edgePlotBottom)
	if plot.Dx() < 8 || plot.Dy() < 8 || !(p.Hi > p.Lo) || !finite(p.Hi-p.Lo) {
		return EdgePlotAxes{}
	}
	lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
	for _, y := range p.Curve {
		if finite(y) {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	for _, h := range p.Handles {
		if finite(h.Y) && h.X >= p.Lo && h.X <= p.Hi {
			lo, hi = min(lo, h.Y), max(hi, h.Y)
		}
	}
	if !(hi >= lo) {
		return EdgePlotAxes{}
	}
	pad := (hi - lo) / 10
	if pad == 0 {
		pad = max(abs32(hi)/10, 1)
	}
	return EdgePlotAxes{Plot: plot, XLo: p.Lo, XHi: p.Hi, YLo: lo - pad, YHi: hi + pad, valid: true}
}

// Valid reports whether the axes can place values (a plot too small, or
// values that are not finite, have none).
func (a EdgePlotAxes) Valid() bool { return a.valid }

// Pixel is where value (x, y) is drawn. A point outside the axes' range
// is put on the border, x a little outside the plot and y at its top or
// bottom, and inside says so.
func (a EdgePlotAxes) Pixel(x, y float32) (px, py float32, inside bool) {
	p := a.Plot
	t := (x - a.XLo) / (a.XHi - a.XLo)
	u := (y - a.YLo) / (a.YHi - a.YLo)
	inside = t >= 0 && t <= 1 && u >= 0 && u <= 1
	px = float32(p.Min.X) + t*float32(p.Dx())
	if t < 0 || t > 1 {
		px = min(max(px, float32(p.Min.X)-edgePlotSide/2), float32(p.Max.X)+edgePlotSide/2)
	}
	py = float32(p.Max.Y) - clamp01(u)*float32(p.Dy())
	return px, py, inside
}

// ValueAt is the value drawn at height py, clamped to the axes' range.
func (a EdgePlotAxes) ValueAt(py float32) float32 {
	p := a.Plot
	t := clamp01((float32(p.Max.Y) - py) / float32(p.Dy()))
	return a.YLo + t*(a.YHi-a.YLo)
}

// HandleAt is the handle of p nearest to pixel (px, py) within reach, or
// -1.
func (a EdgePlotAxes) HandleAt(p *EdgePlot, px, py float32) int {
	best, bestD := -1, float32(handleReach*handleReach)
	if !a.valid {
		return -1
	}
	for m, h := range p.Handles {
		hx, hy, _ := a.Pixel(h.X, h.Y)
		if d := (hx-px)*(hx-px) + (hy-py)*(hy-py); d <= bestD {
			best, bestD = m, d
		}
	}
	return best
}

// Colors of the large edge plot.
var (
	histogramColor = color.RGBA{0x3A, 0x4A, 0x5E, 0xFF}
	handleColor    = color.RGBA{0xF0, 0xF3, 0xF6, 0xFF}
	polygonColor   = color.RGBA{0x7D, 0x8D, 0xA1, 0xFF}
)

// DrawEdgePlot fills dst (the heatmap's place) with p on axes a: the
// histogram of the input as bars along the bottom, lines at 0, the
// control polygon faint, the curve, and the handles (active, the one under
// the pointer or dragged, larger and highlighted; -1 for none). Handles
// outside the input's range sit on the plot's border, hollow.
func DrawEdgePlot(dst *image.RGBA, p *EdgePlot, a EdgePlotAxes, active int) {
	fill(dst, dst.Rect, PanelColor)
	if !a.valid {
		return
	}
	plot := a.Plot
	outline(dst, plot.Inset(-1), GridColor)
	drawHistogram(dst, plot, p.Counts)
	if x0, y0, _ := a.Pixel(0, 0); a.YLo < 0 && a.YHi > 0 {
		fill(dst, image.Rect(plot.Min.X, int(y0), plot.Max.X, int(y0)+1), GridColor)
		if a.XLo < 0 && a.XHi > 0 {
			fill(dst, image.Rect(int(x0), plot.Min.Y, int(x0)+1, plot.Max.Y), GridColor)
		}
	}
	for m := 1; m < len(p.Handles); m++ {
		x0, y0, _ := a.Pixel(p.Handles[m-1].X, p.Handles[m-1].Y)
		x1, y1, _ := a.Pixel(p.Handles[m].X, p.Handles[m].Y)
		strokeLine(dst, dst.Rect, x0, y0, x1, y1, 1, polygonColor, 0.6)
	}
	n := len(p.Curve)
	for k := 1; k < n; k++ {
		y0, y1 := p.Curve[k-1], p.Curve[k]
		if !finite(y0) || !finite(y1) {
			continue
		}
		step := (p.Hi - p.Lo) / float32(n-1)
		px0, py0, _ := a.Pixel(p.Lo+step*float32(k-1), y0)
		px1, py1, _ := a.Pixel(p.Lo+step*float32(k), y1)
		strokeLine(dst, plot, px0, py0, px1, py1, 2.5, Blue, 1)
	}
	for m, h := range p.Handles {
		x, y, inside := a.Pixel(h.X, h.Y)
		r, c := float32(handleRadius), handleColor
		if m == active {
			r, c = handleRadius+2, HighlightColor
		}
		fillDisc(dst, dst.Rect, x, y, r, c, 1)
		if !inside {
			fillDisc(dst, dst.Rect, x, y, r-1.5, PanelColor, 1)
		}
	}
}

// drawHistogram draws counts as bars along the bottom of plot, the
// tallest histogramShare of its height.
func drawHistogram(dst *image.RGBA, plot image.Rectangle, counts []int) {
	peak := 0
	for _, c := range counts {
		peak = max(peak, c)
	}
	if peak == 0 {
		return
	}
	n := len(counts)
	for b, c := range counts {
		if c == 0 {
			continue
		}
		x0 := plot.Min.X + b*plot.Dx()/n
		x1 := plot.Min.X + (b+1)*plot.Dx()/n
		h := max(1, int(float32(c)/float32(peak)*histogramShare*float32(plot.Dy())))
		fill(dst, image.Rect(x0, plot.Max.Y-h, max(x0+1, x1-1), plot.Max.Y), histogramColor)
	}
}

// EdgePlotLabels appends the axes' labels, on the canvas when the plot's
// buffer lies at origin: the input's range under the plot's two ends and
// the top and bottom values of y at the plot's left.
func EdgePlotLabels(dst []Label, a EdgePlotAxes, origin image.Point) []Label {
	if !a.valid {
		return dst
	}
	p := a.Plot.Add(origin)
	y := p.Max.Y + 2
	lo, hi := fmt.Sprintf("%.3g", a.XLo), fmt.Sprintf("%.3g", a.XHi)
	mid := "input"
	dst = append(dst, Label{lo, p.Min.X, y}, rightAligned(hi, p.Max.X, y))
	if GlyphWidth*(len(lo)+len(hi)+len(mid)+4) <= p.Dx() {
		dst = append(dst, Label{mid, p.Min.X + (p.Dx()-GlyphWidth*len(mid))/2, y})
	}
	dst = append(dst, Label{fmt.Sprintf("%.3g", a.YHi), p.Min.X + 3, p.Min.Y + 1})
	return append(dst, Label{fmt.Sprintf("%.3g", a.YLo), p.Min.X + 3, p.Max.Y - GlyphHeight - 1})
}
