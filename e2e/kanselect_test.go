//go:build browser

package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// basisChoice is one unit of status().bases.
type basisChoice struct {
	Basis   string  `json:"basis"`
	Weight  float64 `json:"weight"`
	Decided bool    `json:"decided"`
}

// statusBases reads status().bases: per layer, nil or one entry per unit.
func statusBases(t *testing.T, ctx context.Context) [][]basisChoice {
	t.Helper()
	return evaluate[[][]basisChoice](t, ctx, `window.playground.status().bases`)
}

// TestKANSelectPicksFourier opens the preset kan-select (one selectable
// KAN unit on sin πx + cos 2πy), trains it and reads the unit's mixture
// from status(): at step 0 it mixes all four bases equally, by step 100
// it has chosen, and its winner is Fourier (the periodic target's basis)
// with weight 1; the fit is then close (test RMSE below 0.02). Hovering
// the output node names its basis in the heatmap's title; the canvas
// carries the node's label "sin", and the screenshots show the node ringed
// in the winner's color.
func TestKANSelectPicksFourier(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "kan-select"); msg != "" {
		t.Fatalf("open: %s", msg)
	}
	call(t, tab, `window.playground.pause()`)
	start := statusBases(t, tab)
	if len(start) != 1 || len(start[0]) != 1 || start[0][0].Decided || start[0][0].Weight != 0.25 {
		t.Fatalf("at the start: bases %+v, want one mixing unit at 25%%", start)
	}
	mid := call(t, tab, `window.playground.step(50)`)
	mixing := statusBases(t, tab)[0][0]
	t.Logf("step %d: leading %s %.2f, decided %v, test RMSE %s", mid.Step, mixing.Basis, mixing.Weight, mixing.Decided, orNull(mid.TestRMSE))
	if mixing.Decided {
		t.Errorf("the unit chose at step %d, before step 100", mid.Step)
	}
	s := mid
	for range 10 { // L-BFGS may converge on the way: each call trains on
		if b := statusBases(t, tab)[0][0]; b.Decided && s.Step >= 100 {
			break
		}
		s = call(t, tab, `window.playground.step(60)`)
	}
	won := statusBases(t, tab)[0][0]
	t.Logf("step %d: %s %.2f, decided %v, test RMSE %s (%q)", s.Step, won.Basis, won.Weight, won.Decided, orNull(s.TestRMSE), s.Error)
	if !won.Decided || won.Basis != "Fourier" || won.Weight != 1 {
		t.Errorf("after step %d the unit is %+v, want Fourier chosen with weight 1", s.Step, won)
	}
	if s.TestRMSE == nil || *s.TestRMSE >= 0.02 {
		t.Errorf("test RMSE %s at step %d, want below 0.02", orNull(s.TestRMSE), s.Step)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-select-chosen") // the node ringed in Fourier's red
	if text := evaluate[[]string](t, tab, `window.playground.status().canvasText`); !slices.Contains(text, "sin") {
		t.Errorf("the canvas shows no basis label sin: %q", text)
	}
	if cols := hoverNode(t, tab, 1, 0); len(cols) != 2 || cols[1] != 1 {
		t.Fatalf("graph columns %v, want 2 inputs and 1 output", cols)
	}
	waitFor(t, tab, `(h => h && h.column === 1 && h.unit === 0)(window.playground.status().hover)`)
	waitFor(t, tab, `window.playground.status().canvasText.includes("OUTPUT NEURON 1 Fourier, chosen")`)
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-select")
}

// hoverNode moves the mouse onto unit of the graph's column (from
// status's layout()) and returns the columns' neuron counts; it fails the
// test when there is no such neuron.
func hoverNode(t *testing.T, tab context.Context, column, unit int) []int {
	t.Helper()
	type rect struct{ X, Y, W, H float64 }
	layout, err := chromedp.Run(tab, chromedp.Evaluate[struct{ Nodes [][]rect }](`window.playground.layout()`))
	if err != nil {
		t.Fatal(err)
	}
	cols := make([]int, len(layout.Nodes))
	for c, nodes := range layout.Nodes {
		cols[c] = len(nodes)
	}
	if column >= len(cols) || unit >= cols[column] {
		t.Fatalf("no neuron %d in column %d of %v", unit, column, cols)
	}
	n := layout.Nodes[column][unit]
	if err := chromedp.Do(tab, chromedp.MouseEvent(chromedp.MouseMoved, n.X+n.W/2, n.Y+n.H/2)); err != nil {
		t.Fatal(err)
	}
	return cols
}
