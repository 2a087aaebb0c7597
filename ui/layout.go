package ui

import "image"

// Panel is one view's place on the canvas: a one-line title band for the
// caller's text, and the body the view's buffer is drawn into.
type Panel struct {
	Title image.Rectangle // TitleHeight high, as wide as Body
	Body  image.Rectangle
}

// Regions are the places of the views on the canvas.
type Regions struct {
	Graph    Panel // the network
	Heatmap  Panel // the decision surface; its Body is square
	Loss     Panel // loss curves
	Accuracy Panel // accuracy curves
	// The spiking pictures (SpikingLayout); empty on other tasks.
	Raster   Panel // one example's spikes per layer
	Membrane Panel // a neuron's membrane trace
	Delays   Panel // the delays' distribution over training
	Scatter  Panel // weight by delay
}

// Spacing of the canvas layout, in CSS pixels.
const (
	// TitleHeight is one line of Ebiten's debug font (16 px) and 2 px air.
	TitleHeight = 18
	canvasPad   = 8  // around the canvas edge
	panelGap    = 12 // between panels
	minChartW   = 110
)

// Layout splits a w x h canvas into the four panels. Wide canvases (at
// least square and 560 px wide) put the graph on the left and the heatmap,
// with the charts under it, on the right. Narrow ones (portrait, small
// embeds) put the graph on top and the heatmap below it, with the charts
// beside the heatmap when there is room and under it otherwise. Panels
// never overlap and stay inside the canvas. A canvas under 200 px in
// either direction shows only the heatmap (the other panels are empty).
func Layout(w, h int) Regions {
	if w < minCanvas || h < minCanvas {
		return heatmapOnly(w, h)
	}
	if w >= h && w >= 560 {
		return landscape(w, h)
	}
	return portrait(w, h)
}

// panel makes a panel whose title band sits above a body at (x, y) of
// size bw x bh; a panel without a body has no title either.
func panel(x, y, bw, bh int) Panel {
	if bw <= 0 || bh <= 0 {
		return Panel{}
	}
	return Panel{
		Title: image.Rect(x, y, x+bw, y+TitleHeight),
		Body:  image.Rect(x, y+TitleHeight, x+bw, y+TitleHeight+bh),
	}
}

// minCanvas is the smallest width and height that fits all four panels.
// Below it only the heatmap is shown, as large as it fits.
const minCanvas = 200

// heatmapOnly centres the largest heatmap that fits.
func heatmapOnly(w, h int) Regions {
	side := min(w-2*canvasPad, h-2*canvasPad-TitleHeight)
	return Regions{Heatmap: panel((w-side)/2, (h-side-TitleHeight)/2, side, side)}
}

// landscape: graph | heatmap over (loss, accuracy).
func landscape(w, h int) Regions {
	minChartH := clampInt(h*18/100, 48, 140)
	column := h - 2*canvasPad - 2*TitleHeight - panelGap // heatmap and chart bodies
	side := min(column-minChartH, (w-2*canvasPad-panelGap)*55/100)
	// When the width limits the heatmap, the charts take the height left.
	chartH := column - side
	right := w - canvasPad - side
	graphW := right - panelGap - canvasPad
	chartW := (side - panelGap) / 2
	chartY := canvasPad + TitleHeight + side + panelGap
	return Regions{
		Graph:    panel(canvasPad, canvasPad, graphW, h-2*canvasPad-TitleHeight),
		Heatmap:  panel(right, canvasPad, side, side),
		Loss:     panel(right, chartY, chartW, chartH),
		Accuracy: panel(right+chartW+panelGap, chartY, side-chartW-panelGap, chartH),
	}
}

// portrait: graph over heatmap, with the charts stacked beside the heatmap
// or side by side under it.
func portrait(w, h int) Regions {
	innerW := w - 2*canvasPad
	innerH := h - 2*canvasPad
	// The graph keeps at least a third of the height.
	graphH := max(innerH/3-TitleHeight, 0)
	rest := innerH - TitleHeight - graphH - panelGap // heatmap row, title included

	// Charts beside the heatmap, stacked, when that makes the larger
	// heatmap; else side by side under a heatmap as wide as the canvas.
	side := min(innerW-panelGap-minChartW, rest-TitleHeight)
	underChartH := clampInt(rest*22/100-TitleHeight, 32, 120)
	under := min(innerW, rest-2*TitleHeight-panelGap-underChartH)
	if side >= innerW*6/10 && side >= under {
		heatY := canvasPad + innerH - TitleHeight - side
		chartX := canvasPad + side + panelGap
		chartW := innerW - side - panelGap
		// Two stacked charts span the heatmap's height, titles included.
		chartH := (side - TitleHeight - panelGap) / 2
		return Regions{
			Graph:    panel(canvasPad, canvasPad, innerW, heatY-panelGap-canvasPad-TitleHeight),
			Heatmap:  panel(canvasPad, heatY, side, side),
			Loss:     panel(chartX, heatY, chartW, chartH),
			Accuracy: panel(chartX, heatY+TitleHeight+chartH+panelGap, chartW, side-TitleHeight-panelGap-chartH),
		}
	}

	// Charts side by side under the heatmap.
	chartH, side := underChartH, under
	chartW := (innerW - panelGap) / 2
	heatY := canvasPad + innerH - (TitleHeight + side + panelGap + TitleHeight + chartH)
	chartY := canvasPad + innerH - TitleHeight - chartH
	return Regions{
		Graph:    panel(canvasPad, canvasPad, innerW, heatY-panelGap-canvasPad-TitleHeight),
		Heatmap:  panel(canvasPad+(innerW-max(side, 0))/2, heatY, side, side),
		Loss:     panel(canvasPad, chartY, chartW, chartH),
		Accuracy: panel(canvasPad+chartW+panelGap, chartY, innerW-chartW-panelGap, chartH),
	}
}

func clampInt(v, lo, hi int) int { return min(max(v, lo), hi) }
