//go:build js

package main

import (
	"fmt"
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"playground/session"
	"playground/ui"
)

// The large plot of a KAN edge, in the heatmap's place: hovering an edge
// of a KAN layer in the graph (or resting a finger on it) shows its
// function with the histogram of its input; clicking (tapping) the edge
// keeps it there, so the pointer can go over to the plot and drag a
// control point, which edits the coefficient through the session. A
// hovered neuron still shows its field, and clicking the graph off every
// edge lets the plot go.

// edgeRef names an edge of the graph: from unit `from` of network layer
// `layer`'s inputs (graph column layer) to its unit `to`.
type edgeRef struct {
	layer, from, to int
	ok              bool
}

// name is how the plot's title and the panel call the edge: "x1 -> L1
// N2", with the inputs' names and the graph's number of columns.
func (e edgeRef) name(inputs []string, columns int) string {
	from := fmt.Sprintf("L%d N%d", e.layer, e.from+1)
	if e.layer == 0 && e.from < len(inputs) {
		from = inputs[e.from]
	}
	to := fmt.Sprintf("L%d N%d", e.layer+1, e.to+1)
	if e.layer+2 == columns {
		to = fmt.Sprintf("OUTPUT %d", e.to+1)
	}
	return from + " -> " + to
}

// edgePlotView is the game's state of the large edge plot.
type edgePlotView struct {
	// gaps says which layers' edges can be picked: those whose graph
	// shows their functions (session.Snapshot.Curves).
	gaps                   []bool
	hovered, pinned, shown edgeRef
	// plotted is the edge plot, axes and the view hold.
	plotted edgeRef
	// active is the handle under the pointer or being dragged, else the
	// kept edge's one the panel's keyboard controls move (chosen), -1
	// none.
	active, chosen int
	drag           edgeDrag
	plot           ui.EdgePlot
	axes           ui.EdgePlotAxes
	view           view
}

// edgeDrag is a control point being dragged, by the mouse or a finger,
// on the axes the plot had when it was grabbed (they hold still under
// the pointer while the curve changes).
type edgeDrag struct {
	on     bool
	edge   edgeRef
	handle int
	touch  bool
	id     ebiten.TouchID
	axes   ui.EdgePlotAxes
	last   float32
}

// edgeKey is what of the edge plot the picture depends on.
type edgeKey struct {
	shown    edgeRef
	pinned   edgeRef
	active   int
	dragging bool
}

func (v *edgePlotView) key() edgeKey {
	return edgeKey{shown: v.shown, pinned: v.pinned, active: v.active, dragging: v.drag.on}
}

// pointer is where the mouse is, or a finger resting for longPress ticks
// (a touch screen has no hover).
func (g *game) pointer() (x, y int) {
	x, y = ebiten.CursorPosition()
	g.touches = ebiten.AppendTouchIDs(g.touches[:0])
	for _, id := range g.touches {
		if inpututil.TouchPressDuration(id) >= longPress {
			return ebiten.TouchPosition(id)
		}
	}
	return x, y
}

// edgeAt is the pickable edge at canvas pixel (x, y), if any.
func (g *game) edgeAt(x, y int) edgeRef {
	r := g.graph.rect
	if !image.Pt(x, y).In(r) {
		return edgeRef{}
	}
	for i, ok := range g.edges.gaps {
		if !ok {
			continue
		}
		if from, to, found := g.graphLayout.EdgeAt(i, x-r.Min.X, y-r.Min.Y); found {
			return edgeRef{layer: i, from: from, to: to, ok: true}
		}
	}
	return edgeRef{}
}

// updateEdgePlot follows the pointer for the edge plot, once a tick,
// with hover the neuron under the pointer: it picks, pins and lets go of
// edges, and grabs, drags and drops control points. It reports whether a
// press went to the plot, which the heatmap's click must then ignore.
func (g *game) updateEdgePlot(hover node) (consumed bool) {
	v := &g.edges
	x, y := g.pointer()
	v.hovered = edgeRef{}
	if !hover.ok {
		v.hovered = g.edgeAt(x, y)
	}
	body := g.regions.Heatmap.Body
	if px, py, ok := justPressed(g); ok {
		switch {
		case image.Pt(px, py).In(g.graph.rect):
			if e := g.edgeAt(px, py); e.ok || !hover.ok {
				v.pinned = e // an edge keeps its plot; the graph off every edge lets it go
			}
		case v.shown.ok && image.Pt(px, py).In(body):
			consumed = true
			g.grab(px-body.Min.X, py-body.Min.Y)
		}
	}
	if v.drag.on {
		g.dragTo(body)
	}
	switch {
	case v.drag.on:
		v.shown = v.drag.edge
	case hover.ok:
		v.shown = edgeRef{}
	case v.hovered.ok:
		v.shown = v.hovered
	default:
		v.shown = v.pinned
	}
	v.active = -1
	switch {
	case v.drag.on:
		v.active = v.drag.handle
	case v.shown == v.plotted && image.Pt(x, y).In(body) && v.axes.Valid():
		v.active = v.axes.HandleAt(&v.plot, float32(x-body.Min.X)+0.5, float32(y-body.Min.Y)+0.5)
	}
	if v.active < 0 && v.shown == v.pinned && v.shown == v.plotted && v.chosen < len(v.plot.Handles) {
		v.active = v.chosen
	}
	return consumed
}

// grab starts dragging the handle at (x, y) of the plot, if there is
// one, with the pointer that just pressed.
func (g *game) grab(x, y int) {
	v := &g.edges
	if v.plotted != v.shown || !v.axes.Valid() {
		return // the plot on screen is not yet the shown edge's
	}
	m := v.axes.HandleAt(&v.plot, float32(x)+0.5, float32(y)+0.5)
	if m < 0 {
		return
	}
	d := edgeDrag{on: true, edge: v.shown, handle: m, axes: v.axes, last: v.plot.Handles[m].Y}
	if !inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) && len(g.touches) > 0 {
		d.touch, d.id = true, g.touches[0] // justPressed filled g.touches
	}
	v.drag = d
}

// dragTo moves the dragged handle to the pointer's height, or drops it
// when the button or finger is up.
func (g *game) dragTo(body image.Rectangle) {
	d := &g.edges.drag
	var y int
	if d.touch {
		if inpututil.TouchPressDuration(d.id) == 0 {
			d.on = false
			return
		}
		_, y = ebiten.TouchPosition(d.id)
	} else {
		if !ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) {
			d.on = false
			return
		}
		_, y = ebiten.CursorPosition()
	}
	value := d.axes.ValueAt(float32(y-body.Min.Y) + 0.5)
	if value == d.last {
		return
	}
	d.last = value
	if err := g.app.moveControlPoint(d.edge, d.handle, value); err != nil {
		d.on = false
		g.app.mu.Lock()
		g.app.message = err.Error()
		g.app.mu.Unlock()
		g.app.syncPanel()
	}
}

// edgeSpot is a pixel on the canvas on KAN edge from -> to of a layer, for
// layout() (tests hover it).
type edgeSpot struct {
	layer, from, to int
	at              image.Point
}

// markEdges notes which layers' edges can be picked, and where, and
// frames the edge the plot shows, on a graph just drawn from snap.
func (g *game) markEdges(snap *session.Snapshot) {
	v := &g.edges
	v.gaps = v.gaps[:0]
	spots := g.app.edgeSpots[:0] // the caller holds the app's lock
	for i, c := range snap.Curves {
		v.gaps = append(v.gaps, c.Valid())
		if !c.Valid() {
			continue
		}
		for from := range g.graphLayout.Units(i) {
			for to := range g.graphLayout.Units(i + 1) {
				if pt, ok := g.graphLayout.EdgeSpot(i, from, to); ok {
					pt = pt.Add(g.graph.rect.Min)
					spots = append(spots, edgeSpot{layer: i, from: from, to: to, at: pt})
				}
			}
		}
	}
	g.app.edgeSpots = spots
	if !g.pickable(v.pinned) {
		v.pinned = edgeRef{} // pruned away, or another experiment
	}
	if e := v.shown; e.ok && g.pickable(e) {
		ui.HighlightEdge(g.graph.pix, g.graphLayout, e.layer, e.from, e.to)
	}
}

// pickable reports whether e is an edge the graph lets the pointer pick.
func (g *game) pickable(e edgeRef) bool {
	l := g.graphLayout
	return e.ok && e.layer < len(g.edges.gaps) && g.edges.gaps[e.layer] &&
		e.from < l.Units(e.layer) && e.to < l.Units(e.layer+1)
}

// drawEdgePlot draws the shown edge's plot over the heatmap; call with
// the app's lock held, after the picture.
func (g *game) drawEdgePlot() {
	v, a := &g.edges, g.app
	a.edgeStatus, v.plotted = nil, edgeRef{}
	if !v.shown.ok {
		return
	}
	body := g.regions.Heatmap.Body
	if v.view.rect != body || v.view.pix == nil {
		v.view.resize(body, 1)
	}
	if v.view.pix == nil {
		return
	}
	e := v.shown
	if err := a.sess.EdgePlot(e.layer, e.from, e.to, &v.plot); err != nil {
		// The network changed under the pointer (a load, a prune): the
		// heatmap shows what it showed before.
		v.shown, v.pinned, v.drag.on = edgeRef{}, edgeRef{}, false
		return
	}
	v.plotted = e
	v.axes = ui.NewEdgePlotAxes(v.view.pix.Rect, &v.plot)
	if v.drag.on && v.drag.edge == e {
		v.axes = v.drag.axes
	}
	ui.DrawEdgePlot(v.view.pix, &v.plot, v.axes, v.active)
	v.view.changed()
	a.edgeStatus = g.edgeStatus(body)
}

// edgePlotLabels appends the labels of the plot on screen.
func (g *game) edgePlotLabels(labels []ui.Label) []ui.Label {
	if !g.edges.shown.ok || g.edges.view.pix == nil {
		return labels
	}
	return ui.EdgePlotLabels(labels, g.edges.axes, g.regions.Heatmap.Body.Min)
}

// presentEdgePlot puts the plot on the screen over the heatmap.
func (g *game) presentEdgePlot(screen *ebiten.Image) {
	if g.edges.shown.ok {
		g.edges.view.draw(screen)
	}
}

// edgePlotTitle is the heatmap's title while it shows an edge: which
// edge, and what the pointer can do.
func (g *game) edgePlotTitle(inputs []string) (name, status string) {
	v := &g.edges
	e := v.shown
	name = "EDGE " + e.name(inputs, len(g.graphColumns))
	switch {
	case v.drag.on:
		status = fmt.Sprintf("point %d: %.3g", v.drag.handle+1, v.drag.last)
	case v.active >= 0 && v.active == v.chosen && v.chosen < len(v.plot.Handles):
		status = fmt.Sprintf("point %d: %.3g", v.chosen+1, v.plot.Handles[v.chosen].Y)
	case len(v.plot.Handles) == 0:
		status = "no control points"
	case v.pinned != e:
		status = "click: keep it, drag a point"
	default:
		status = "drag a point"
	}
	return name, status
}

// edgeStatus is status().edge: the edge shown, its range and histogram,
// and its control points with their pixels on the canvas.
func (g *game) edgeStatus(body image.Rectangle) map[string]any {
	v := &g.edges
	e := v.shown
	handles := make([]any, len(v.plot.Handles))
	for m, h := range v.plot.Handles {
		px, py, inside := v.axes.Pixel(h.X, h.Y)
		handles[m] = map[string]any{
			"x": float64(h.X), "y": float64(h.Y), "inside": inside,
			"px": float64(body.Min.X) + float64(px), "py": float64(body.Min.Y) + float64(py),
		}
	}
	counts := make([]any, len(v.plot.Counts))
	for b, c := range v.plot.Counts {
		counts[b] = c
	}
	coef := []any{}
	for _, c := range g.app.sess.ControlPoints(e.layer, e.from, e.to) {
		coef = append(coef, float64(c))
	}
	status := map[string]any{
		"layer": e.layer, "from": e.from, "to": e.to,
		"pinned": v.pinned == e, "dragging": v.drag.on, "active": v.active,
		"lo": float64(v.plot.Lo), "hi": float64(v.plot.Hi), "counts": counts,
		"handles": handles, "coefficients": coef,
		"yLo": float64(v.axes.YLo), "yHi": float64(v.axes.YHi),
	}
	return status
}

// moveControlPoint moves control point m of edge e to height y, under the
// lock; the picture and the link's weights follow.
func (a *app) moveControlPoint(e edgeRef, m int, y float32) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.sess.SetControlPoint(e.layer, e.from, e.to, m, y); err != nil {
		return err
	}
	a.message = ""
	a.edits++
	return nil
}

// edgeStatusJS is status().edge: null without a plot on screen.
func edgeStatusJS(s map[string]any) any {
	if s == nil {
		return nil
	}
	return s
}
