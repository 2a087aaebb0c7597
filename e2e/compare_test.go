//go:build browser

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playground/assets"
	"playground/embedmode"
	"playground/experiment"
)

// TestCompareTrainsThreePresetsSideBySide follows the DCLS paper's
// "Compare side by side" link from the Papers panel to the comparison of
// no, fixed and learned delays: three embeds, titled with their presets,
// side by side, each training its own network at once. A bad list is a
// page saying why.
func TestCompareTrainsThreePresetsSideBySide(t *testing.T) {
	_, presets := embeddedCatalogs(t)
	ids := []string{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays"}
	wantLink := embedmode.CompareLink(ids)

	p := openPage(t)
	call(t, p.tab, `window.playground.pause()`)
	click(t, p.tab, `#papers > summary`)
	const link = `[data-paper="snn-learnable-delays"] a.compare-presets`
	waitFor(t, p.tab, `document.querySelector('`+link+`')`)
	href := evalHost[string](t, p.tab, `document.querySelector('`+link+`').getAttribute("href")`)
	if href != wantLink {
		t.Fatalf("the DCLS entry's compare link is %q, want %q", href, wantLink)
	}
	runHost(t, p.tab, `document.querySelector('`+link+`').scrollIntoView({block: "center", behavior: "instant"})`)
	// The viewport as it is: a full-page capture re-lays the page out and
	// loses the list's scroll.
	c, cancel := withTimeout(p.tab, time.Minute)
	shot, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(shotDir(t), "compare-00-papers-link.png")
	if err := os.WriteFile(name, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", name)

	// The link opens a new tab; here the same tab follows it, with the
	// run's kernels (the comparison passes them on to its embeds).
	tab := p.tab
	c, cancel = withTimeout(tab, time.Minute)
	err = chromedp.Do(c, chromedp.Navigate(withKernels(t, p.base+href)))
	cancel()
	if err != nil {
		t.Fatalf("opening %s: %v", href, err)
	}
	titles := evalHost[[]string](t, tab, `[...document.querySelectorAll(".compare-item h2")].map((h) => h.textContent)`)
	for i, id := range ids {
		preset, _ := presets.Find(id)
		if i >= len(titles) || titles[i] != preset.Title {
			t.Fatalf("titles %q, want %q in column %d", titles, preset.Title, i+1)
		}
	}
	// Side by side: one row at 1280 px.
	tops := evalHost[[]float64](t, tab, `[...document.querySelectorAll(".compare-item")].map((e) => e.getBoundingClientRect().top)`)
	if len(tops) != 3 || tops[0] != tops[1] || tops[1] != tops[2] {
		t.Errorf("the embeds' tops are %v: not one row", tops)
	}

	// Each embed's own page (same origin) opens its preset and trains by
	// itself.
	const frames = `[...document.querySelectorAll(".compare-item iframe")].map((f) => f.contentWindow.playground && f.contentWindow.playground.status())`
	waitFor(t, tab, frames+`.every((s) => s && s.running && s.step >= 30)`)
	type frameStatus struct {
		status
		Visible bool `json:"visible"`
	}
	statuses := evalHost[[]frameStatus](t, tab, frames)
	hashes := evalHost[[]string](t, tab, `[...document.querySelectorAll(".compare-item iframe")].map((f) => f.contentWindow.location.hash.slice(1))`)
	for i, id := range ids {
		s := statuses[i]
		t.Logf("%s: step %d, train loss %v, test accuracy %v, visible %v", id, s.Step, orDash(s.TrainLoss), orDash(s.TestAcc), s.Visible)
		if s.Error != "" {
			t.Errorf("%s: error %q", id, s.Error)
		}
		if s.Kernels != wantKernels() {
			t.Errorf("%s: the embed runs the %q kernels, want %q", id, s.Kernels, wantKernels())
		}
		spec, err := assets.ReadPreset(assets.Files, id)
		if err != nil {
			t.Fatal(err)
		}
		spec.View.Play = true
		if want := experiment.EncodeHash(spec); hashes[i] != want {
			t.Errorf("%s: the embed opened %q, want the preset with autoplay %q", id, hashes[i], want)
		}
	}
	screenshot(t, tab, "compare-01-interval-delays")

	// On a phone: one column, each embed as wide as the screen allows.
	c, cancel = withTimeout(tab, time.Minute)
	err = chromedp.Do(c, chromedp.EmulateViewport(390, 800))
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelectorAll(".compare-item")[1].getBoundingClientRect().top > document.querySelectorAll(".compare-item")[0].getBoundingClientRect().bottom`)
	if widest := evalHost[float64](t, tab, `Math.max(...[...document.querySelectorAll(".compare-item")].map((e) => e.getBoundingClientRect().right))`); widest > 390 {
		t.Errorf("on a 390 px screen the embeds reach %.0f px", widest)
	}
	screenshot(t, tab, "compare-02-phone")

	// A bad list: a page that says why, and no embed.
	c, cancel = withTimeout(tab, time.Minute)
	err = chromedp.Do(c, chromedp.Navigate(p.base+embedmode.CompareLink([]string{"interval-no-delays"})))
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	if text := evalHost[string](t, tab, `document.body.innerText`); !strings.Contains(text, "1 preset is named") ||
		evalHost[int](t, tab, `document.querySelectorAll("iframe").length`) != 0 {
		t.Errorf("a single preset: the page says %q", text)
	}
	screenshot(t, tab, "compare-03-refused")
}

func orDash(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f", *v)
}
