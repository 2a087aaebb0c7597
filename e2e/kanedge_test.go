//go:build browser

package e2e

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestKANEdgeByKeyboard: the panel's KAN edge controls do without a
// pointer what hovering, clicking and dragging do on the canvas. Choosing
// an edge keeps its plot on the plane; while the height field has the
// focus the plot marks the chosen control point, and the arrow keys nudge
// it (Shift finer) and only it; typing a height sets it, a height that is
// not a number is refused and changes nothing, "none" lets the plot go,
// and an edge clicked in the graph shows in the menu.
func TestKANEdgeByKeyboard(t *testing.T) {
	p := openKANPreset(t, 30)
	tab := p.tab
	waitFor(t, tab, `getComputedStyle(document.getElementById("kan-edge").closest("section")).display !== "none" && document.getElementById("kan-edge").options.length === 16`)
	names := evaluate[[]string](t, tab, `[...document.getElementById("kan-edge").options].map(o => o.textContent)`)
	if names[0] != "none" || !slices.Contains(names, "x2 -> L1 N3") || !slices.Contains(names, "L1 N4 -> OUTPUT 1") {
		t.Errorf("the edge menu lists %q", names)
	}
	edge := func() edgeView {
		t.Helper()
		e := evaluate[*edgeView](t, tab, `window.playground.status().edge`)
		if e == nil {
			t.Fatal("status().edge is null: no edge plot on the plane")
		}
		return *e
	}

	const layer, from, to = 0, 1, 2
	setControl(t, tab, "#kan-edge", fmt.Sprintf("%d/%d/%d", layer, from, to))
	waitFor(t, tab, fmt.Sprintf(`(e => e && e.pinned && e.layer === %d && e.from === %d && e.to === %d)(window.playground.status().edge)`, layer, from, to))
	waitForPicture(t, tab)
	if text := evaluate[[]string](t, tab, `window.playground.status().canvasText`); !slices.Contains(text, "EDGE x2 -> L1 N3") {
		t.Errorf("the plane's title does not name the chosen edge: %q", text)
	}
	e := edge()
	if n := evaluate[int](t, tab, `document.getElementById("kan-point").options.length`); n != len(e.Handles) || n == 0 {
		t.Fatalf("the point menu lists %d points; the edge has %d", n, len(e.Handles))
	}
	m := len(e.Handles) / 2
	setControl(t, tab, "#kan-point", strconv.Itoa(m))
	shown, err := strconv.ParseFloat(evaluate[string](t, tab, `document.getElementById("kan-point-height").value`), 64)
	if err != nil || math.Abs(shown-e.Handles[m].Y) > 1e-3*math.Max(1, math.Abs(e.Handles[m].Y)) {
		t.Fatalf("the height field shows %v (%v); point %d is at %v", shown, err, m, e.Handles[m].Y)
	}

	// Two presses of the up arrow, then a fine step down.
	before := e.Coefficients
	hashBefore := currentStatus(t, tab).Hash
	linkBefore := evaluate[string](t, tab, `window.playground.link(true)`)
	call(t, tab, `document.getElementById("kan-point-height").focus()`)
	// The plot marks the point the field moves, and its title says where.
	waitFor(t, tab, fmt.Sprintf(`(e => e && e.active === %d)(window.playground.status().edge)`, m))
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().canvasText.some((s) => s.startsWith("point %d: "))`, m+1))
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
		t.Fatal(err)
	}
	want := e.Handles[m].Y + 2*0.05 - 0.01
	waitFor(t, tab, fmt.Sprintf(`(e => e && Math.abs(e.handles[%d].y - %v) < 1e-4)(window.playground.status().edge)`, m, want))
	waitForPicture(t, tab)
	after := edge().Coefficients
	for k := range after {
		if (k == m) == (after[k] == before[k]) {
			t.Errorf("coefficient %d: %v -> %v (point %d was nudged)", k, before[k], after[k], m)
		}
	}
	if hash := currentStatus(t, tab).Hash; hash != hashBefore {
		t.Errorf("nudging a point changed the experiment: %q -> %q", hashBefore, hash)
	}
	if link := evaluate[string](t, tab, `window.playground.link(true)`); link == linkBefore {
		t.Error("the link with weights did not change")
	}
	screenshot(t, tab, "kanedge-keyboard")

	call(t, tab, `document.getElementById("kan-point-height").blur()`)
	waitFor(t, tab, `(e => e && e.active === -1)(window.playground.status().edge)`)

	// A typed height, then one that is not a number.
	setControl(t, tab, "#kan-point-height", "0.5")
	waitFor(t, tab, fmt.Sprintf(`(e => e && Math.abs(e.handles[%d].y - 0.5) < 1e-4)(window.playground.status().edge)`, m))
	typed := edge().Coefficients
	setControl(t, tab, "#kan-point-height", "")
	if msg, shown := messageText(t, tab); !shown || msg != "A control point's height must be a number." {
		t.Errorf("an empty height says %q (shown %v)", msg, shown)
	}
	if got := edge().Coefficients; !slices.Equal(got, typed) {
		t.Errorf("a refused height changed the coefficients: %v -> %v", typed, got)
	}

	// "none" lets the plot go; a click on an edge in the graph shows in
	// the menu.
	setControl(t, tab, "#kan-edge", "")
	waitFor(t, tab, `window.playground.status().edge === null`)
	layout := evaluate[struct{ Edges []edgeSpot }](t, tab, `window.playground.layout()`)
	for _, s := range layout.Edges {
		if s.Layer == 1 && s.From == 3 && s.To == 0 {
			if err := chromedp.Do(tab, chromedp.MouseClickXY(float64(s.X), float64(s.Y))); err != nil {
				t.Fatal(err)
			}
			waitFor(t, tab, `document.getElementById("kan-edge").value === "1/3/0"`)
			return
		}
	}
	t.Fatal("no spot on the graph for edge 1: 3->0")
}
