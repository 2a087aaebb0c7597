//go:build browser

package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The default experiment (two circles) must be learned: these bounds come
// from native runs of the same spec (session tests), with slack.
const (
	defaultLossBound = 0.1
	defaultMaxSteps  = 4000
	// replaySteps is how far the shared link is replayed and compared.
	replaySteps = 300
)

func TestPlaygroundTrainsEditsAndShares(t *testing.T) {
	// Opening the page draws frames and trains on its own.
	p := openPage(t)
	base, browser, tab, first := p.base, p.browser, p.tab, p.opened
	if first.Error != "" {
		t.Fatalf("default page shows an error: %q", first.Error)
	}
	waitForSteps(t, tab, 1)
	screenshot(t, tab, "01-opened")

	// Train the default experiment from step 0 to a low test loss.
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.reset()`)
	trained := trainUntil(t, tab, defaultLossBound, defaultMaxSteps, 100)
	t.Logf("default experiment: test loss %.4f, test accuracy %.3f after %d steps (epoch %d)",
		loss(trained.TestLoss), loss(trained.TestAcc), trained.Step, trained.Epoch)
	if trained.TestAcc == nil || *trained.TestAcc < 0.95 {
		t.Errorf("test accuracy %v after training, want at least 0.95", trained.TestAcc)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "02-trained")

	// Add a layer through the DOM: the hash follows.
	hashBefore := locationHash(t, tab)
	layersBefore := countLayers(t, tab)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#add-layer`))); err != nil {
		t.Fatal(err)
	}
	hashAfter := locationHash(t, tab)
	if hashAfter == hashBefore {
		t.Fatalf("adding a layer left the hash at %q", hashBefore)
	}
	if got := countLayers(t, tab); got != layersBefore+1 {
		t.Fatalf("layer rows: %d after adding one to %d", got, layersBefore)
	}
	edited := currentStatus(t, tab)
	if "#"+edited.Hash != hashAfter {
		t.Fatalf("status hash %q and location hash %q differ", edited.Hash, hashAfter)
	}
	if !strings.Contains(hashAfter, "dense:2:tanh,dense:2:tanh") {
		t.Errorf("hash %q does not show the added layer", hashAfter)
	}

	// Replay in this tab from step 0 ...
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.reset()`)
	here := call(t, tab, fmt.Sprintf(`window.playground.step(%d)`, replaySteps))
	screenshot(t, tab, "03-layer-added")

	// ... and from the link in a fresh tab: same spec, same losses.
	link := base + "/" + hashAfter
	other := newTab(t, browser)
	opened := open(t, other, link)
	if opened.Error != "" {
		t.Fatalf("the shared link shows an error: %q", opened.Error)
	}
	if opened.Hash != edited.Hash {
		t.Fatalf("the link opened as\n%q\nwant\n%q", opened.Hash, edited.Hash)
	}
	call(t, other, `window.playground.pause()`)
	call(t, other, `window.playground.reset()`)
	there := call(t, other, fmt.Sprintf(`window.playground.step(%d)`, replaySteps))
	if here.Step != there.Step || loss(here.TrainLoss) != loss(there.TrainLoss) || loss(here.TestLoss) != loss(there.TestLoss) {
		t.Fatalf("replaying the link differs: here step %d train %v test %v, there step %d train %v test %v",
			here.Step, loss(here.TrainLoss), loss(here.TestLoss), there.Step, loss(there.TrainLoss), loss(there.TestLoss))
	}
	t.Logf("replay of %d steps matches: train loss %.6f, test loss %.6f", replaySteps, loss(here.TrainLoss), loss(here.TestLoss))
}

func TestBadLinkShowsErrorAndDefault(t *testing.T) {
	p := openPage(t)
	base, browser, def := p.base, p.browser, p.opened

	bad := newTab(t, browser)
	s := open(t, bad, base+"/#v=1&d=nosuchset&l=dense:9999:tanh")
	if s.Error == "" {
		t.Fatal("a bad link shows no error")
	}
	if s.Hash != def.Hash {
		t.Fatalf("a bad link loaded %q, want the default %q", s.Hash, def.Hash)
	}
	text, visible := messageText(t, bad)
	if !visible || !strings.Contains(text, "could not be read") {
		t.Fatalf("page message visible=%v %q", visible, text)
	}
	// The broken link stays in the address bar, for mending by hand.
	if h := locationHash(t, bad); h != "#v=1&d=nosuchset&l=dense:9999:tanh" {
		t.Errorf("the address bar shows %q, want the broken link kept", h)
	}
	call(t, bad, `window.playground.play()`)
	waitForSteps(t, bad, 1) // the default experiment runs
	screenshot(t, bad, "04-bad-link")

	// A valid link whose experiment cannot run (every point removed) says
	// so and shows the default too.
	empty := strings.Replace(def.Hash, "n=500", "n=10", 1) + "&rm=0,1,2,3,4,5,6,7,8,9"
	s = open(t, newTab(t, browser), base+"/#"+empty)
	if !strings.Contains(s.Error, "cannot run") || s.Hash != def.Hash {
		t.Fatalf("a link without points: error %q, hash %q", s.Error, s.Hash)
	}

	// A link from a newer version says so.
	newer := newTab(t, browser)
	s = open(t, newer, base+"/#v=99&d=circle")
	if !strings.Contains(s.Error, "newer") {
		t.Fatalf("a future version's link: error %q, want it to say the link is newer", s.Error)
	}
}

func TestDivergencePausesAndKeepsWeights(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	// A linear network on regression with a learning rate far above what
	// MSE tolerates (session's divergingSpec).
	const hash = "v=1&d=plane&n=500&noise=0&train=50&k=0&f=x1,x2&l=dense:4:linear,dense:2:linear" +
		"&loss=mse&init=glorot&opt=sgd&lr=10&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0"
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.playground.load(%q)`, hash))); err != nil {
		t.Fatal(err)
	}
	s := call(t, tab, `window.playground.step(2000)`)
	if s.Running {
		t.Fatal("still running after divergence")
	}
	if !strings.Contains(s.Error, "diverged") {
		t.Fatalf("after lr=10: error %q, want a divergence message (step %d, train loss %v)", s.Error, s.Step, loss(s.TrainLoss))
	}
	if s.TrainLoss == nil {
		t.Fatalf("train loss is not finite after divergence: the last good weights were not kept")
	}
	text, visible := messageText(t, tab)
	if !visible || !strings.Contains(text, "diverged") {
		t.Fatalf("page message visible=%v %q", visible, text)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "05-diverged")
}

func TestClickAddsAndRemovesPoints(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	heat, err := chromedp.Run(tab, chromedp.Evaluate[struct{ X, Y, W, H float64 }](`window.playground.layout().heatmap`))
	if err != nil {
		t.Fatal(err)
	}
	cx, cy := heat.X+heat.W*0.5, heat.Y+heat.H*0.25
	if err := chromedp.Do(tab, chromedp.MouseClickXY(cx, cy)); err != nil {
		t.Fatal(err)
	}
	waitForHash(t, tab, "add=")
	h, _ := url.PathUnescape(locationHash(t, tab))
	t.Logf("after a click: %s", h)

	// Remove the nearest point with the brush set to remove.
	if err := chromedp.Do(tab,
		chromedp.SetValue(chromedp.CSS(`#brush`), "-1"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("brush").dispatchEvent(new Event("change"))`),
		chromedp.MouseClickXY(cx, cy),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `!location.hash.includes("add=")`)
	waitForPicture(t, tab)
	screenshot(t, tab, "06-points-edited")
}

func countLayers(t *testing.T, ctx contextLike) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".layer").length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func waitForSteps(t *testing.T, ctx contextLike, n int) {
	t.Helper()
	waitFor(t, ctx, fmt.Sprintf(`window.playground.status().step >= %d`, n))
}

// waitForPicture waits until the canvas shows the current state, so a
// screenshot is of what the test just did.
func waitForPicture(t *testing.T, ctx contextLike) {
	t.Helper()
	waitFor(t, ctx, `window.playground.status().fresh`)
}

func waitForHash(t *testing.T, ctx contextLike, part string) {
	t.Helper()
	waitFor(t, ctx, fmt.Sprintf(`location.hash.includes(%q)`, part))
}

func TestPanelEditsTheExperiment(t *testing.T) {
	p := openPage(t)
	base, tab := p.base, p.tab

	// Space toggles training when the focus is not in a form field.
	before := currentStatus(t, tab).Running
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().running === %v`, !before))

	// Pick a data set, an activation and a feature through the controls.
	setControl(t, tab, "#dataset", "spiral")
	setControl(t, tab, "#layer-0-activation", "relu")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#feature-sinx1`))); err != nil {
		t.Fatal(err)
	}
	h := locationHash(t, tab)
	for _, want := range []string{"d=spiral", "l=dense:4:relu,dense:2:tanh", "f=x1,x2,sinx1"} {
		if !strings.Contains(h, want) {
			t.Errorf("hash %q lacks %q", h, want)
		}
	}
	// A multi-class set shows its class count; a value past the limit is
	// refused with a message and the control returns to the spec's value.
	setControl(t, tab, "#dataset", "rings")
	waitForHash(t, tab, "d=rings")
	setControl(t, tab, "#classes", "99")
	text, visible := messageText(t, tab)
	if !visible || !strings.Contains(strings.ToLower(text), "classes") {
		t.Fatalf("after 99 classes: message visible=%v %q", visible, text)
	}
	if s := currentStatus(t, tab); s.Error != text {
		t.Fatalf("status().error %q differs from the page's message %q", s.Error, text)
	}
	if got, _ := chromedp.Run(tab, chromedp.Value(chromedp.CSS(`#classes`))); got == "99" {
		t.Fatal("the refused value stays in the control")
	}
	setControl(t, tab, "#classes", "5")
	waitForHash(t, tab, "k=5")
	call(t, tab, `window.playground.step(3000)`)
	waitForPicture(t, tab)
	screenshot(t, tab, "07-rings-five-classes")

	// "Copy link" shows the link to this experiment.
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#copy-link`))); err != nil {
		t.Fatal(err)
	}
	link, err := chromedp.Run(tab, chromedp.Value(chromedp.CSS(`#link`)))
	if err != nil {
		t.Fatal(err)
	}
	if want := base + "/" + locationHash(t, tab); link != want {
		t.Fatalf("the link field shows %q, want %q", link, want)
	}
	// It says "copied" only when the clipboard took it; otherwise the
	// link stays selected for the person to copy, and it says so.
	waitFor(t, tab, `document.querySelector(".copied").textContent !== ""`)
	said, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector(".copied").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	selected, err := chromedp.Run(tab, chromedp.Evaluate[bool](
		`(() => { const l = document.getElementById("link"); return document.activeElement === l && l.selectionStart === 0 && l.selectionEnd === l.value.length; })()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Copy link says %q (link selected: %v)", said, selected)
	if said != "copied" && (!selected || !strings.Contains(said, "copy it")) {
		t.Errorf("Copy link says %q with the link selected %v", said, selected)
	}

	// Editing the hash by hand loads that experiment.
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`location.hash = location.hash.replace("d=rings", "d=spiralk")`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `window.playground.status().hash.includes("d=spiralk")`)
	if got, _ := chromedp.Run(tab, chromedp.Value(chromedp.CSS(`#dataset`))); got != "spiralk" {
		t.Fatalf("after editing the hash the data set control shows %q", got)
	}
}

// setControl sets a <select> or <input> as a person would and fires its
// change event, which is when the panel edits the experiment.
func setControl(t *testing.T, ctx contextLike, sel, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event("change")); })()`, sel, value)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("setting %s to %s: %v", sel, value, err)
	}
}

func TestHoverShowsANeuron(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.step(500)`)
	// the third neuron of the first hidden layer
	if cols := hoverNode(t, tab, 1, 2); len(cols) != 4 || cols[1] != 4 {
		t.Fatalf("graph columns %v, want 2, 4, 2, 2 neurons", cols)
	}
	waitFor(t, tab, `(h => h && h.column === 1 && h.unit === 2)(window.playground.status().hover)`)
	waitForPicture(t, tab)
	screenshot(t, tab, "08-hover-neuron")
	if err := chromedp.Do(tab, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `window.playground.status().hover === null`)
}

// The largest network the limits allow (about 100,000 parameters) keeps
// the page answering and training: drawing is spaced by its cost.
func TestLargestNetworkStaysResponsive(t *testing.T) {
	p := openPage(t)
	base, tab, def := p.base, p.tab, p.opened
	hash := strings.Replace(def.Hash, "l=dense:4:tanh,dense:2:tanh", "l=dense:256:tanh,dense:256:tanh,dense:128:tanh", 1)
	if hash == def.Hash {
		t.Fatalf("default hash %q has no layer list to replace", def.Hash)
	}
	s := open(t, tab, base+"/#"+hash)
	if s.Error != "" || s.Hash != hash {
		t.Fatalf("the largest network did not load: error %q, hash %q", s.Error, s.Hash)
	}
	call(t, tab, `window.playground.play()`)
	start := currentStatus(t, tab)
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().step >= %d`, start.Step+50))
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().frames >= %d`, start.Frames+2))
	s = currentStatus(t, tab)
	t.Logf("largest network: step %d, %d frames drawn, Go %.1f ms a tick", s.Step, s.Frames, s.GoMsPerFrame)
	screenshot(t, tab, "09-largest-network")
}

// Resizing the window lays the views out again and keeps every layer of
// the picture: the points' dark rims are the only near-black pixels on
// the heatmap, so counting them in a screenshot shows the points are
// there.
func TestResizeKeepsThePicture(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	// Trained, the surface is saturated and the points' dark rims stand
	// out from it.
	call(t, tab, `window.playground.step(2000)`)
	for _, size := range []struct{ w, h int64 }{{1280, 700}, {1280, 760}, {520, 900}} {
		if err := chromedp.Do(tab, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, tab, fmt.Sprintf(`window.playground.layout().heatmap.w > 0 && innerWidth === %d && innerHeight === %d`, size.w, size.h))
		call(t, tab, `window.playground.step(1)`)
		waitForPicture(t, tab)
		heat, err := chromedp.Run(tab, chromedp.Evaluate[struct{ X, Y, W, H int }](`window.playground.layout().heatmap`))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("10-resized-%dx%d", size.w, size.h)
		shot := screenshotImage(t, tab, name)
		dark := 0
		for y := heat.Y; y < heat.Y+heat.H; y++ {
			for x := heat.X; x < heat.X+heat.W; x++ {
				r, g, b, _ := shot.At(x, y).RGBA()
				if r>>8 < 40 && g>>8 < 40 && b>>8 < 40 {
					dark++
				}
			}
		}
		if dark < 500 {
			t.Errorf("%dx%d: %d dark pixels on the heatmap at %+v: the points are missing", size.w, size.h, dark, heat)
		}
	}
}
