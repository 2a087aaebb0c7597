package ui

import (
	"image"
	"image/color"
	"math"
)

// Series is one curve of a chart: its values in order, evenly spaced
// along x (by DrawChartRange) or placed by their steps (DrawChartLogSteps).
type Series struct {
	Values []float32
	Color  color.RGBA
}

// Chart styling.
const (
	chartPad      = 4 // keeps 2-pixel lines and end dots inside the buffer
	chartLine     = 2
	chartDot      = 2.5
	chartGridRows = 4
	chartGridCols = 5
)

// DrawChart draws the series over a light grid with the y axis running
// from 0 to NiceMax of the series, the scale for losses. NaN and infinite
// values are skipped, leaving a gap in their curve.
func DrawChart(dst *image.RGBA, series ...Series) {
	DrawChartRange(dst, 0, NiceMax(series...), series...)
}

// DrawChartRange draws the series with the y axis running from lo to hi,
// for example 0 to 1 for accuracies. Values outside are pinned to the
// edge. x runs over the longest series' length; each curve ends with a dot
// at its newest value.
func DrawChartRange(dst *image.RGBA, lo, hi float32, series ...Series) {
	plot, ok := drawChartFrame(dst)
	if !ok {
		return
	}
	drawChartCols(dst, plot)
	n := 0
	for _, s := range series {
		n = max(n, len(s.Values))
	}
	drawCurves(dst, plot, lo, hi, series, func(i int) (float32, bool) {
		if n < 2 {
			return 1, true
		}
		return float32(i) / float32(n-1), true
	})
}

// drawChartFrame paints a chart's background and its horizontal grid
// lines and returns the plot, the area inside the padding; ok is false
// when dst is too small to hold one.
func drawChartFrame(dst *image.RGBA) (plot image.Rectangle, ok bool) {
	fill(dst, dst.Rect, PanelColor)
	plot = dst.Rect.Inset(chartPad)
	if plot.Empty() {
		return plot, false
	}
	h := plot.Dy() - 1
	for i := range chartGridRows + 1 {
		y := plot.Min.Y + i*h/chartGridRows
		fill(dst, image.Rect(plot.Min.X, y, plot.Max.X, y+1), GridColor)
	}
	return plot, true
}

// drawChartCols draws chartGridCols+1 evenly spaced vertical grid lines
// over plot, the outer two on its edges.
func drawChartCols(dst *image.RGBA, plot image.Rectangle) {
	w := plot.Dx() - 1
	for i := range chartGridCols + 1 {
		drawChartCol(dst, plot, plot.Min.X+i*w/chartGridCols)
	}
}

// drawChartCol draws a vertical grid line at column x of plot.
func drawChartCol(dst *image.RGBA, plot image.Rectangle, x int) {
	fill(dst, image.Rect(x, plot.Min.Y, x+1, plot.Max.Y), GridColor)
}

// drawCurves draws the series into plot with the y axis running from lo
// to hi (values outside pinned to the edge, nothing at all when the range
// is empty or not finite). pos places value i across the plot, from 0 at
// its left edge to 1 at its right; a value it has no place for (ok false)
// ends the curve. Non-finite values leave gaps, and a curve whose last
// placed value is finite ends with a dot there.
//
// pos is a function so that every x axis shares the drawing; it does not
// escape, so the caller's closure costs no allocation.
func drawCurves(dst *image.RGBA, plot image.Rectangle, lo, hi float32, series []Series, pos func(i int) (x float32, ok bool)) {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return
	}
	// Pixel centres of the plot's edges, so values at 0 and 1 sit
	// exactly on the outer grid lines.
	left, right := float32(plot.Min.X)+0.5, float32(plot.Max.X)-0.5
	top, bottom := float32(plot.Min.Y)+0.5, float32(plot.Max.Y)-0.5
	for _, s := range series {
		var px, py float32 // the previous finite value's point
		joined := false    // whether (px, py) is a point to draw from
		for i, v := range s.Values {
			t, ok := pos(i)
			if !ok {
				break
			}
			if !finite(v) || !finite(t) {
				joined = false
				continue
			}
			x := left + clamp01(t)*(right-left)
			y := bottom - clamp01((v-lo)/(hi-lo))*(bottom-top)
			if joined {
				strokeLine(dst, dst.Rect, px, py, x, y, chartLine, s.Color, 1)
			}
			px, py, joined = x, y, true
		}
		if joined {
			fillDisc(dst, dst.Rect, px, py, chartDot, s.Color, 1)
		}
	}
}

// NiceMax is the top of DrawChart's y axis: the largest finite value of
// the series rounded up to 1, 2, 2.5 or 5 times a power of ten, so each of
// the four grid rows is a round amount. It is 1 when no value is positive.
// Callers use it to label the axis.
func NiceMax(series ...Series) float32 {
	var peak float32
	for _, s := range series {
		for _, v := range s.Values {
			if finite(v) {
				peak = max(peak, v)
			}
		}
	}
	if peak <= 0 {
		return 1
	}
	scale := math.Pow(10, math.Floor(math.Log10(float64(peak))))
	for _, step := range [...]float64{1, 2, 2.5, 5, 10} {
		if nice := step * scale; nice >= float64(peak) {
			return float32(nice)
		}
	}
	return float32(10 * scale)
}
