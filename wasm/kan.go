//go:build js

package main

import (
	"math"
	"syscall/js"
)

// The KAN actions of the panel and of window.playground: prune the
// network (session.Prune) and snap its edges to their formulas
// (session.Snap). Both change the network the page trains, so the link
// (pruning changes the widths) and the pictures follow.

// prune prunes the network at the threshold (0: pykan's defaults), under the lock, and writes the link of the new shape.
func (a *app) prune(threshold float64) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.sess.Prune(threshold); err != nil {
		return err
	}
	a.message = ""
	a.edits++
	a.writeHash()
	return nil
}

// snap snaps the edges that fit a function, under the lock, and returns
// the formula's text as the panel shows it.
func (a *app) snap() (string, error) {
	a.mu.Lock()
	_, _, err := a.sess.Snap()
	if err == nil {
		a.message = ""
		a.edits++
	}
	a.mu.Unlock()
	if err != nil {
		return "", err
	}
	return a.formulaText()
}

// snapped reports whether the network has snapped edges.
func (a *app) snapped() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess.Snapped()
}

// exposeKANAPI adds to window.playground:
//
//	prune(threshold?) prunes a network of KAN layers: nodes and edges
//	           scoring at most threshold (default pykan's 1e-2 for nodes,
//	           3e-2 for edges); returns null or the reason it could not
//	snap()     snaps every edge a library function fits to that function
//	           with trainable constants; returns null or the reason
//	controlPoints(layer, from, to)
//	           the coefficients behind a B-spline edge's control points
//	           (layer 0 the first), or null for an edge without
func exposeKANAPI(a *app, api js.Value) {
	api.Set("controlPoints", js.FuncOf(func(_ js.Value, args []js.Value) any {
		var at [3]int
		for n := range at {
			if n >= len(args) || args[n].Type() != js.TypeNumber {
				return nil
			}
			at[n] = args[n].Int()
		}
		a.mu.Lock()
		coef := a.sess.ControlPoints(at[0], at[1], at[2])
		a.mu.Unlock()
		if coef == nil {
			return nil
		}
		out := make([]any, len(coef))
		for m, c := range coef {
			out[m] = float64(c)
		}
		return out
	}))
	api.Set("prune", js.FuncOf(func(_ js.Value, args []js.Value) any {
		threshold := 0.0
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			threshold = args[0].Float()
			if !(threshold >= 0) || math.IsInf(threshold, 0) {
				return "prune(threshold): the threshold must be a number at least 0"
			}
		} else if len(args) > 0 && !args[0].IsUndefined() && !args[0].IsNull() {
			return "prune(threshold): the threshold must be a number"
		}
		err := a.prune(threshold)
		a.syncPanel()
		if err != nil {
			return err.Error()
		}
		return nil
	}))
	api.Set("snap", js.FuncOf(func(js.Value, []js.Value) any {
		_, err := a.snap()
		a.syncPanel()
		if err != nil {
			return err.Error()
		}
		return nil
	}))
}
