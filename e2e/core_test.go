//go:build browser

package e2e

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// openPreset calls window.playground.open(id) and returns its answer:
// "" when the preset opened, else the reason it did not.
func openPreset(t *testing.T, ctx contextLike, id string) string {
	t.Helper()
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	js := fmt.Sprintf(`window.playground.open(%q).then(r => r === null ? "" : String(r))`, id)
	got, err := chromedp.Run(c, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("open(%q): %v", id, err)
	}
	return got
}

// TestNewPresetsOpenAndTrain opens each preset of the core issue with
// window.playground.open, as the Papers panel would, trains it and checks
// that its task's metric moves the right way.
func TestNewPresetsOpenAndTrain(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "no-such-preset"); msg == "" {
		t.Error(`open("no-such-preset") reported success`)
	}
	if msg := openPreset(t, tab, "../index"); !strings.Contains(msg, "not a preset id") {
		t.Errorf(`open("../index") = %q, want it refused as an id`, msg)
	}
	if s := currentStatus(t, tab); s.Hash != p.opened.Hash {
		t.Fatalf("a failed open changed the experiment: %q", s.Hash)
	}
	for _, tc := range []struct {
		id    string
		steps int // at most, in chunks of a tenth
		// good says the trained metric moved far enough from the opened one.
		good func(opened, trained status) bool
		what string
	}{
		{"expsin-lbfgs", 100, func(o, s status) bool {
			return s.TestRMSE != nil && o.TestRMSE != nil && *s.TestRMSE < 0.2 && *s.TestRMSE < *o.TestRMSE/5
		}, "test RMSE below 0.2 and a fifth of the start"},
		{"lowrank-spiral", 4000, func(o, s status) bool { return s.TestAcc != nil && *s.TestAcc > 0.9 }, "test accuracy above 90%"},
		{"grokking-modadd", 6000, func(o, s status) bool { return s.TestAcc != nil && *s.TestAcc > 0.9 }, "test accuracy above 90%"},
		{"kan-expsin", 300, func(o, s status) bool { return s.TestRMSE != nil && *s.TestRMSE < 0.05 }, "test RMSE below 0.05"},
	} {
		if msg := openPreset(t, tab, tc.id); msg != "" {
			t.Errorf("open(%q): %s", tc.id, msg)
			continue
		}
		want := presetHash(t, tc.id)
		opened := call(t, tab, `window.playground.pause()`)
		if opened.Hash != want || opened.Error != "" {
			t.Errorf("%s: hash %q (want %q), error %q", tc.id, opened.Hash, want, opened.Error)
			continue
		}
		if opened.Params <= 0 || opened.FLOPs <= 0 {
			t.Errorf("%s: status says %d parameters, %d FLOPs", tc.id, opened.Params, opened.FLOPs)
		}
		s := opened
		for s.Step < tc.steps && !tc.good(opened, s) {
			s = call(t, tab, fmt.Sprintf(`window.playground.step(%d)`, max(tc.steps/10, 1)))
		}
		t.Logf("%s: %d parameters, %d FLOPs; step %d: test loss %.4f, test acc %s, test RMSE %s",
			tc.id, s.Params, s.FLOPs, s.Step, loss(s.TestLoss), orNull(s.TestAcc), orNull(s.TestRMSE))
		if !tc.good(opened, s) {
			t.Errorf("%s: after %d steps, want %s", tc.id, s.Step, tc.what)
		}
		waitForPicture(t, tab)
		screenshot(t, tab, "core-preset-"+tc.id)
	}
}

func orNull(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprintf("%.4f", *p)
}

// TestV1LinkTrainsAsBefore opens links written before hash version 2 and
// trains them: each shows the same experiment as its version-2 link (the
// migrated hash the page writes) step for step, and lands where the
// native run recorded in session/testdata/v1_links.tsv did (to float32
// rounding between kernel bodies).
func TestV1LinkTrainsAsBefore(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	for _, c := range v1Corpus(t)[:4] {
		v1 := open(t, tab, p.base+"/#"+c.link)
		if v1.Error != "" || strings.HasPrefix(v1.Hash, "v=1") {
			t.Errorf("%s: error %q, hash %q", c.link, v1.Error, v1.Hash)
			continue
		}
		call(t, tab, `window.playground.pause()`)
		call(t, tab, `window.playground.reset()`)
		a := call(t, tab, `window.playground.step(40)`)
		v2 := open(t, tab, p.base+"/#"+v1.Hash)
		call(t, tab, `window.playground.pause()`)
		call(t, tab, `window.playground.reset()`)
		b := call(t, tab, `window.playground.step(40)`)
		if a.Step != c.steps || loss(a.TrainLoss) != loss(b.TrainLoss) || loss(a.TestLoss) != loss(b.TestLoss) || v2.Hash != v1.Hash {
			t.Errorf("%s: v1 link %d steps, losses %v %v; its v2 link %v %v", c.link, a.Step, loss(a.TrainLoss), loss(a.TestLoss), loss(b.TrainLoss), loss(b.TestLoss))
		}
		if d := math.Abs(loss(a.TrainLoss) - c.trainLoss); d > 1e-3*max(1, c.trainLoss) {
			t.Errorf("%s: train loss %v after 40 steps, recorded %v", c.link, loss(a.TrainLoss), c.trainLoss)
		}
		t.Logf("%s -> %s: train loss %.6f (recorded natively %.6f)", c.link, v1.Hash, loss(a.TrainLoss), c.trainLoss)
	}
}

type v1Link struct {
	link      string
	steps     int
	trainLoss float64
}

func v1Corpus(t *testing.T) []v1Link {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "session", "testdata", "v1_links.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []v1Link
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var c v1Link
		var bits uint32
		fields := strings.Split(line, "\t")
		if len(fields) < 3 {
			t.Fatalf("bad corpus line %q", line)
		}
		c.link = fields[0]
		if _, err := fmt.Sscanf(fields[1]+" "+fields[2], "%d %x", &c.steps, &bits); err != nil {
			t.Fatalf("bad corpus line %q: %v", line, err)
		}
		c.trainLoss = float64(math.Float32frombits(bits))
		out = append(out, c)
	}
	if len(out) < 4 {
		t.Fatalf("%d corpus links", len(out))
	}
	return out
}

// TestRankControlChangesTheCost makes a hidden layer low-rank in the
// panel: its rank appears as a control, and the parameter count the page
// reports follows the rank.
func TestRankControlChangesTheCost(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	dense := currentStatus(t, tab)
	setControl(t, tab, "#layer-0-kind", "lowrank")
	waitForHash(t, tab, "lowrank:4:tanh")
	waitFor(t, tab, `document.getElementById("layer-0-opt-r") !== null`)
	low := currentStatus(t, tab)
	// Two inputs allow a rank of at most 2, which the panel picked.
	setControl(t, tab, "#layer-0-opt-r", "1")
	waitForHash(t, tab, "lowrank:4:tanh:r=1")
	r2 := currentStatus(t, tab)
	cost, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("layer-0-cost").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parameters: dense %d, low-rank (rank 2) %d, rank 1 %d; layer cost %q", dense.Params, low.Params, r2.Params, cost)
	if low.Params == dense.Params || r2.Params == low.Params || cost == "" {
		t.Errorf("the parameter count did not follow the kind and rank: %d, %d, %d", dense.Params, low.Params, r2.Params)
	}
	screenshot(t, tab, "core-rank-control")
}

// TestLBFGSKeepsFramesComing runs L-BFGS on the largest full batch the
// limits allow: its iterations are split across frames, so frames keep
// coming while it trains (counted, never timed).
func TestLBFGSKeepsFramesComing(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	hash := strings.NewReplacer(
		"d=circle", "d=spiral", "n=500", "n=2000", "l=dense:4:tanh,dense:2:tanh", "l=dense:64:tanh,dense:64:tanh",
	).Replace(p.opened.Hash) + "&rule=lbfgs"
	s := open(t, tab, p.base+"/#"+hash)
	if s.Error != "" || !strings.Contains(s.Hash, "rule=lbfgs") {
		t.Fatalf("the L-BFGS experiment did not load: error %q, hash %q", s.Error, s.Hash)
	}
	call(t, tab, `window.playground.play()`)
	start := currentStatus(t, tab)
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().step >= %d`, start.Step+5))
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().frames >= %d`, start.Frames+10))
	s = currentStatus(t, tab)
	t.Logf("L-BFGS on the spiral, %d parameters on 1000 points: %d iterations, %d frames drawn, Go %.1f ms a tick, longest training slice %.1f ms",
		s.Params, s.Step-start.Step, s.Frames-start.Frames, s.GoMsPerFrame, s.LongestMs)
	if s.Error != "" {
		t.Errorf("error while training: %s", s.Error)
	}
	screenshot(t, tab, "core-lbfgs-frames")
}

// TestModularAdditionFromThePanel picks the pairs task in the panel: the
// controls that only mean something on the plane go, the modulus comes,
// and the table of pairs replaces the heatmap.
func TestModularAdditionFromThePanel(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	shown := func(id string) bool { t.Helper(); return controlShown(t, tab, id) }
	if !shown("feature-x1") || shown("modulus") {
		t.Fatalf("on the circle: features shown %v, modulus shown %v", shown("feature-x1"), shown("modulus"))
	}
	setControl(t, tab, "#dataset", "modadd")
	waitForHash(t, tab, "d=modadd")
	for id, want := range map[string]bool{"modulus": true, "feature-x1": false, "points": false, "noise": false, "brush": false, "classes": false} {
		if shown(id) != want {
			t.Errorf("modular addition: #%s shown %v, want %v", id, !want, want)
		}
	}
	setControl(t, tab, "#modulus", "11")
	waitForHash(t, tab, "k=11")
	s := call(t, tab, `window.playground.step(200)`)
	if s.Error != "" || s.TrainAcc == nil || s.Params != (2*11*4+4)+(4*2+2)+(2*11+11) {
		t.Errorf("p=11: error %q, train accuracy %s, %d parameters", s.Error, orNull(s.TrainAcc), s.Params)
	}
	t.Logf("(a+b) mod 11 with the default layers: step %d, train accuracy %s, test %s", s.Step, orNull(s.TrainAcc), orNull(s.TestAcc))
	waitForPicture(t, tab)
	screenshot(t, tab, "core-modadd-panel")
}

// TestPaceAndPlay: the page opens paused at step 0 (open checks that for
// every page the tests load); the pace slider sets how many steps a frame
// takes and the link keeps it; a link with play=1 starts training.
func TestPaceAndPlay(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if !strings.Contains(p.opened.Hash, "v=2") || strings.Contains(p.opened.Hash, "speed=") {
		t.Errorf("the default hash %q should leave the default pace out", p.opened.Hash)
	}
	name, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("canvas").getAttribute("aria-label") || ""`))
	if err != nil || name == "" {
		t.Errorf("the canvas has no accessible name (%v)", err)
	}
	call(t, tab, `window.playground.pause()`)
	setControl(t, tab, "#speed", "0") // one step a frame
	waitForHash(t, tab, "speed=1")
	s := call(t, tab, `window.playground.play()`)
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().ticks >= %d`, s.Ticks+30))
	slow := call(t, tab, `window.playground.pause()`)
	// One step a frame: never more steps than ticks.
	if slow.Step-s.Step > slow.Ticks-s.Ticks || slow.Step == s.Step {
		t.Errorf("at one step a frame: %d steps in %d ticks", slow.Step-s.Step, slow.Ticks-s.Ticks)
	}
	setControl(t, tab, "#speed", "9") // max
	waitFor(t, tab, `location.hash.includes("speed=0")`)
	fast := call(t, tab, `window.playground.play()`)
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().ticks >= %d`, fast.Ticks+30))
	end := call(t, tab, `window.playground.pause()`)
	t.Logf("one step a frame: %d steps in %d ticks; max: %d steps in %d ticks",
		slow.Step-s.Step, slow.Ticks-s.Ticks, end.Step-fast.Step, end.Ticks-fast.Ticks)
	if end.Step-fast.Step <= end.Ticks-fast.Ticks {
		t.Errorf("at max pace: %d steps in %d ticks, want more steps than ticks", end.Step-fast.Step, end.Ticks-fast.Ticks)
	}
	// A link that asks to play runs from the start, at its pace.
	hash := strings.Replace(locationHash(t, tab), "#", "", 1) + "&play=1"
	played := open(t, tab, p.base+"/#"+hash)
	if !played.Running || !strings.Contains(played.Hash, "play=1") || !strings.Contains(played.Hash, "speed=0") {
		t.Errorf("a play=1 link opened running %v with hash %q", played.Running, played.Hash)
	}
}

// TestRefineFromThePanel: raising a KAN layer's grid size in the panel
// refines the trained splines instead of starting over; training goes on
// from there without jumping back to a worse RMSE.
func TestRefineFromThePanel(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "kan-expsin"); msg != "" {
		t.Fatal(msg)
	}
	call(t, tab, `window.playground.pause()`)
	before := call(t, tab, `window.playground.step(100)`)
	setControl(t, tab, "#layer-0-opt-g", "10")
	waitForHash(t, tab, "kan:5:linear:g=10")
	setControl(t, tab, "#layer-1-opt-g", "10")
	waitForHash(t, tab, "kan:1:linear:g=10")
	after := currentStatus(t, tab)
	trained := call(t, tab, `window.playground.step(100)`)
	t.Logf("test RMSE %s at step %d (G=3), %s after refining to G=10 (%d parameters), %s at step %d",
		orNull(before.TestRMSE), before.Step, orNull(after.TestRMSE), after.Params, orNull(trained.TestRMSE), trained.Step)
	if after.Step != before.Step || after.Params <= before.Params || after.Error != "" {
		t.Fatalf("refining: step %d -> %d, parameters %d -> %d, error %q", before.Step, after.Step, before.Params, after.Params, after.Error)
	}
	if loss(after.TestRMSE) > 1.2*loss(before.TestRMSE) || loss(trained.TestRMSE) >= loss(before.TestRMSE) {
		t.Errorf("test RMSE %v -> %v -> %v: refining should keep the function and training go on", loss(before.TestRMSE), loss(after.TestRMSE), loss(trained.TestRMSE))
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "core-kan-refined")
}

// TestTapAddsAPoint: on a touch screen a tap on the plane adds one point,
// as a click does, and a finger held on a neuron shows it in the big
// picture, as hovering does.
func TestTapAddsAPoint(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	type rect struct{ X, Y, W, H float64 }
	layout, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		Heatmap rect
		Nodes   [][]rect
	}](`window.playground.layout()`))
	if err != nil {
		t.Fatal(err)
	}
	touch := func(typ input.DispatchTouchEventType, x, y float64) { t.Helper(); touchAt(t, tab, typ, x, y) }
	h := layout.Heatmap
	x, y := h.X+h.W*0.3, h.Y+h.H*0.7
	tapAt(t, tab, x, y)
	waitForHash(t, tab, "add=")
	link := locationHash(t, tab)
	_, added, _ := strings.Cut(link, "add=")
	added, _, _ = strings.Cut(added, "&")
	if n := strings.Count(added, ";") + 1; n != 1 {
		t.Errorf("one tap added %d points: %s", n, added)
	}

	// Hold a finger on the first hidden neuron.
	// The page counts the press in its own ticks, which may run late
	// behind the touch events, so wait for the hover rather than a count.
	n := layout.Nodes[1][0]
	touch(input.DispatchTouchEventTypeTouchStart, n.X+n.W/2, n.Y+n.H/2)
	waitFor(t, tab, `window.playground.status().hover !== null`)
	hover, err := chromedp.Run(tab, chromedp.Evaluate[*struct{ Column, Unit int }](`window.playground.status().hover`))
	touch(input.DispatchTouchEventTypeTouchEnd, 0, 0)
	if err != nil || hover == nil || hover.Column != 1 || hover.Unit != 0 {
		t.Errorf("a long press on neuron 1/0 shows %+v (%v)", hover, err)
	}
}

// TestEveryScreenSize: from a phone to 4K the plane gets at least half of
// the canvas's smaller side (the graph shrinks to fit) and the panel
// stays reachable; screenshots at each size.
func TestEveryScreenSize(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.step(500)`)
	for _, size := range []struct{ w, h int64 }{{320, 640}, {390, 844}, {768, 1024}, {1280, 800}, {1920, 1080}} {
		if err := chromedp.Do(tab, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, tab, fmt.Sprintf(`innerWidth === %d && innerHeight === %d && window.playground.layout().heatmap.w > 0`, size.w, size.h))
		call(t, tab, `window.playground.step(1)`)
		waitForPicture(t, tab)
		type box struct{ X, Y, W, H float64 }
		got, err := chromedp.Run(tab, chromedp.Evaluate[struct {
			Heatmap, Canvas, Panel box
		}](`(() => {
			const r = e => { const b = e.getBoundingClientRect(); return {X: b.x, Y: b.y, W: b.width, H: b.height}; };
			const h = window.playground.layout().heatmap;
			return {Heatmap: {X: h.x, Y: h.y, W: h.w, H: h.h}, Canvas: r(document.querySelector("canvas")), Panel: r(document.getElementById("panel"))};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%dx%d: canvas %.0fx%.0f, plane %.0f px, panel %.0fx%.0f at (%.0f, %.0f)", size.w, size.h,
			got.Canvas.W, got.Canvas.H, got.Heatmap.W, got.Panel.W, got.Panel.H, got.Panel.X, got.Panel.Y)
		if got.Heatmap.W < min(got.Canvas.W, got.Canvas.H)/2 {
			t.Errorf("%dx%d: the plane is %.0f px of a %.0fx%.0f canvas, want at least half its smaller side",
				size.w, size.h, got.Heatmap.W, got.Canvas.W, got.Canvas.H)
		}
		if got.Panel.W < 200 || got.Panel.H < 100 {
			t.Errorf("%dx%d: the panel is %.0fx%.0f", size.w, size.h, got.Panel.W, got.Panel.H)
		}
		screenshot(t, tab, fmt.Sprintf("core-size-%dx%d", size.w, size.h))
	}
}

// TestReadTheFormula: a network of KAN layers shows the Formula section;
// its button snaps the edges and shows the composed formula with each
// edge's fit, and formula() gives the same as data.
func TestReadTheFormula(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if shown, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`document.getElementById("read-formula").offsetParent !== null`)); shown {
		t.Error("the default dense network offers a formula")
	}
	if msg := openPreset(t, tab, "kan-expsin"); msg != "" {
		t.Fatal(msg)
	}
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.step(200)`)
	click(t, tab, "#read-formula")
	waitFor(t, tab, `document.getElementById("formula").textContent.includes("y1 = ")`)
	text, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("formula").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the panel shows:\n%s", text)
	type edge struct {
		Function string
		R2       *float64
		Pruned   bool
	}
	f, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		Outputs  []string
		Edges    []edge
		TestRMSE *float64
		Error    string
	}](`window.playground.formula()`))
	if err != nil || f.Error != "" || len(f.Outputs) != 1 || len(f.Edges) != 2*5+5 || f.TestRMSE == nil {
		t.Fatalf("formula(): %+v, %v", f, err)
	}
	if !strings.Contains(text, f.Outputs[0]) || !strings.Contains(text, "R²") {
		t.Errorf("the panel's text does not show the formula %q with its fits", f.Outputs[0])
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "core-kan-formula")
}

// TestNewData: "New data" draws other points from the next data seed,
// which the link keeps, while the weights' seed stays.
func TestNewData(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	before := call(t, tab, `window.playground.reset()`)
	click(t, tab, "#regenerate")
	waitForHash(t, tab, "dseed=2")
	after := call(t, tab, `window.playground.reset()`)
	if !strings.Contains(after.Hash, "seed=1") || after.Step != 0 || loss(after.TrainLoss) == loss(before.TrainLoss) {
		t.Errorf("new data: hash %q, step %d, train loss %v (was %v)", after.Hash, after.Step, loss(after.TrainLoss), loss(before.TrainLoss))
	}
	t.Logf("train loss at step 0: %.4f with data seed 1, %.4f with data seed 2", loss(before.TrainLoss), loss(after.TrainLoss))

	// Seeds refuse what they cannot be, saying so, instead of clamping.
	for _, c := range []struct{ id, value, says string }{
		{"#seed", "2.5", "whole number"},
		{"#data-seed", "-1", "less than the minimum"},
		{"#seed", "99999999999", "more than the limit"},
	} {
		id := c.id
		hash := locationHash(t, tab)
		setControl(t, tab, id, c.value)
		text, visible := messageText(t, tab)
		if !visible || !strings.Contains(text, c.says) || locationHash(t, tab) != hash {
			t.Errorf("%s = %s: message visible=%v %q, hash changed %v", id, c.value, visible, text, locationHash(t, tab) != hash)
		}
	}
}
