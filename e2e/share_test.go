//go:build browser

package e2e

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// float16PredictionBound is session's documented bound on how far the
// plane's answer moves when the weights are rounded to float16.
const float16PredictionBound = 0.005

// evaluate runs a JavaScript expression and decodes its value.
func evaluate[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// openTrained navigates to a link that may carry weights (so the page
// opens at their step, which open does not allow) and waits for a frame.
func openTrained(t *testing.T, ctx context.Context, url string) status {
	t.Helper()
	c, cancel := withTimeout(ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(withKernels(t, url))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	waitFor(t, c, `window.playground && window.playground.status().frames >= 1 && window.playground.status().panel`)
	return currentStatus(t, c)
}

func maxDelta(a, b []float64) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return math.Inf(1)
	}
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// TestShareWeightsFilesAndImports trains the default experiment, shares it
// with its weights through the panel, and opens the link in a fresh tab:
// same step, predictions within the float16 bound of the trained ones, and
// exactly those of the trained page once it opens the same link. Then the
// export file carries it into another tab, a bad file is refused keeping
// the experiment, and weights of another network are refused with the
// experiment opened from scratch.
func TestShareWeightsFilesAndImports(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	trained := call(t, tab, `window.playground.step(300)`)
	trainedPredictions := evaluate[[]float64](t, tab, `window.playground.predictions()`)

	// The panel: without the box the link has no weights; with it, it
	// does, and its length is shown.
	plain := evaluate[string](t, tab, `document.getElementById("link").value`)
	if strings.Contains(plain, "&w=") {
		t.Fatalf("the link carries weights before the box is ticked: %q", plain)
	}
	evaluate[any](t, tab, `document.getElementById("share-weights").click(), null`)
	link := evaluate[string](t, tab, `document.getElementById("link").value`)
	shown := evaluate[string](t, tab, `document.getElementById("link-length").textContent`)
	if !strings.Contains(link, "&w=") || shown != strconv.Itoa(len(link))+" characters" {
		note := evaluate[string](t, tab, `document.getElementById("link-note").textContent`)
		ticked := evaluate[bool](t, tab, `document.getElementById("share-weights").checked`)
		t.Fatalf("with weights ticked (%v): link %q, length shown %q, note %q", ticked, link, shown, note)
	}
	if api := evaluate[string](t, tab, `window.playground.link(true)`); api != link {
		t.Errorf("link(true) = %q, the panel shows %q", api, link)
	}
	evaluate[any](t, tab, `document.getElementById("new-experiment").scrollIntoView(), null`)
	screenshot(t, tab, "share-weights")
	t.Logf("default at step %d: link with weights %d characters", trained.Step, len(link))

	fresh := newTab(t, p.browser)
	opened := openTrained(t, fresh, link)
	if opened.Error != "" || opened.Step != trained.Step || opened.Hash != trained.Hash {
		t.Fatalf("the link opened at step %d with error %q and hash %q; want step %d, no error, hash %q",
			opened.Step, opened.Error, opened.Hash, trained.Step, trained.Hash)
	}
	openedPredictions := evaluate[[]float64](t, fresh, `window.playground.predictions()`)
	delta := maxDelta(trainedPredictions, openedPredictions)
	t.Logf("max |Δ output| over the plane after float16: %.3g", delta)
	if delta > float16PredictionBound {
		t.Errorf("the opened link's predictions differ by %.3g, above the bound %g", delta, float16PredictionBound)
	}
	// The trained page opening the same link shows exactly what the
	// fresh tab shows.
	hash := link[strings.Index(link, "#"):]
	if msg := evaluate[any](t, tab, fmt.Sprintf(`window.playground.load(%q)`, hash)); msg != nil {
		t.Fatalf("load(link with weights) = %v", msg)
	}
	if d := maxDelta(evaluate[[]float64](t, tab, `window.playground.predictions()`), openedPredictions); d != 0 {
		t.Errorf("two pages opening one link differ by %g", d)
	}
	here, there := currentStatus(t, tab), currentStatus(t, fresh)
	if loss(here.TrainLoss) != loss(there.TrainLoss) || here.Step != there.Step {
		t.Errorf("two pages opening one link: step %d loss %v, and step %d loss %v", here.Step, loss(here.TrainLoss), there.Step, loss(there.TrainLoss))
	}

	// Export from the fresh tab, import in another: the same experiment
	// at the same step with the same predictions.
	file := evaluate[string](t, fresh, `window.playground.exportJSON()`)
	other := newTab(t, p.browser)
	openTrained(t, other, p.base+"/")
	if msg := evaluate[any](t, other, fmt.Sprintf(`window.playground.importJSON(%q)`, file)); msg != nil {
		t.Fatalf("importJSON(exported file) = %v", msg)
	}
	imported := currentStatus(t, other)
	if imported.Step != trained.Step || imported.Hash != trained.Hash {
		t.Errorf("imported at step %d hash %q, want step %d hash %q", imported.Step, imported.Hash, trained.Step, trained.Hash)
	}
	if d := maxDelta(evaluate[[]float64](t, other, `window.playground.predictions()`), openedPredictions); d != 0 {
		t.Errorf("the imported file's predictions differ from the link's by %g", d)
	}

	// A bad file is refused and the experiment stays.
	call(t, other, `window.playground.step(5)`)
	before := currentStatus(t, other)
	for _, bad := range []string{`{"export": 1`, `{"export": 1, "experiment": {"version": 2}}`,
		strings.Replace(file, `"weights": "`, `"weights": "AQ`, 1)} {
		msg := evaluate[any](t, other, fmt.Sprintf(`window.playground.importJSON(%q)`, bad))
		after := currentStatus(t, other)
		if msg == nil || after.Step != before.Step || after.Hash != before.Hash {
			t.Errorf("a bad file: answer %v, step %d -> %d, hash kept %v", msg, before.Step, after.Step, after.Hash == before.Hash)
		}
		if text, visible := messageText(t, other); !visible || !strings.Contains(text, "unchanged") {
			t.Errorf("a bad file's message: visible %v, %q", visible, text)
		}
	}
	screenshot(t, other, "import-refused")

	// Weights of another network: the experiment opens from scratch and
	// says why (a link loaded in place, as a pasted one is: a fifth page
	// would only load the machine).
	weights := link[strings.Index(link, "&w="):]
	otherNet := strings.Replace(trained.Hash, "dense:4:tanh", "dense:5:tanh", 1)
	msg := evaluate[any](t, other, fmt.Sprintf(`window.playground.load(%q)`, otherNet+weights))
	s := currentStatus(t, other)
	if s.Step != 0 || s.Hash != otherNet || !strings.Contains(s.Error, "could not be used") || !strings.Contains(s.Error, "parameters") {
		t.Errorf("weights of another network: answer %v, step %d, hash %q, error %q", msg, s.Step, s.Hash, s.Error)
	}
}

// TestAutosaveSurvivesReload: a trained experiment comes back with its
// weights on a reload and when the page is opened without a link; an
// embed does not take it; a link wins over it; "New experiment" forgets
// it.
func TestAutosaveSurvivesReload(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause()`)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#feature-x1sq`))); err != nil {
		t.Fatal(err)
	}
	trained := call(t, tab, `window.playground.step(120)`)
	predictions := evaluate[[]float64](t, tab, `window.playground.predictions()`)
	waitFor(t, tab, `(localStorage.getItem("playground.autosave") || "").includes("&w=")`)

	c, cancel := withTimeout(tab, 90*time.Second)
	if err := chromedp.Do(c, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	cancel()
	waitFor(t, tab, `window.playground && window.playground.status().frames >= 1 && window.playground.status().panel`)
	reloaded := currentStatus(t, tab)
	if reloaded.Step != trained.Step || reloaded.Hash != trained.Hash || reloaded.Error != "" {
		t.Fatalf("after a reload: step %d hash %q error %q; want step %d hash %q", reloaded.Step, reloaded.Hash, reloaded.Error, trained.Step, trained.Hash)
	}
	if d := maxDelta(evaluate[[]float64](t, tab, `window.playground.predictions()`), predictions); d > float16PredictionBound {
		t.Errorf("after a reload the predictions moved by %.3g", d)
	}

	bare := openTrained(t, newTab(t, p.browser), p.base+"/")
	if bare.Step != trained.Step || bare.Hash != trained.Hash {
		t.Errorf("the page without a link opened step %d hash %q; want the autosave's step %d hash %q", bare.Step, bare.Hash, trained.Step, trained.Hash)
	}
	// An embed neither restores the autosave nor replaces it.
	embed := openTrained(t, newTab(t, p.browser), p.base+"/?embed=1")
	if embed.Step != 0 || embed.Hash != p.opened.Hash {
		t.Errorf("an embed without a link opened step %d hash %q; want the default, not the autosave", embed.Step, embed.Hash)
	}
	// A link wins over the autosave, even the autosaved experiment's own.
	linked := open(t, newTab(t, p.browser), p.base+"/#"+trained.Hash)
	if linked.Step != 0 {
		t.Errorf("a link opened at step %d, want 0", linked.Step)
	}

	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#new-experiment`))); err != nil {
		t.Fatal(err)
	}
	fresh := currentStatus(t, tab)
	if fresh.Step != 0 || fresh.Hash != p.opened.Hash {
		t.Errorf("New experiment: step %d hash %q, want the default at step 0", fresh.Step, fresh.Hash)
	}
	waitFor(t, tab, `localStorage.getItem("playground.autosave") === null`)
	again := open(t, newTab(t, p.browser), p.base+"/")
	if again.Hash != p.opened.Hash {
		t.Errorf("after New experiment the page without a link opened %q", again.Hash)
	}
}
