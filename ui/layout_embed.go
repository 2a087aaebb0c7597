package ui

// LayoutEmbed splits a w x h canvas of an embedded playground, where the
// picture is what the reader came for: the heatmap takes the canvas's
// full height on the left (leaving room for two charts side by side),
// the graph and under it the two charts share the column on its right.
// In a 600x400 iframe (a 600x360 canvas over the embed's control bar) the
// heatmap is 326 px. Where Layout gives the heatmap as much room
// (portrait or small canvases), the embed is laid out as Layout does.
func LayoutEmbed(w, h int) Regions {
	if w < minCanvas || h < minCanvas {
		return Layout(w, h)
	}
	innerW, innerH := w-2*canvasPad, h-2*canvasPad
	side := min(innerH-TitleHeight, innerW-2*panelGap-2*minChartW)
	if full := Layout(w, h); side <= full.Heatmap.Body.Dx() {
		return full
	}
	columnW := innerW - panelGap - side
	x := canvasPad + side + panelGap
	chartH := clampInt(innerH*30/100-TitleHeight, 40, 140)
	graphH := innerH - 2*TitleHeight - panelGap - chartH
	chartY := canvasPad + TitleHeight + graphH + panelGap
	chartW := (columnW - panelGap) / 2
	return Regions{
		Heatmap:  panel(canvasPad, canvasPad, side, side),
		Graph:    panel(x, canvasPad, columnW, graphH),
		Loss:     panel(x, chartY, chartW, chartH),
		Accuracy: panel(x+chartW+panelGap, chartY, columnW-chartW-panelGap, chartH),
	}
}
