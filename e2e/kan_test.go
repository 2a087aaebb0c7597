//go:build browser

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPruneAndSnapFromThePanel opens the prune preset, trains it with its
// sparsity penalty, and presses Prune, raising the panel's threshold from
// pykan's (0.01 for nodes) until a hidden node goes. In the browser
// L-BFGS pauses before the penalty has flattened any node (float32
// rounding takes another path than the native run, which flattens two:
// session.TestPruneKeepsTheFunction checks that pruning them keeps the
// RMSE), so the node that goes here still carried part of the function:
// the test checks the panel's path, not the penalty. The hidden layer
// narrows, the link carries the new width, the step count stays, the
// test RMSE right after is below the untrained network's (the kept
// functions stay, nothing starts over), and training goes on from it.
// Then Snap makes the formula the network, and training goes on again
// with the formula's constants, which the panel's formula text follows.
func TestPruneAndSnapFromThePanel(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "kan-prune"); msg != "" {
		t.Fatal(msg)
	}
	start := call(t, tab, `window.playground.pause()`)
	before := call(t, tab, `window.playground.step(400)`)
	if !strings.Contains(before.Hash, "kan:5:linear") {
		t.Fatalf("the preset's link %q has no 5-unit KAN layer", before.Hash)
	}
	if before.Error != "" {
		// L-BFGS paused before the penalty flattened a node (the
		// browser's float32 rounding takes another path than the native
		// run, which goes on to step 512): a stronger penalty, a live
		// edit, starts it again, as the message says.
		setControl(t, tab, "#layer-0-opt-lamb", "0.003")
		waitForHash(t, tab, "lamb=0.003,")
		setControl(t, tab, "#layer-1-opt-lamb", "0.003")
		waitForHash(t, tab, "lamb=0.003&")
		before = call(t, tab, `window.playground.step(300)`)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-before-prune")
	threshold := ""
	for _, th := range []string{"", "0.03", "0.1", "0.2", "0.3", "0.5"} {
		setControl(t, tab, "#prune-threshold", th)
		click(t, tab, "#prune")
		if !strings.Contains(locationHash(t, tab), "kan:5:linear") {
			threshold = th
			break
		}
	}
	if threshold == "" {
		t.Fatalf("no threshold up to 0.5 pruned a node; the page says %q", currentStatus(t, tab).Error)
	}
	after := currentStatus(t, tab)
	trained := call(t, tab, `window.playground.step(50)`)
	t.Logf("KAN[2,5,1]: test RMSE %s at step 0, %s at step %d (%d parameters); pruned at threshold %s: %s (%d parameters, link %s); %s at step %d",
		orNull(start.TestRMSE), orNull(before.TestRMSE), before.Step, before.Params, threshold, orNull(after.TestRMSE), after.Params, after.Hash, orNull(trained.TestRMSE), trained.Step)
	if after.Step != before.Step || after.Params >= before.Params || after.Error != "" {
		t.Fatalf("pruning: step %d -> %d, parameters %d -> %d, error %q", before.Step, after.Step, before.Params, after.Params, after.Error)
	}
	if loss(after.TestRMSE) >= loss(start.TestRMSE) || loss(trained.TestRMSE) > loss(after.TestRMSE) {
		t.Errorf("test RMSE %v (untrained) %v -> %v -> %v: pruning should keep the functions and training go on",
			loss(start.TestRMSE), loss(before.TestRMSE), loss(after.TestRMSE), loss(trained.TestRMSE))
	}
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
