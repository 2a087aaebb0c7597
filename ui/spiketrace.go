package ui

import (
	"image"
)

// TraceRange is the value range a membrane trace of unit u of column c
// spans: its values, 0, and the threshold with some headroom, so the
// threshold line is always inside. ok is false when the column has no
// membrane for that unit.
func TraceRange(c SpikeColumn, steps, u int) (lo, hi float32, ok bool) {
	if u < 0 || u >= c.Units || steps < 1 || len(c.Membrane) < steps*c.Units {
		return 0, 0, false
	}
	lo, hi = 0, c.Threshold*1.15
	for t := range steps {
		if v := c.Membrane[t*c.Units+u]; finite(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if hi-lo < 1e-6 {
		hi = lo + 1
	}
	pad := (hi - lo) * 0.06
	return lo - pad, hi + pad, true
}

// DrawMembraneTrace draws unit u of column c over the time steps: its
// membrane as a line, the threshold as a dashed line, and a mark along
// the top at every step it spiked. The inputs have no membrane: their
// spikes alone are drawn. A readout has no threshold. Out-of-range units
// leave the panel plain.
func DrawMembraneTrace(dst *image.RGBA, c SpikeColumn, steps, u int) {
	fill(dst, dst.Rect, PanelColor)
	marks, chart := traceAreas(dst.Rect)
	if chart.Dx() < 4 || chart.Dy() < 4 || steps < 1 || u < 0 || u >= c.Units {
		return
	}
	xAt := func(t float32) float32 {
		return float32(chart.Min.X) + (t+0.5)*float32(chart.Dx())/float32(steps)
	}
	if len(c.Spikes) >= steps*c.Units {
		w := max(float32(chart.Dx())/float32(steps)*0.5, 1.5)
		for t := range steps {
			if c.Spikes[t*c.Units+u] > 0.5 {
				x := xAt(float32(t))
				fill(dst, image.Rect(int(x-w/2), marks.Min.Y, int(x+w/2+1), marks.Max.Y), SpikeColor)
			}
		}
	}
	lo, hi, ok := TraceRange(c, steps, u)
	if !ok {
		return
	}
	yAt := func(v float32) float32 { return traceY(chart, lo, hi, v) }
	// The zero line, faint, then the threshold, dashed.
	zero := int(yAt(0))
	fill(dst, image.Rect(chart.Min.X, zero, chart.Max.X, zero+1), GridColor)
	if c.Threshold > 0 {
		y := int(yAt(c.Threshold))
		for x := chart.Min.X; x < chart.Max.X; x += 8 {
			fill(dst, image.Rect(x, y, min(x+5, chart.Max.X), y+1), HighlightColor)
		}
	}
	// The membrane: a step's value held across its column, joined to the
	// next by a line (it is computed once per step).
	var px, py float32
	joined := false
	for t := range steps {
		v := c.Membrane[t*c.Units+u]
		if !finite(v) {
			joined = false
			continue
		}
		x, y := xAt(float32(t)), yAt(v)
		if joined {
			strokeLine(dst, chart, px, py, x, y, 1.5, TestCurveColor, 1)
		}
		fillDisc(dst, chart, x, y, 2, TestCurveColor, 1)
		px, py, joined = x, y, true
	}
}

// traceAreas splits a trace's buffer bounds into the band of spike marks
// along the top and the chart of the membrane under it.
func traceAreas(b image.Rectangle) (marks, chart image.Rectangle) {
	plot := b.Inset(chartPad)
	if plot.Empty() {
		return image.Rectangle{}, image.Rectangle{}
	}
	marks = image.Rect(plot.Min.X, plot.Min.Y, plot.Max.X, plot.Min.Y+max(plot.Dy()/10, 3))
	return marks, image.Rect(plot.Min.X, marks.Max.Y+2, plot.Max.X, plot.Max.Y)
}

// traceY is the y of value v in a chart spanning lo..hi.
func traceY(chart image.Rectangle, lo, hi, v float32) float32 {
	return float32(chart.Max.Y-1) - (v-lo)/(hi-lo)*float32(chart.Dy()-1)
}

// TraceThresholdY is the y (in the coordinates of a trace drawn into
// bounds b) of the threshold line, for its label; ok is false when the
// unit has no threshold or the trace no room.
func TraceThresholdY(b image.Rectangle, c SpikeColumn, steps, u int) (int, bool) {
	_, chart := traceAreas(b)
	lo, hi, ok := TraceRange(c, steps, u)
	if !ok || !(c.Threshold > 0) || chart.Dy() < 4 {
		return 0, false
	}
	return int(traceY(chart, lo, hi, c.Threshold)), true
}
