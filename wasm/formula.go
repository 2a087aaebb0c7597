//go:build js

package main

import (
	"fmt"
	"math"
	"strings"

	"playground/session"
)

// formula snaps the network's edges (session.Formula), under the lock.
func (a *app) formula() (session.Formula, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess.Formula()
}

// formulaText is the formula as the panel shows it: each output's
// expression, its error on the test points, then every edge's fit with
// its R².
func (a *app) formulaText() (string, error) {
	f, err := a.formula()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, o := range f.Outputs {
		fmt.Fprintf(&b, "y%d = %s\n", i+1, o)
	}
	if !math.IsNaN(f.TestRMSE) {
		fmt.Fprintf(&b, "test RMSE of the formula: %.3g\n", f.TestRMSE)
	}
	b.WriteString("\nedges (layer: input -> unit):\n")
	for _, e := range f.Edges {
		if e.Pruned {
			fmt.Fprintf(&b, "%d: %d -> %d  pruned (too weak)\n", e.Layer+1, e.From+1, e.To+1)
			continue
		}
		fmt.Fprintf(&b, "%d: %d -> %d  %s  (R² %.4f)\n", e.Layer+1, e.From+1, e.To+1, e.Fit.Formula("x"), e.Fit.R2)
	}
	return b.String(), nil
}
