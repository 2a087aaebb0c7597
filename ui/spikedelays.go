package ui

import (
	"image"
	"image/color"
	"math"
)

// The delay pictures: each spiking layer's distribution of delays over
// training, and its synapses' weights against their delays. Layers
// without delays have neither; a network with none leaves the panels
// plain for the caller to say so.

// delayBandGap separates the bands of several layers.
const delayBandGap = 6

// delayed lists the histories of layers whose synapses have delays.
func delayed(hists []DelayHistory) []int {
	var idx []int
	for i, h := range hists {
		if h.Mode != 0 && h.MaxDelay > 0 {
			idx = append(idx, i)
		}
	}
	return idx
}

// DelayBands are the bands of the delay pictures drawn into a buffer of
// bounds b, one per layer with delays (in the order of hists, for
// DelayedLayers), top to bottom. Empty when there is none or no room.
func DelayBands(b image.Rectangle, hists []DelayHistory) []image.Rectangle {
	n := len(delayed(hists))
	plot := b.Inset(chartPad)
	if n == 0 || plot.Dy() < n*(delayBandGap+4) || plot.Dx() < 8 {
		return nil
	}
	bands := make([]image.Rectangle, n)
	h := (plot.Dy() - (n-1)*delayBandGap) / n
	for i := range bands {
		y := plot.Min.Y + i*(h+delayBandGap)
		bands[i] = image.Rect(plot.Min.X, y, plot.Max.X, y+h)
	}
	return bands
}

// DelayedLayers are the layers (0 the first after the inputs) the bands
// of DelayBands show, in order.
func DelayedLayers(hists []DelayHistory) []int {
	var layers []int
	for _, i := range delayed(hists) {
		layers = append(layers, hists[i].Layer)
	}
	return layers
}

// DrawDelayHistory draws, per layer with delays, its histograms over
// training side by side: time runs to the right, one column per recorded
// step, the delay upward from 0 at the bottom, and the brighter a cell
// the more synapses have that delay then. It returns the number of
// layers drawn.
func DrawDelayHistory(dst *image.RGBA, hists []DelayHistory) int {
	fill(dst, dst.Rect, PanelColor)
	bands := DelayBands(dst.Rect, hists)
	for k, i := range delayed(hists)[:len(bands)] {
		h, band := hists[i], bands[k]
		fill(dst, band, GridColor)
		if !h.valid() {
			continue
		}
		bins, n := h.Bins(), len(h.Steps)
		var peak float32
		for _, v := range h.Counts {
			peak = max(peak, v)
		}
		if !(peak > 0) {
			continue
		}
		for s := range n {
			x0 := band.Min.X + s*band.Dx()/n
			x1 := max(band.Min.X+(s+1)*band.Dx()/n, x0+1)
			for b, v := range h.Counts[s*bins : (s+1)*bins] {
				if !(v > 0) {
					continue
				}
				y1 := band.Max.Y - b*band.Dy()/bins
				y0 := min(band.Max.Y-(b+1)*band.Dy()/bins, y1-1)
				a := float32(math.Sqrt(float64(v / peak))) // show the tails too
				fill(dst, image.Rect(x0, y0, x1, y1).Intersect(band), densityColor(a))
			}
		}
	}
	return len(bands)
}

// densityColor runs from the band's grey through Blue to the highlight
// yellow as a goes from 0 to 1.
func densityColor(a float32) color.RGBA {
	a = clamp01(a)
	if a < 0.5 {
		return lerpColor(GridColor, Blue, 2*a)
	}
	return lerpColor(Blue, HighlightColor, 2*a-1)
}

// maxScatterDots bounds the dots of a weight-by-delay picture: past it a
// wide layer's synapses are sampled evenly.
const maxScatterDots = 3000

// DrawWeightByDelay draws, per layer with delays, a dot per synapse at
// its delay (x, from 0 to the max delay, learned positions unrounded)
// and its weight (y, zero in the middle, scaled by the layer's largest
// magnitude), blue for positive weights and orange for negative.
// positions[k] goes with hists[k] (In x Out, as Snapshot.Positions), and
// weights is indexed by layer (Snapshot.Edges). It returns the number of
// layers drawn.
func DrawWeightByDelay(dst *image.RGBA, hists []DelayHistory, positions, weights [][]float32) int {
	fill(dst, dst.Rect, PanelColor)
	bands := DelayBands(dst.Rect, hists)
	for k, i := range delayed(hists)[:len(bands)] {
		h, band := hists[i], bands[k]
		fill(dst, band, GridColor)
		mid := band.Min.Y + band.Dy()/2
		fill(dst, image.Rect(band.Min.X, mid, band.Max.X, mid+1), BorderColor)
		if i >= len(positions) || h.Layer < 0 || h.Layer >= len(weights) {
			continue
		}
		pos, w := positions[i], weights[h.Layer]
		if len(pos) == 0 || len(pos) != len(w) {
			continue
		}
		peak := peakMagnitude(w)
		if peak == 0 {
			peak = 1
		}
		stride := max(1, (len(pos)+maxScatterDots-1)/maxScatterDots)
		inner := band.Inset(3)
		for s := 0; s < len(pos); s += stride {
			if !finite(w[s]) || !finite(pos[s]) {
				continue
			}
			x := float32(inner.Min.X) + pos[s]/float32(h.MaxDelay)*float32(inner.Dx()-1)
			y := float32(mid) - w[s]/peak*float32(inner.Dy()-1)/2
			fillDisc(dst, band, x+0.5, y+0.5, 2, weightColor(w[s]), 0.85)
		}
	}
	return len(bands)
}
