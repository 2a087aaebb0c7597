//go:build browser

package e2e

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playground/assets"
	"playground/assets/catalog"
	"playground/experiment"
)

// TestPapersPanelOpensAPreset opens the Papers panel, searches it by title
// and by tag, and opens a preset: the link becomes the preset's experiment
// and it trains.
func TestPapersPanelOpensAPreset(t *testing.T) {
	papers, presets := embeddedCatalogs(t)
	const presetID = "spiral"
	want := presetHash(t, presetID)

	p := openPage(t)
	tab := p.tab
	click(t, tab, `#papers > summary`)
	waitFor(t, tab, fmt.Sprintf(`document.querySelectorAll("#papers-list .paper-item").length === %d`, len(papers.Papers)))
	classics := 0
	for _, pr := range presets.Presets {
		if pr.Group == catalog.GroupClassic {
			classics++
		}
	}
	if n := countVisible(t, tab, ".preset-item"); n != classics {
		t.Errorf("%d classic experiments listed, want %d", n, classics)
	}

	// Search by tag: exactly the papers the panel's rule matches.
	search(t, tab, "kan")
	wantKAN := 0
	for _, paper := range papers.Papers {
		if matchesSearch(paper.Title, paper.Tags, "kan") {
			wantKAN++
		}
	}
	if wantKAN == 0 {
		t.Fatal("no paper carries a kan tag: pick another search")
	}
	if n := countVisible(t, tab, ".paper-item"); n != wantKAN {
		t.Errorf("search kan: %d papers shown, want %d", n, wantKAN)
	}
	if n := countVisible(t, tab, "#papers-list h2"); n != 1 {
		t.Errorf("search kan: %d group headings shown, want only Papers", n)
	}
	screenshot(t, tab, "papers-01-tag")

	// Search by title, then open the preset.
	search(t, tab, "spiral")
	if n := countVisible(t, tab, fmt.Sprintf(`[data-preset-item=%q]`, presetID)); n != 1 {
		t.Fatalf("search spiral does not show the spiral preset")
	}
	if n := countVisible(t, tab, `[data-preset-item="circle"]`); n != 0 {
		t.Errorf("search spiral still shows the circle preset")
	}
	screenshot(t, tab, "papers-02-search")
	before := currentStatus(t, tab)
	if before.Hash == want {
		t.Fatalf("the page already shows the preset")
	}
	click(t, tab, fmt.Sprintf(`button[data-preset=%q]`, presetID))
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().hash === %q`, want))
	if h := locationHash(t, tab); h != "#"+want {
		t.Errorf("location hash %q, want the preset's #%s", h, want)
	}
	link, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("link").value`))
	if err != nil || !strings.HasSuffix(link, "#"+want) {
		t.Errorf("the share link is %q (%v), want it to end with the preset's hash", link, err)
	}

	// It trains: the page keeps running after the load.
	opened := currentStatus(t, tab)
	if opened.Error != "" || !opened.Running {
		t.Fatalf("after opening the preset: error %q, running %v", opened.Error, opened.Running)
	}
	waitForSteps(t, tab, opened.Step+100)
	trained := currentStatus(t, tab)
	if trained.TrainLoss == nil || trained.Hash != want {
		t.Errorf("after training: loss %v, hash %q", trained.TrainLoss, trained.Hash)
	}
	t.Logf("preset %s: step %d, train loss %.4f", presetID, trained.Step, loss(trained.TrainLoss))
	waitForPicture(t, tab)
	screenshot(t, tab, "papers-03-opened")
}

// matchesSearch is the panel's rule (ui/panel/papers_list.go): the title
// contains the query or a tag starts with it.
func matchesSearch(title string, tags []string, query string) bool {
	if strings.Contains(strings.ToLower(title), query) {
		return true
	}
	for _, tag := range tags {
		if strings.HasPrefix(tag, query) {
			return true
		}
	}
	return false
}

func embeddedCatalogs(t *testing.T) (catalog.Papers, catalog.Presets) {
	t.Helper()
	b, err := fs.ReadFile(assets.Files, assets.PapersPath)
	if err != nil {
		t.Fatal(err)
	}
	papers, err := catalog.DecodePapers(b)
	if err != nil {
		t.Fatal(err)
	}
	b, err = fs.ReadFile(assets.Files, assets.PresetIndexPath)
	if err != nil {
		t.Fatal(err)
	}
	presets, err := catalog.DecodePresets(b)
	if err != nil {
		t.Fatal(err)
	}
	return papers, presets
}

// presetHash is the URL hash of a preset's experiment.
func presetHash(t *testing.T, id string) string {
	t.Helper()
	b, err := fs.ReadFile(assets.Files, assets.PresetPath(id))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := experiment.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	return experiment.EncodeHash(spec)
}

func click(t *testing.T, ctx contextLike, selector string) {
	t.Helper()
	c, cancel := withTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Click(chromedp.CSS(selector))); err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
}

// search types query into the Papers panel's search box, replacing what
// was there.
func search(t *testing.T, ctx contextLike, query string) {
	t.Helper()
	c, cancel := withTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("papers-search").value = ""`),
		chromedp.SendKeys(chromedp.CSS(`#papers-search`), query),
	); err != nil {
		t.Fatalf("searching %q: %v", query, err)
	}
}

// countVisible counts the elements matching selector that are displayed.
func countVisible(t *testing.T, ctx contextLike, selector string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(
		`[...document.querySelectorAll(%q)].filter(e => getComputedStyle(e).display !== "none").length`, selector)))
	if err != nil {
		t.Fatalf("counting %s: %v", selector, err)
	}
	return n
}
