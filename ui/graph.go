package ui

import (
	"image"
	"image/color"
)

// lineBudget caps the weight lines drawn in one picture: past it only the
// strongest are drawn. A 256 x 256 layer has 65536 weights; drawing all of
// them would cost many frames and show only a haze, and the lines are most
// of a wide network's picture (lineBudgets shares them out).
const lineBudget = 1200

// DrawGraph draws the network: background, one line per weight and the
// node boxes with their thumbnails.
//
// weights[i] is the In x Out row-major matrix from column i to column i+1
// (the weight from unit a to unit b at [a*Out+b]); a matrix of the wrong
// size is skipped. Lines are blue for positive and orange for negative
// weights, wider and more opaque the larger |w| is relative to the largest
// weight of the same matrix (each layer is scaled on its own so small
// weights deep in a wide network still show). Between wide columns lines
// get thinner and fainter, and past lineBudget lines only the strongest
// are drawn, so the picture stays legible and the frame cheap.
//
// thumbs[i][u] is the output of unit u of column i over the plane, shown in
// its box; missing or empty fields leave the box plain. Zero weights (a
// pruned connection) draw no line.
func DrawGraph(dst *image.RGBA, l GraphLayout, weights [][]float32, thumbs [][]Field) {
	var p GraphPainting
	p.Start(l, weights, thumbs)
	for !p.Step(dst) {
	}
}

// drawNode draws one unit's box: a frame when there is room for one, and
// the thumbnail inside.
func drawNode(dst *image.RGBA, r image.Rectangle, f Field) {
	inner := r
	if r.Dx() >= 6 {
		outline(dst, r, BorderColor)
		inner = r.Inset(1)
	}
	if f.valid() {
		drawField(dst, inner, f, false)
	} else {
		fill(dst, inner, GridColor)
	}
}

// MaxGraphColumns bounds the columns a graph draws lines between (inputs,
// hidden layers, output), as the experiment's limits do.
const MaxGraphColumns = 32

// lineBudgets shares lineBudget among the gaps between columns: a gap with
// few weights draws them all, and what it leaves goes to the wider gaps in
// equal shares, so a narrow first layer keeps every line beside two
// 256-wide ones.
func lineBudgets(dst []int, l GraphLayout) {
	gaps := min(max(len(l.cols)-1, 0), len(dst))
	var order [MaxGraphColumns]int
	for i := range gaps {
		order[i] = i
	}
	edges := func(i int) int { return l.cols[i].units * l.cols[i+1].units }
	// Insertion sort by edge count: a handful of gaps, no allocation.
	for i := 1; i < gaps; i++ {
		for j := i; j > 0 && edges(order[j]) < edges(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	left := lineBudget
	for k := range gaps {
		i := order[k]
		dst[i] = min(edges(i), left/(gaps-k))
		left -= dst[i]
	}
}

// hairlineBelow is the width under which a weight line is drawn as a
// one-pixel hairline: the anti-aliased stroke of a line 1.0-1.5 pixels
// wide looks the same and costs three times as much, and a wide layer's
// lines are nearly all that thin.
const hairlineBelow = 1.5

// weightColor is Blue for positive weights and Orange for negative ones.
func weightColor(v float32) color.RGBA {
	if v < 0 {
		return Orange
	}
	return Blue
}

// strengthFloor returns the smallest relative strength |w|/peak a line
// needs to be drawn so that at most about budget lines are, found with a
// histogram rather than a sort to stay allocation-free.
func strengthFloor(w []float32, peak float32, budget int) float32 {
	if len(w) <= budget {
		return 0
	}
	const bins = 64
	var hist [bins]int
	scale := bins / peak // a multiplication per weight, not a division
	for _, v := range w {
		if finite(v) {
			hist[min(int(abs32(v)*scale), bins-1)]++
		}
	}
	total := 0
	for b := bins - 1; b >= 0; b-- {
		total += hist[b]
		if total > budget {
			return float32(b+1) / bins
		}
	}
	return 0
}

// HighlightColor frames the neuron under the pointer.
var HighlightColor = color.RGBA{0xFF, 0xD5, 0x4F, 0xFF}

// HighlightNode frames a neuron of a graph drawn by DrawGraph, two pixels
// outside its box, so the neuron shown in the big picture stands out.
func HighlightNode(dst *image.RGBA, l GraphLayout, layer, unit int) {
	r := l.NodeRect(layer, unit)
	if r.Empty() {
		return
	}
	outline(dst, r.Inset(-1), HighlightColor)
	outline(dst, r.Inset(-2), HighlightColor)
}
