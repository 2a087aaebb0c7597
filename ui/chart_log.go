package ui

import (
	"image"
	"math"
)

// DrawChartLogSteps draws the series against the logarithm of the training
// step, so that early and late changes both show: a network that fits its
// training pairs by step 300 and generalizes only by step 5000 (grokking)
// has two visible jumps instead of one squeezed against the left edge.
//
// steps[i] is the step of every series' i-th value (History.Steps()); a
// value past the end of steps has no place and is not drawn. Step s sits
// at log10(s+1), so step 0, the untrained network, has a place too; the
// axis runs from steps[0] at the left edge to the newest step at the right
// (everything at the right edge when they are equal). Vertical grid lines
// mark the edges and the powers of ten between them (see LogStepTicks); y
// runs from lo to hi and curves are drawn as by DrawChartRange. Without
// steps only the background and grid are drawn.
func DrawChartLogSteps(dst *image.RGBA, steps []int, lo, hi float32, series ...Series) {
	plot, ok := drawChartFrame(dst)
	if !ok {
		return
	}
	drawChartCol(dst, plot, plot.Min.X)
	drawChartCol(dst, plot, plot.Max.X-1)
	if len(steps) == 0 {
		return
	}
	first, last := steps[0], steps[len(steps)-1]
	axis := newLogAxis(first, last)
	for p := firstTick(first); p > 0 && p <= last; p = nextTick(p, last) {
		drawChartCol(dst, plot, plotColumn(plot, axis.pos(p)))
	}
	drawCurves(dst, plot, lo, hi, series, func(i int) (float32, bool) {
		if i >= len(steps) {
			return 0, false
		}
		return axis.pos(steps[i]), true
	})
}

// LogStepTicks appends to dst the powers of ten (1, 10, 100, ...) from
// first to last, the steps at which DrawChartLogSteps draws vertical grid
// lines, for the caller to label. Pass the first and newest steps the
// chart was drawn with.
func LogStepTicks(dst []int, first, last int) []int {
	for p := firstTick(first); p > 0 && p <= last; p = nextTick(p, last) {
		dst = append(dst, p)
	}
	return dst
}

// LogStepX is the pixel column of chart, a DrawChartLogSteps buffer's
// rectangle (or where it sits on the canvas), at which the grid line of
// step lies for an axis from first to last. Steps outside the axis are
// pinned to its edges.
func LogStepX(chart image.Rectangle, first, last, step int) int {
	return plotColumn(chart.Inset(chartPad), newLogAxis(first, last).pos(step))
}

// firstTick is the smallest power of ten not below first.
func firstTick(first int) int {
	p := 1
	for p < first && p <= math.MaxInt/10 {
		p *= 10
	}
	if p < first {
		return 0 // no power of ten that large fits an int
	}
	return p
}

// nextTick is the power of ten after p, or 0 past last or past the
// largest int.
func nextTick(p, last int) int {
	if p > last/10 {
		return 0
	}
	return p * 10
}

// plotColumn is the column of plot holding the point at t (0 at the left
// edge, 1 at the right) that drawCurves draws there.
func plotColumn(plot image.Rectangle, t float32) int {
	return plot.Min.X + int(clamp01(t)*float32(plot.Dx()-1)+0.5)
}

// logAxis maps steps to positions on a log axis: log10(step+1), scaled so
// that from sits at 0 and from+span at 1.
type logAxis struct {
	from, span float64
}

func newLogAxis(first, last int) logAxis {
	from := logStep(first)
	return logAxis{from, logStep(last) - from}
}

// logStep is where step s sits before scaling; negative steps count as 0.
func logStep(s int) float64 { return math.Log10(1 + float64(max(s, 0))) }

// pos is the position of step s, 1 for every step when the axis is a
// single point.
func (a logAxis) pos(s int) float32 {
	if !(a.span > 0) {
		return 1
	}
	return float32((logStep(s) - a.from) / a.span)
}
