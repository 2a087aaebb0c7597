//go:build browser

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPruneAndSnapFromThePanel opens the prune preset, trains it with its
// sparsity penalty (lamb 0.02), and presses Prune, at pykan's thresholds
// first, raising the panel's threshold only if no hidden node goes (the
// page's float32 path takes another trajectory than the native run that
// session.TestPruneReachesTheMinimalNetwork follows). The hidden layer
// narrows, the link carries the new width, the step count stays. Then it
// refines both layers to G=10 from the layer options. Around each
// operation it reads the test RMSE right before, right after and a few
// iterations later: right after may be at most a bounded factor worse
// (pruning folds what the removed parts carried; refining refits the
// splines), and training goes on from there rather than jumping back to
// a worse RMSE. Then Snap makes the formula the network, and training
// goes on again with the formula's constants, which the panel's formula
// text follows.
func TestPruneAndSnapFromThePanel(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "kan-prune"); msg != "" {
		t.Fatal(msg)
	}
	start := call(t, tab, `window.playground.pause()`)
	before := call(t, tab, `window.playground.step(300)`)
	if !strings.Contains(before.Hash, "kan:5:linear") {
		t.Fatalf("the preset's link %q has no 5-unit KAN layer", before.Hash)
	}
	t.Logf("KAN[2,5,1] lamb 0.02: test RMSE %s at step 0, %s at step %d (%q)", orNull(start.TestRMSE), orNull(before.TestRMSE), before.Step, before.Error)
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-before-prune")
	threshold, pruned := "", false
	for _, th := range []string{"", "0.03", "0.1", "0.2", "0.3", "0.5"} {
		setControl(t, tab, "#prune-threshold", th)
		click(t, tab, "#prune")
		// The link follows a prune after the click; a refusal names
		// the node threshold it tried.
		shown := th
		if th == "" {
			shown = "0.01"
		}
		waitFor(t, tab, `!location.hash.includes("kan:5:linear") || document.body.innerText.includes("nothing scores at most `+shown+`:")`)
		if !strings.Contains(locationHash(t, tab), "kan:5:linear") {
			threshold, pruned = th, true
			break
		}
	}
	if !pruned {
		t.Fatalf("no threshold up to 0.5 pruned a node; the page says %q", currentStatus(t, tab).Error)
	}
	after := currentStatus(t, tab)
	trained := call(t, tab, `window.playground.step(20)`)
	t.Logf("pruned at threshold %q: %s (%d -> %d parameters, link %s); %s at step %d",
		threshold, orNull(after.TestRMSE), before.Params, after.Params, after.Hash, orNull(trained.TestRMSE), trained.Step)
	if after.Step != before.Step || after.Params >= before.Params || after.Error != "" {
		t.Fatalf("pruning: step %d -> %d, parameters %d -> %d, error %q", before.Step, after.Step, before.Params, after.Params, after.Error)
	}
	checkNoJumpBack(t, "pruning", before, after, trained)

	setControl(t, tab, "#layer-0-opt-g", "10")
	waitFor(t, tab, `location.hash.split("g=10:").length === 2`)
	setControl(t, tab, "#layer-1-opt-g", "10")
	waitFor(t, tab, `location.hash.split("g=10:").length === 3`)
	refined := currentStatus(t, tab)
	refinedLater := call(t, tab, `window.playground.step(20)`)
	t.Logf("refined to G=10: %s (%d parameters), %s at step %d", orNull(refined.TestRMSE), refined.Params, orNull(refinedLater.TestRMSE), refinedLater.Step)
	if refined.Step != trained.Step || refined.Params <= trained.Params || refined.Error != "" {
		t.Fatalf("refining: step %d -> %d, parameters %d -> %d, error %q", trained.Step, refined.Step, trained.Params, refined.Params, refined.Error)
	}
	checkNoJumpBack(t, "refining", trained, refined, refinedLater)
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-pruned")

	click(t, tab, "#snap")
	waitFor(t, tab, `document.getElementById("formula").textContent.includes("y1 = ")`)
	snapped := currentStatus(t, tab)
	first := formulaText(t, tab)
	again := call(t, tab, `window.playground.step(30)`)
	waitFor(t, tab, `!document.getElementById("formula").textContent.includes(`+jsString(strings.SplitN(first, "\n", 2)[0])+`)`)
	later := formulaText(t, tab)
	t.Logf("snapped: test RMSE %s (%d parameters), %s 30 iterations later\n%s\nthen\n%s",
		orNull(snapped.TestRMSE), snapped.Params, orNull(again.TestRMSE), first, later)
	if snapped.Error != "" || !strings.Contains(first, "R² 1.0000") {
		t.Errorf("snapping: error %q, no edge snapped:\n%s", snapped.Error, first)
	}
	if loss(again.TestRMSE) > 1.05*loss(snapped.TestRMSE) {
		t.Errorf("test RMSE %v after snapping, %v 30 iterations later", loss(snapped.TestRMSE), loss(again.TestRMSE))
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-snapped")
}

// formulaText is what the panel's formula box shows.
func formulaText(t *testing.T, tab contextLike) string {
	t.Helper()
	text, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("formula").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// checkNoJumpBack checks the test RMSE around a live operation on the
// network: right after it at most a bounded factor above right before,
// and a few iterations later no worse than right after (training went on
// from the changed network, nothing started over).
func checkNoJumpBack(t *testing.T, op string, before, after, later status) {
	t.Helper()
	b, a, l := loss(before.TestRMSE), loss(after.TestRMSE), loss(later.TestRMSE)
	if b < 0 || a < 0 || l < 0 {
		t.Fatalf("%s: no test RMSE (%v, %v, %v)", op, b, a, l)
	}
	if a > 1.5*b+1e-3 {
		t.Errorf("%s: test RMSE %.4g right before, %.4g right after", op, b, a)
	}
	if l > 1.05*a+1e-4 {
		t.Errorf("%s: test RMSE %.4g right after, %.4g a few iterations later", op, a, l)
	}
}
