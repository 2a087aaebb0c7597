//go:build browser

package e2e

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// edgeView is status().edge: the KAN edge whose large plot is on screen.
type edgeView struct {
	Layer, From, To int
	Pinned          bool
	Dragging        bool
	Active          int
	Lo, Hi          float64
	Counts          []int
	Handles         []struct {
		X, Y, Px, Py float64
		Inside       bool
	}
	Coefficients []float64
}

type edgeSpot struct{ Layer, From, To, X, Y int }

// TestKANEdgePlotHoverAndDrag hovers an edge of the KAN preset's graph:
// the heatmap's place shows the edge's function large over its input's
// range with the histogram of the training inputs, the edge framed in the
// graph. Clicking keeps the plot; dragging a control point up edits that
// coefficient (and only it), the outputs and the link with weights
// change, no point is added to the data, and the link opened in a fresh
// page holds the edited coefficients (to float16).
func TestKANEdgePlotHoverAndDrag(t *testing.T) {
	p := openKANPreset(t, 30)
	tab := p.tab
	layout, err := chromedp.Run(tab, chromedp.Evaluate[struct{ Edges []edgeSpot }](`window.playground.layout()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(layout.Edges) != 2*5+5*1 {
		t.Fatalf("%d edges can be hovered, want the 15 of KAN[2,5,1]: %v", len(layout.Edges), layout.Edges)
	}
	spot := func(layer, from, to int) edgeSpot {
		for _, e := range layout.Edges {
			if e.Layer == layer && e.From == from && e.To == to {
				return e
			}
		}
		t.Fatalf("no spot for edge %d: %d->%d", layer, from, to)
		return edgeSpot{}
	}
	mouse := func(typ input.DispatchMouseEventType, x, y float64, pressed bool) {
		t.Helper()
		opt := func(p *input.DispatchMouseEventParams) {
			if pressed || typ != chromedp.MouseMoved {
				p.Button, p.ClickCount = input.MouseButtonLeft, 1
			}
			if pressed {
				p.Buttons = 1
			}
		}
		if err := chromedp.Do(tab, chromedp.MouseEvent(typ, x, y, opt)); err != nil {
			t.Fatal(err)
		}
	}
	edge := func() edgeView {
		t.Helper()
		e, err := chromedp.Run(tab, chromedp.Evaluate[*edgeView](`window.playground.status().edge`))
		if err != nil || e == nil {
			t.Fatalf("status().edge: %v, %v", e, err)
		}
		return *e
	}
	const layer, from, to = 0, 1, 2
	s := spot(layer, from, to)
	mouse(chromedp.MouseMoved, float64(s.X), float64(s.Y), false)
	waitFor(t, tab, fmt.Sprintf(`(e => e && e.layer === %d && e.from === %d && e.to === %d)(window.playground.status().edge)`, layer, from, to))
	e := edge()
	total := 0
	for _, c := range e.Counts {
		total += c
	}
	t.Logf("edge %d->%d: input over [%.3f, %.3f], %d samples in %d bins, %d control points", from, to, e.Lo, e.Hi, total, len(e.Counts), len(e.Handles))
	if total != 1000 || !(e.Lo < -0.9 && e.Hi > 0.9) || len(e.Handles) != 3+3 || len(e.Coefficients) != 6 {
		t.Fatalf("the plot of edge %d->%d: %+v", from, to, e)
	}
	// The heatmap's title names the edge, and the axes its input's range.
	text := evaluate[[]string](t, tab, `window.playground.status().canvasText`)
	want := []string{"EDGE x2 -> L1 N3", "click: keep it, drag a point", fmt.Sprintf("%.3g", e.Lo), fmt.Sprintf("%.3g", e.Hi)}
	for _, w := range want {
		if !slices.Contains(text, w) {
			t.Errorf("the canvas shows no %q: %q", w, text)
		}
	}
	screenshot(t, tab, "kanview-hover")

	// A hidden unit's edge: its input is the first layer's output.
	h := spot(1, 3, 0)
	mouse(chromedp.MouseMoved, float64(h.X), float64(h.Y), false)
	waitFor(t, tab, `(e => e && e.layer === 1 && e.from === 3)(window.playground.status().edge)`)
	if e := edge(); e.Hi-e.Lo <= 0 || len(e.Counts) == 0 {
		t.Errorf("the hidden edge's plot: %+v", e)
	}
	screenshot(t, tab, "kanview-hover-hidden")

	// Keep the first edge's plot, and go over to it.
	if err := chromedp.Do(tab, chromedp.MouseClickXY(float64(s.X), float64(s.Y))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `(e => e && e.pinned && e.from === 1 && e.to === 2)(window.playground.status().edge)`)
	e = edge()
	m := -1 // the control point nearest the middle of the input's range
	for k, hd := range e.Handles {
		if hd.Inside && (m < 0 || math.Abs(hd.X-(e.Lo+e.Hi)/2) < math.Abs(e.Handles[m].X-(e.Lo+e.Hi)/2)) {
			m = k
		}
	}
	if m < 0 {
		t.Fatalf("no control point inside the input's range: %+v", e.Handles)
	}
	hd := e.Handles[m]
	mouse(chromedp.MouseMoved, hd.Px, hd.Py, false)
	waitFor(t, tab, fmt.Sprintf(`(e => e && e.from === 1 && e.to === 2 && e.active === %d)(window.playground.status().edge)`, m))
	before := e.Coefficients
	hashBefore := currentStatus(t, tab).Hash
	linkBefore := evaluate[string](t, tab, `window.playground.link(true)`)
	predBefore := evaluate[[]float64](t, tab, `window.playground.predictions()`)

	mouse(chromedp.MousePressed, hd.Px, hd.Py, true)
	waitFor(t, tab, `(e => e && e.dragging)(window.playground.status().edge)`)
	const lift = 40.0 // pixels up
	mouse(chromedp.MouseMoved, hd.Px, hd.Py-lift/2, true)
	mouse(chromedp.MouseMoved, hd.Px, hd.Py-lift, true)
	waitFor(t, tab, fmt.Sprintf(`(e => e && e.dragging && Math.abs(e.handles[%d].py - %v) < 1.5)(window.playground.status().edge)`, m, hd.Py-lift))
	screenshot(t, tab, "kanview-dragging")
	mouse(chromedp.MouseReleased, hd.Px, hd.Py-lift, false)
	waitFor(t, tab, `(e => e && !e.dragging)(window.playground.status().edge)`)
	waitForPicture(t, tab)
	e = edge()
	after := e.Coefficients
	for k := range after {
		if (k == m) == (after[k] == before[k]) {
			t.Errorf("coefficient %d: %v -> %v (point %d was dragged)", k, before[k], after[k], m)
		}
	}
	t.Logf("point %d dragged %v px up: its height %.4f -> %.4f, coefficient %.4f -> %.4f", m, lift, hd.Y, e.Handles[m].Y, before[m], after[m])
	if !(e.Handles[m].Y > hd.Y) {
		t.Errorf("dragging up moved the point from %v to %v", hd.Y, e.Handles[m].Y)
	}
	if hash := currentStatus(t, tab).Hash; hash != hashBefore {
		t.Errorf("dragging changed the experiment (a point added?): %q -> %q", hashBefore, hash)
	}
	link := evaluate[string](t, tab, `window.playground.link(true)`)
	if link == linkBefore {
		t.Error("the link with weights did not change")
	}
	predAfter := evaluate[[]float64](t, tab, `window.playground.predictions()`)
	changed := 0
	for i := range predAfter {
		if predAfter[i] != predBefore[i] {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the network's outputs did not change")
	}
	screenshot(t, tab, "kanview-dragged")

	// The link reproduces the edited edge in a fresh page.
	fresh := newTab(t, p.browser)
	if opened := openTrained(t, fresh, link); opened.Step != 30 || opened.Error != "" {
		t.Fatalf("the link opened at step %d with error %q", opened.Step, opened.Error)
	}
	got := evaluate[[]float64](t, fresh, fmt.Sprintf(`window.playground.controlPoints(%d, %d, %d)`, layer, from, to))
	if len(got) != len(after) {
		t.Fatalf("controlPoints in the fresh page: %v", got)
	}
	for k := range got {
		if d := math.Abs(got[k] - after[k]); d > 1e-3*math.Abs(after[k])+1e-7 {
			t.Errorf("coefficient %d in the linked page is %v, want %v (float16)", k, got[k], after[k])
		}
	}
}

// TestKANEdgePlotByTouch: on a touch screen a tap on an edge keeps its
// plot, and a finger dragging a control point edits it, as the mouse does.
func TestKANEdgePlotByTouch(t *testing.T) {
	p := openKANPreset(t, 10)
	tab := p.tab
	layout := evaluate[struct{ Edges []edgeSpot }](t, tab, `window.playground.layout()`)
	if len(layout.Edges) == 0 {
		t.Fatal("no edge can be picked")
	}
	s := layout.Edges[0]
	touch := func(typ input.DispatchTouchEventType, x, y float64) { t.Helper(); touchAt(t, tab, typ, x, y) }
	tapAt(t, tab, float64(s.X), float64(s.Y))
	waitFor(t, tab, fmt.Sprintf(`(e => e && e.pinned && e.layer === %d && e.from === %d && e.to === %d)(window.playground.status().edge)`, s.Layer, s.From, s.To))
	e := evaluate[edgeView](t, tab, `window.playground.status().edge`)
	m := len(e.Handles) / 2
	hd := e.Handles[m]
	touch(input.DispatchTouchEventTypeTouchStart, hd.Px, hd.Py)
	waitFor(t, tab, `(e => e && e.dragging)(window.playground.status().edge)`)
	touch(input.DispatchTouchEventTypeTouchMove, hd.Px, hd.Py+30)
	waitFor(t, tab, fmt.Sprintf(`(e => e && Math.abs(e.handles[%d].py - %v) < 1.5)(window.playground.status().edge)`, m, hd.Py+30))
	touch(input.DispatchTouchEventTypeTouchEnd, 0, 0)
	waitFor(t, tab, `(e => e && !e.dragging)(window.playground.status().edge)`)
	after := evaluate[edgeView](t, tab, `window.playground.status().edge`)
	t.Logf("point %d dragged down by a finger: %.4f -> %.4f", m, hd.Y, after.Handles[m].Y)
	if !(after.Handles[m].Y < hd.Y) || after.Coefficients[m] == e.Coefficients[m] {
		t.Errorf("point %d after a finger dragged it down: %v -> %v, coefficient %v -> %v", m, hd.Y, after.Handles[m].Y, e.Coefficients[m], after.Coefficients[m])
	}
	if strings.Contains(currentStatus(t, tab).Hash, "add=") {
		t.Error("touching the plot added a point")
	}
	screenshot(t, tab, "kanview-touch")

	// The kept plot follows training, and goes when the network does.
	call(t, tab, `window.playground.play()`)
	waitFor(t, tab, fmt.Sprintf(`(s => s.step > 20 && s.edge && s.edge.pinned && s.edge.coefficients[%d] !== %v)(window.playground.status())`, m, after.Coefficients[m]))
	call(t, tab, `window.playground.load("")`)
	waitFor(t, tab, `window.playground.status().edge === null && window.playground.layout().edges.length === 0`)
}

// openKANPreset opens the KAN preset kan-expsin, paused after steps
// iterations, with its picture on screen.
func openKANPreset(t *testing.T, steps int) page {
	t.Helper()
	p := openPage(t)
	if msg := openPreset(t, p.tab, "kan-expsin"); msg != "" {
		t.Fatal(msg)
	}
	call(t, p.tab, `window.playground.pause()`)
	call(t, p.tab, fmt.Sprintf(`window.playground.step(%d)`, steps))
	waitForPicture(t, p.tab)
	return p
}

// tapAt taps at x, y as a finger does: it rests there for 100 ms and two
// animation frames before it lifts. Lifted at once, the touch can start and
// end between two of the page's ticks (a slow tick on a loaded machine), and
// Ebiten never sees it pressed.
func tapAt(t *testing.T, tab context.Context, x, y float64) {
	t.Helper()
	touchAt(t, tab, input.DispatchTouchEventTypeTouchStart, x, y)
	rest := `new Promise(done => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))), 100))`
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](rest, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	touchAt(t, tab, input.DispatchTouchEventTypeTouchEnd, x, y)
}

// fingers counts the touches started, for their identifiers.
var fingers atomic.Int64

// touchAt sends one touch event of the current finger at (x, y) (an end
// lifts it wherever it is). Each start is a new finger, with a new
// identifier, as a browser gives each new touch: Ebiten follows touches
// by identifier, so one lifted and pressed again between two of the
// page's ticks would be one touch held all along, never newly pressed.
func touchAt(t *testing.T, tab context.Context, typ input.DispatchTouchEventType, x, y float64) {
	t.Helper()
	var pts []*input.TouchPoint
	if typ == input.DispatchTouchEventTypeTouchStart {
		fingers.Add(1)
	}
	if typ != input.DispatchTouchEventTypeTouchEnd {
		id := float64(fingers.Load())
		pts = []*input.TouchPoint{{X: x, Y: y, ID: &id}}
	}
	send := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts})
		return err
	})
	if err := chromedp.Do(tab, send); err != nil {
		t.Fatal(err)
	}
}
