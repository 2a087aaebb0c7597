package ui

import (
	"image"
	"image/color"
	"strconv"
)

// SpikeColor is a spike in the raster and the trace: bright on the dark
// panels, apart from the weights' blue and orange.
var SpikeColor = TestCurveColor

// rasterGap separates the columns' bands in the raster.
const rasterGap = 4

// RasterLabelWidth is the margin left of the raster for the bands'
// names ("in", "1", "out"), which the caller prints (RasterLabels).
const RasterLabelWidth = 3*GlyphWidth + 4

// RasterBands are the bands of a raster drawn into a buffer of bounds b:
// one per column of the sample, inputs on top, heights shared by unit
// count with at least a few pixels each. Empty when nothing fits.
func RasterBands(b image.Rectangle, s SpikeSample) []image.Rectangle {
	n := len(s.Columns)
	plot := image.Rect(b.Min.X+RasterLabelWidth, b.Min.Y+2, b.Max.X-2, b.Max.Y-2)
	if n == 0 || s.Steps < 1 || plot.Dx() < s.Steps || plot.Dy() < n*(rasterGap+2) {
		return nil
	}
	units := 0
	for _, c := range s.Columns {
		units += max(c.Units, 1)
	}
	// Each band gets at least minBand pixels; the rest is shared by
	// units, so a 2-input band stays visible beside 256 hidden units.
	const minBand = 6
	avail := plot.Dy() - (n-1)*rasterGap
	extra := max(avail-n*minBand, 0)
	bands := make([]image.Rectangle, n)
	y, seen := plot.Min.Y, 0
	for i, c := range s.Columns {
		u := max(c.Units, 1)
		top := y
		seen += u
		h := min(minBand, avail/n) + extra*seen/units - extra*(seen-u)/units
		if i == n-1 {
			h = plot.Max.Y - top
		}
		bands[i] = image.Rect(plot.Min.X, top, plot.Max.X, top+h)
		y = top + h + rasterGap
	}
	return bands
}

// DrawSpikeRaster draws one example's spikes: for every column of the
// network a band of neuron rows over time-step columns, a bright cell
// where a unit spiked; a readout's band shows its membrane (orange
// negative, blue positive, scaled by its largest magnitude) with the
// predicted unit's row framed. cursor, when in 0..Steps, marks that time
// step (the graph's playback). A sample that does not fit leaves the
// panel plain.
func DrawSpikeRaster(dst *image.RGBA, s SpikeSample, cursor float32) {
	fill(dst, dst.Rect, PanelColor)
	bands := RasterBands(dst.Rect, s)
	for i, band := range bands {
		c := s.Columns[i]
		fill(dst, band, GridColor)
		if c.Units <= 0 {
			continue
		}
		switch {
		case len(c.Spikes) >= s.Steps*c.Units:
			drawSpikeCells(dst, band, c.Spikes, s.Steps, c.Units)
		case len(c.Membrane) >= s.Steps*c.Units:
			drawValueCells(dst, band, c.Membrane, s.Steps, c.Units)
			if c.Readout && s.Predicted >= 0 && s.Predicted < c.Units {
				outline(dst, rasterCell(band, 0, s.Predicted, s.Steps, c.Units).Union(
					rasterCell(band, s.Steps-1, s.Predicted, s.Steps, c.Units)).Inset(-1), HighlightColor)
			}
		}
	}
	if len(bands) > 0 && cursor >= 0 && cursor <= float32(s.Steps) {
		first, last := bands[0], bands[len(bands)-1]
		x := first.Min.X + int(cursor*float32(first.Dx())/float32(s.Steps))
		for y := first.Min.Y; y < last.Max.Y; y++ {
			if x >= dst.Rect.Min.X && x < dst.Rect.Max.X {
				blend(dst, x, y, HighlightColor, 0.6)
			}
		}
	}
}

// rasterCell is the cell of step t, unit u in a band: at least a pixel
// each way, so every spike shows however many units share the band.
func rasterCell(band image.Rectangle, t, u, steps, units int) image.Rectangle {
	x0 := band.Min.X + t*band.Dx()/steps
	x1 := max(band.Min.X+(t+1)*band.Dx()/steps, x0+1)
	y0 := band.Min.Y + u*band.Dy()/units
	y1 := max(band.Min.Y+(u+1)*band.Dy()/units, y0+1)
	// Leave a pixel between roomy cells so neighbouring spikes read apart.
	if x1-x0 >= 4 {
		x1--
	}
	if y1-y0 >= 4 {
		y1--
	}
	return image.Rect(x0, y0, x1, y1).Intersect(band)
}

func drawSpikeCells(dst *image.RGBA, band image.Rectangle, spikes []float32, steps, units int) {
	for t := range steps {
		for u, v := range spikes[t*units : (t+1)*units] {
			if v > 0.5 {
				fill(dst, rasterCell(band, t, u, steps, units), SpikeColor)
			}
		}
	}
}

func drawValueCells(dst *image.RGBA, band image.Rectangle, values []float32, steps, units int) {
	peak := peakMagnitude(values[:steps*units])
	if peak == 0 {
		peak = 1
	}
	for t := range steps {
		for u, v := range values[t*units : (t+1)*units] {
			fill(dst, rasterCell(band, t, u, steps, units), darkValueColor(v/peak))
		}
	}
}

// darkValueColor mixes the panel's grey toward Orange (negative) or Blue
// (positive) by |v|, so weak values sink into the dark panel.
func darkValueColor(v float32) color.RGBA {
	if v != v {
		return GridColor
	}
	if v < 0 {
		return lerpColor(GridColor, Orange, clamp01(-v))
	}
	return lerpColor(GridColor, lerpColor(Blue, Neutral, 0.25), clamp01(v))
}

// RasterLabels names the raster's bands in their left margin ("in", the
// layer's number, "out"), for a raster drawn into body (on the canvas).
func RasterLabels(dst []Label, body image.Rectangle, s SpikeSample) []Label {
	bands := RasterBands(body, s)
	for i, band := range bands {
		if band.Dy() < GlyphHeight-4 {
			continue
		}
		text := "in"
		switch {
		case i == len(bands)-1:
			text = "out"
		case i > 0:
			text = strconv.Itoa(i)
		}
		dst = append(dst, Label{text, body.Min.X + 1, band.Min.Y + (band.Dy()-GlyphHeight)/2})
	}
	return dst
}
