package ui

import (
	"image"
	"image/color"
	"math"
)

// Series is one curve of a chart: values at evenly spaced x positions.
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
	fill(dst, dst.Rect, PanelColor)
	plot := dst.Rect.Inset(chartPad)
	if plot.Empty() {
		return
	}
	drawChartGrid(dst, plot)
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return
	}
	n := 0
	for _, s := range series {
		n = max(n, len(s.Values))
	}
	// Pixel centres of the plot's edges, so the first and newest values
	// sit exactly on the outer grid lines.
	left, right := float32(plot.Min.X)+0.5, float32(plot.Max.X)-0.5
	top, bottom := float32(plot.Min.Y)+0.5, float32(plot.Max.Y)-0.5
	xAt := func(i int) float32 {
		if n < 2 {
			return right
		}
		return left + float32(i)/float32(n-1)*(right-left)
	}
	yAt := func(v float32) float32 {
		return bottom - clamp01((v-lo)/(hi-lo))*(bottom-top)
	}
	for _, s := range series {
		prev := -1 // index of the previous finite value, -1 after a gap
		for i, v := range s.Values {
			if !finite(v) {
				prev = -1
				continue
			}
			if prev >= 0 {
				strokeLine(dst, dst.Rect, xAt(prev), yAt(s.Values[prev]), xAt(i), yAt(v), chartLine, s.Color, 1)
			}
			prev = i
		}
		if prev >= 0 && prev == len(s.Values)-1 {
			fillDisc(dst, dst.Rect, xAt(prev), yAt(s.Values[prev]), chartDot, s.Color, 1)
		}
	}
}

// drawChartGrid draws chartGridRows x chartGridCols cells over plot.
func drawChartGrid(dst *image.RGBA, plot image.Rectangle) {
	w, h := plot.Dx()-1, plot.Dy()-1
	for i := range chartGridRows + 1 {
		y := plot.Min.Y + i*h/chartGridRows
		fill(dst, image.Rect(plot.Min.X, y, plot.Max.X, y+1), GridColor)
	}
	for i := range chartGridCols + 1 {
		x := plot.Min.X + i*w/chartGridCols
		fill(dst, image.Rect(x, plot.Min.Y, x+1, plot.Max.Y), GridColor)
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
