//go:build js

package panel

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
)

// KANEdge is an edge of a KAN layer whose function the graph shows, named
// as the plot's title names it ("x1 -> L1 N2").
type KANEdge struct {
	Layer, From, To int
	Name            string
}

// KANEdges is what the edge controls show: the edges to choose from,
// which one the plane shows kept (an index into Edges, -1 none), and
// that edge's control points, each an input and a height, as the plot
// draws them.
type KANEdges struct {
	Edges  []KANEdge
	Pinned int
	Points [][2]float64
}

// kanEdgeRefresh is how often, in milliseconds, the edge controls follow
// the canvas (an edge clicked in the graph, a point dragged) and training
// (which moves the points).
const kanEdgeRefresh = 500

// Nudges of a control point's height by the arrow keys (with Shift the
// fine one) and by Page Up and Page Down.
const (
	nudgeStep   = 0.05
	nudgeFine   = 0.01
	nudgeCoarse = 0.25
)

// buildKANEdge adds the controls that do without a pointer what hovering,
// clicking and dragging do on the canvas for a network with KAN layers:
// choose the edge whose function the plane shows, choose one of its
// control points, and set or nudge that point's height with the keyboard
// (arrows, Shift+arrows, Page Up/Down).
func (p *Panel) buildKANEdge() {
	if p.act.KANEdges == nil || p.act.PinKANEdge == nil || p.act.SetControlPoint == nil || p.act.ChooseControlPoint == nil {
		return
	}
	sec := p.section("KAN edge")
	edge := p.newSelect("kan-edge", nil)
	edge.SetTitle("The edge whose function the plane shows, to edit its control points (clicking an edge in the graph chooses one too)")
	p.labelled(sec, "Edge", "kan-edge", edge.BasicHTMLElement)
	point := p.newSelect("kan-point", nil)
	point.SetTitle("The control point to move")
	pointRow := p.labelled(sec, "Control point", "kan-point", point.BasicHTMLElement)
	height := p.newInput()
	height.SetType("number")
	height.SetID("kan-point-height")
	height.SetAttribute("step", "any")
	height.SetTitle("The point's height: type one, or nudge it with the arrow keys (Shift: finer; Page Up/Down: coarser)")
	heightRow := p.labelled(sec, "Height", "kan-point-height", height.BasicHTMLElement)

	var shown []KANEdge // the edge menu's items, rebuilt when they change
	pointsOf := ""      // the edge and point count the point menu lists
	chosen := 0         // the control point the height shows
	// sync shows the section when the graph shows some KAN edge, and
	// then the edges, the kept one and its points.
	sync := func() {
		k := p.act.KANEdges()
		setShown(sec, len(k.Edges) > 0)
		if len(k.Edges) == 0 {
			return
		}
		if !slices.Equal(shown, k.Edges) {
			shown = slices.Clone(k.Edges)
			items := []choice{{"none", ""}}
			for _, e := range k.Edges {
				items = append(items, choice{e.Name, edgeValue(e)})
			}
			p.setChoices(edge, items)
		}
		listed := ""
		if k.Pinned >= 0 {
			pinned := edgeValue(k.Edges[k.Pinned])
			edge.SetValue(pinned)
			listed = fmt.Sprintf("%s:%d", pinned, len(k.Points))
		} else {
			edge.SetValue("")
		}
		if listed != pointsOf {
			pointsOf = listed
			items := make([]choice, len(k.Points))
			for m, pt := range k.Points {
				items[m] = choice{fmt.Sprintf("%d at x = %.2g", m+1, pt[0]), strconv.Itoa(m)}
			}
			p.setChoices(point, items)
			chosen = min(chosen, max(len(k.Points)-1, 0))
		}
		point.SetValue(strconv.Itoa(chosen))
		has := k.Pinned >= 0 && len(k.Points) > 0
		setShown(pointRow, has)
		setShown(heightRow, has)
		if has && !focused(height.BasicHTMLElement) { // not while the user types
			height.SetValue(strconv.FormatFloat(k.Points[chosen][1], 'g', 4, 64))
		}
	}
	p.controls = append(p.controls, &control{row: sec, sync: func(experiment.Spec) { sync() }})

	edge.AddEventListener("change", false, func(dom.Event) {
		e := KANEdge{Layer: -1}
		if v := edge.Value(); v != "" {
			if _, err := fmt.Sscanf(v, "%d/%d/%d", &e.Layer, &e.From, &e.To); err != nil {
				return
			}
		}
		if err := p.act.PinKANEdge(e.Layer, e.From, e.To); err != nil {
			p.refuse(err.Error())
			return
		}
		chosen = 0
		sync()
	})
	point.AddEventListener("change", false, func(dom.Event) {
		if m, err := strconv.Atoi(point.Value()); err == nil {
			chosen = m
			p.act.ChooseControlPoint(m)
		}
		sync()
	})
	// While the point menu or the height has the focus, the plot marks the
	// point they move.
	for _, el := range []*dom.BasicHTMLElement{point.BasicHTMLElement, height.BasicHTMLElement} {
		el.AddEventListener("focus", false, func(dom.Event) { p.act.ChooseControlPoint(chosen) })
		el.AddEventListener("blur", false, func(dom.Event) { p.act.ChooseControlPoint(-1) })
	}
	// set moves the chosen point of the edge kept now (the canvas may have
	// kept another since the controls last followed it) to height y, or
	// to its height and then y when nudge.
	set := func(y float64, nudge bool) {
		k := p.act.KANEdges()
		if k.Pinned < 0 || chosen >= len(k.Points) {
			p.refuse("Choose an edge with control points first.")
			return
		}
		if nudge {
			y += k.Points[chosen][1]
		}
		e := k.Edges[k.Pinned]
		if err := p.act.SetControlPoint(e.Layer, e.From, e.To, chosen, y); err != nil {
			p.refuse(err.Error())
			return
		}
		p.ShowMessage("")
		height.SetValue(strconv.FormatFloat(y, 'g', 4, 64))
	}
	height.AddEventListener("change", false, func(dom.Event) {
		y, err := strconv.ParseFloat(height.Value(), 64)
		if err != nil || math.IsNaN(y) || math.IsInf(y, 0) {
			p.refuse("A control point's height must be a number.")
			return
		}
		set(y, false)
	})
	height.AddEventListener("keydown", false, func(e dom.Event) {
		ke, ok := e.(*dom.KeyboardEvent)
		if !ok || ke.CtrlKey() || ke.MetaKey() || ke.AltKey() {
			return
		}
		step := nudgeStep
		if ke.ShiftKey() {
			step = nudgeFine
		}
		switch ke.Key() {
		case "ArrowUp":
		case "ArrowDown":
			step = -step
		case "PageUp":
			step = nudgeCoarse
		case "PageDown":
			step = -nudgeCoarse
		default:
			return
		}
		ke.PreventDefault()
		set(step, true)
	})

	// The canvas chooses too; the controls follow it while they show.
	var refresh func()
	refresh = func() {
		sync()
		dom.GetWindow().SetTimeout(refresh, kanEdgeRefresh)
	}
	dom.GetWindow().SetTimeout(refresh, kanEdgeRefresh)
}

// edgeValue is an edge's item in the edge menu.
func edgeValue(e KANEdge) string { return fmt.Sprintf("%d/%d/%d", e.Layer, e.From, e.To) }
