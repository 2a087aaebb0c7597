package ui

import (
	"image"
)

// Finding and marking one edge of the graph, for the large edge plot: the
// edge under the pointer, and the frame that shows which one is plotted.

// edgeReach is how far from an edge's line, in pixels, the pointer still
// picks it where the edge has no plot of its own.
const edgeReach = 4

// EdgeAt is the edge from column i to column i+1 under pixel (x, y) of a
// layout drawn by DrawGraph and DrawEdgeCurves: the one whose little plot
// holds the pixel, or, where the gap has no room for plots, the one whose
// line passes nearest within edgeReach.
func (l GraphLayout) EdgeAt(i, x, y int) (from, to int, ok bool) {
	in, out := l.Units(i), l.Units(i+1)
	if in == 0 || out == 0 {
		return 0, 0, false
	}
	if size := curvePlotSize(l, i); size > 0 {
		pt := image.Pt(x, y)
		// Later plots are drawn over earlier ones: the last one wins.
		for a := in - 1; a >= 0; a-- {
			for b := out - 1; b >= 0; b-- {
				if pt.In(curvePlotBox(l, i, a, b, size)) {
					return a, b, true
				}
			}
		}
		return 0, 0, false
	}
	best := float32(edgeReach * edgeReach)
	px, py := float32(x)+0.5, float32(y)+0.5
	for a := range in {
		for b := range out {
			fx, fy, tx, ty := edgeEnds(l, i, a, b)
			if d := segmentDistance2(px, py, fx, fy, tx, ty); d <= best {
				from, to, ok, best = a, b, true, d
			}
		}
	}
	return from, to, ok
}

// segmentDistance2 is the squared distance from (px, py) to the segment
// from (x0, y0) to (x1, y1).
func segmentDistance2(px, py, x0, y0, x1, y1 float32) float32 {
	dx, dy := x1-x0, y1-y0
	t := float32(0)
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = clamp01(((px-x0)*dx + (py-y0)*dy) / l2)
	}
	ex, ey := x0+t*dx-px, y0+t*dy-py
	return ex*ex + ey*ey
}

// EdgeSpot is a pixel that EdgeAt maps to edge from->to of column i (the
// middle of its plot, or a point on its line where no other is nearer),
// in the layout's coordinates, and false when the edge does not exist or
// its line is hidden by others.
func (l GraphLayout) EdgeSpot(i, from, to int) (image.Point, bool) {
	if from < 0 || to < 0 || from >= l.Units(i) || to >= l.Units(i+1) {
		return image.Point{}, false
	}
	if size := curvePlotSize(l, i); size > 0 {
		r := curvePlotBox(l, i, from, to, size)
		return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2), true
	}
	// Plain lines cross: the first point along the line, from its
	// middle outwards, where it is the nearest.
	fx, fy, tx, ty := edgeEnds(l, i, from, to)
	for k := range 9 {
		t := 0.5 + float32((k+1)/2)*0.05*float32(1-2*(k%2))
		pt := image.Pt(int(fx+(tx-fx)*t), int(fy+(ty-fy)*t))
		if a, b, ok := l.EdgeAt(i, pt.X, pt.Y); ok && a == from && b == to {
			return pt, true
		}
	}
	return image.Point{}, false
}

// HighlightEdge marks the edge whose function the large plot shows: its
// line in HighlightColor and, when it has a little plot, a frame two
// pixels around it.
func HighlightEdge(dst *image.RGBA, l GraphLayout, i, from, to int) {
	if from < 0 || to < 0 || from >= l.Units(i) || to >= l.Units(i+1) {
		return
	}
	origin := dst.Rect.Min
	fx, fy, tx, ty := edgeEnds(l, i, from, to)
	ox, oy := float32(origin.X), float32(origin.Y)
	size := curvePlotSize(l, i)
	if size == 0 {
		strokeLine(dst, dst.Rect, fx+ox, fy+oy, tx+ox, ty+oy, 2.5, HighlightColor, 1)
		return
	}
	// The line up to the plot and on from it, so the plot stays readable.
	r := curvePlotBox(l, i, from, to, size)
	strokeLine(dst, dst.Rect, fx+ox, fy+oy, float32(r.Min.X)+ox, float32(r.Min.Y+r.Max.Y)/2+oy, 2, HighlightColor, 1)
	strokeLine(dst, dst.Rect, float32(r.Max.X)+ox, float32(r.Min.Y+r.Max.Y)/2+oy, tx+ox, ty+oy, 2, HighlightColor, 1)
	r = r.Add(origin)
	outline(dst, r.Inset(-1), HighlightColor)
	outline(dst, r.Inset(-2), HighlightColor)
}
