package ui

// SpikingLayout makes room for the spiking pictures in a layout made for
// the plane (Layout or LayoutEmbed), for tasks of spike trains, which
// have no plane: the heatmap's square becomes the raster over a smaller
// heatmap (the example grid) beside the membrane trace, and the graph
// gives a band to the two delay pictures (its bottom when it is tall
// enough, else its right side when wide enough). Pieces without room stay
// as they were, the new panels then empty.
func SpikingLayout(r Regions) Regions {
	r = splitHeatmap(r)
	return splitGraph(r)
}

// minSpikeSquare is the smallest heatmap square that splits.
const minSpikeSquare = 150

// splitHeatmap: raster on top, heatmap and membrane trace under it.
func splitHeatmap(r Regions) Regions {
	h := r.Heatmap
	side := h.Body.Dx()
	if side < minSpikeSquare || h.Body.Dy() != side {
		return r
	}
	x, y := h.Title.Min.X, h.Title.Min.Y
	lower := side * 2 / 5
	rasterH := side - lower - TitleHeight - panelGap
	lowerY := y + TitleHeight + rasterH + panelGap
	r.Raster = panel(x, y, side, rasterH)
	r.Heatmap = panel(x, lowerY, lower, lower)
	r.Membrane = panel(x+lower+panelGap, lowerY, side-lower-panelGap, lower)
	return r
}

// Sizes of the delay band carved from the graph.
const (
	minGraphForBand = 300 // graph body height that gives a band at its bottom
	minGraphForSide = 340 // graph body width that gives a column at its right
)

// splitGraph carves the delay pictures out of the graph's panel.
func splitGraph(r Regions) Regions {
	g := r.Graph.Body
	switch {
	case g.Dy() >= minGraphForBand:
		band := clampInt(g.Dy()*30/100, 90, 220)
		graphH := g.Dy() - band - TitleHeight - panelGap
		y := g.Min.Y + graphH + panelGap
		half := (g.Dx() - panelGap) / 2
		r.Graph = panel(g.Min.X, r.Graph.Title.Min.Y, g.Dx(), graphH)
		r.Delays = panel(g.Min.X, y, half, band)
		r.Scatter = panel(g.Min.X+half+panelGap, y, g.Dx()-half-panelGap, band)
	case g.Dx() >= minGraphForSide && g.Dy() >= 2*TitleHeight+panelGap+60:
		side := clampInt(g.Dx()*32/100, 140, 280)
		graphW := g.Dx() - side - panelGap
		x, y := g.Min.X+graphW+panelGap, r.Graph.Title.Min.Y
		upper := (g.Dy() - TitleHeight - panelGap) / 2
		r.Graph = panel(g.Min.X, y, graphW, g.Dy())
		r.Delays = panel(x, y, side, upper)
		r.Scatter = panel(x, y+TitleHeight+upper+panelGap, side, g.Dy()-TitleHeight-panelGap-upper)
	}
	return r
}
