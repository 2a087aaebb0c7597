//go:build js

package main

import (
	"errors"
	"math"

	"playground/ui/panel"
)

// The panel's side of the large edge plot (edgeplot.go): its edge
// controls choose an edge and move its control points without a pointer,
// as hovering, clicking and dragging on the canvas do.

// kanEdges is what the panel's edge controls show: every edge whose
// function the graph shows (as last drawn), the kept one, and its
// control points.
func (a *app) kanEdges() panel.KANEdges {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := panel.KANEdges{Pinned: -1}
	inputs := a.sess.Spec().InputNames()
	for _, s := range a.edgeSpots {
		e := edgeRef{layer: s.layer, from: s.from, to: s.to, ok: true}
		if e == a.pinnedEdge {
			out.Pinned = len(out.Edges)
		}
		out.Edges = append(out.Edges, panel.KANEdge{Layer: e.layer, From: e.from, To: e.to, Name: e.name(inputs, len(a.nodes))})
	}
	if e := a.pinnedEdge; out.Pinned >= 0 {
		for _, h := range a.sess.EdgeHandles(e.layer, e.from, e.to, nil) {
			out.Points = append(out.Points, [2]float64{float64(h.X), float64(h.Y)})
		}
	}
	return out
}

// pinKANEdge keeps edge from->to of layer's plot on the plane from the
// next tick, as clicking it in the graph does; layer -1 lets it go.
func (a *app) pinKANEdge(layer, from, to int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if layer == -1 {
		a.pinRequest, a.pinnedEdge = &edgeRef{}, edgeRef{}
		return nil
	}
	for _, s := range a.edgeSpots {
		if s.layer == layer && s.from == from && s.to == to {
			e := edgeRef{layer: layer, from: from, to: to, ok: true}
			a.pinRequest, a.pinnedEdge = &e, e
			return nil
		}
	}
	return errors.New("The graph does not show that edge's function.")
}

// setControlPoint moves control point m of an edge to height y, as
// dragging it on the plot does.
func (a *app) setControlPoint(layer, from, to, m int, y float64) error {
	if math.IsNaN(y) || math.IsInf(y, 0) || math.Abs(y) > math.MaxFloat32 {
		return errors.New("A control point's height must be a finite number.")
	}
	return a.moveControlPoint(edgeRef{layer: layer, from: from, to: to, ok: true}, m, float32(y))
}

// chooseControlPoint marks control point m of the kept edge on its plot
// (-1: none), while the panel's keyboard controls move it.
func (a *app) chooseControlPoint(m int) {
	a.mu.Lock()
	a.chosenPoint = m
	a.mu.Unlock()
}
