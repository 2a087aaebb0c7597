//go:build browser

package e2e

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// status is window.playground.status().
type status struct {
	Step         int      `json:"step"`
	Epoch        int      `json:"epoch"`
	TrainLoss    *float64 `json:"trainLoss"`
	TestLoss     *float64 `json:"testLoss"`
	TrainAcc     *float64 `json:"trainAcc"`
	TestAcc      *float64 `json:"testAcc"`
	TrainRMSE    *float64 `json:"trainRMSE"`
	TestRMSE     *float64 `json:"testRMSE"`
	Params       int      `json:"params"`
	FLOPs        int      `json:"flops"`
	LongestMs    float64  `json:"longestUpdateMs"`
	Running      bool     `json:"running"`
	Error        string   `json:"error"`
	Hash         string   `json:"hash"`
	Frames       int      `json:"frames"`
	Ticks        int      `json:"ticks"`
	Fresh        bool     `json:"fresh"`
	FirstFrameMs float64  `json:"firstFrameMs"`
	GoMsPerFrame float64  `json:"goMsPerFrame"`
	Kernels      string   `json:"kernels"`
}

// page is a playground served, opened in a fresh browser, drawn.
type page struct {
	base         string // the server's URL
	browser, tab context.Context
	opened       status // status() once the page drew
}

// openPage serves the playground and opens it in a new headless browser.
func openPage(t *testing.T) page {
	t.Helper()
	p := page{base: startServer(t), browser: newBrowser(t)}
	p.tab = newTab(t, p.browser)
	p.opened = open(t, p.tab, p.base+"/")
	call(t, p.tab, `window.playground.play()`)
	return p
}

// open navigates to url and waits until the playground has drawn frames
// with the kernel body the run asks for (see withKernels).
func open(t *testing.T, ctx context.Context, url string) status {
	t.Helper()
	ctx, cancel := withTimeout(ctx, 90*time.Second)
	defer cancel()
	url = withKernels(t, url)
	// Only a new document opens fresh: a link to the page already shown
	// changes its hash, and the page loads it keeping its run state.
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	beforeDoc, _, _ := strings.Cut(before, "#")
	doc, _, _ := strings.Cut(url, "#")
	sameDocument := beforeDoc == doc
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	waitFor(t, ctx, `window.playground && window.playground.status().frames >= 1 && window.playground.status().panel`)
	s := currentStatus(t, ctx)
	if want := wantKernels(); s.Kernels != want {
		t.Fatalf("%s runs the %q kernels, want %q", url, s.Kernels, want)
	}
	// Every page opens paused at step 0 unless its link says play=1.
	autoplay := strings.Contains(url, "&play=1")
	if !sameDocument && (s.Running != autoplay || !autoplay && s.Step != 0) {
		t.Fatalf("%s opened at step %d, running %v; want step 0, running only with play=1", url, s.Step, s.Running)
	}
	return s
}

// E2E_KERNELS=scalar runs the browser tests with the kernels' scalar
// body, as a browser without WebAssembly SIMD gets; by default they run
// with SIMD, which Chromium has.
func wantKernels() string {
	if k := os.Getenv("E2E_KERNELS"); k != "" {
		return k
	}
	return "simd"
}

// withKernels adds ?kernels=... to a page address when the run forces a
// body, keeping the hash.
func withKernels(t *testing.T, raw string) string {
	t.Helper()
	k := os.Getenv("E2E_KERNELS")
	if k == "" {
		return raw
	}
	// The hash is kept byte for byte: it is the experiment.
	addr, hash, hasHash := strings.Cut(raw, "#")
	u, err := neturl.Parse(addr)
	if err != nil {
		t.Fatalf("page address %q: %v", raw, err)
	}
	q := u.Query()
	q.Set("kernels", k)
	u.RawQuery = q.Encode()
	if hasHash {
		return u.String() + "#" + hash
	}
	return u.String()
}

func currentStatus(t *testing.T, ctx context.Context) status {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[status](`window.playground.status()`))
	if err != nil {
		t.Fatalf("status(): %v", err)
	}
	return s
}

// call runs a window.playground method and returns the status after it.
func call(t *testing.T, ctx context.Context, js string) status {
	t.Helper()
	ctx, cancel := withTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return currentStatus(t, ctx)
}

func locationHash(t *testing.T, ctx context.Context) string {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func messageText(t *testing.T, ctx context.Context) (text string, visible bool) {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("message").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	visible, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("message")).display !== "none"`))
	if err != nil {
		t.Fatal(err)
	}
	return text, visible
}

func loss(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

// trainUntil steps a paused playground in chunks until the test loss is
// below bound or maxSteps have run; the bound is on steps, never on time.
func trainUntil(t *testing.T, ctx context.Context, bound float64, maxSteps, chunk int) status {
	t.Helper()
	s := currentStatus(t, ctx)
	for s.Step < maxSteps {
		s = call(t, ctx, fmt.Sprintf(`window.playground.step(%d)`, chunk))
		if s.TestLoss != nil && *s.TestLoss < bound {
			return s
		}
	}
	t.Fatalf("test loss %.4f after %d steps, want below %.3f", loss(s.TestLoss), s.Step, bound)
	return s
}

// contextLike is a chromedp tab context.
type contextLike = context.Context

// waitFor evaluates a JavaScript condition every 50 ms until it holds,
// for at most a minute (a guard against hanging, not a speed check). It
// evaluates from Go rather than with chromedp.Poll, whose page function
// runs as a user gesture.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	var last error
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](`!!(`+js+`)`))
		cancel()
		if err == nil && ok {
			return
		}
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			last = err
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: no success within a minute (last error: %v)", js, last)
}

// controlShown says the panel has the control with that id and its row
// (or section, or layer) is displayed.
func controlShown(t *testing.T, tab context.Context, id string) bool {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(
		`(() => { const e = document.getElementById(%q); return !!e && e.closest("section, .row, .layer").offsetParent !== null; })()`, id)))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
