//go:build browser && workerd

package e2e

// The page as the deployed site serves it: `make test-worker` builds the
// Worker (dist/), then this test starts `wrangler dev` (workerd) through
// worker/wranglerdev and opens the page from it in headless Chromium. The
// site's index.html names build/app.wasm.gz (Cloudflare takes no asset
// over 25 MiB; app.wasm is 32 MB), which wasm/loader.js fetches and
// decompresses with DecompressionStream: the path real visitors take,
// which the other browser tests (served by `make run`'s handler, with
// app.wasm) never do.

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playground/worker/wranglerdev"
)

// resourceEntry is a PerformanceResourceTiming, as much as is checked.
type resourceEntry struct {
	Name    string `json:"name"`
	Status  int    `json:"status"`
	Encoded int64  `json:"encoded"`
	Decoded int64  `json:"decoded"`
}

func TestPageUnderWorkerd(t *testing.T) {
	workerDir, err := filepath.Abs(filepath.Join("..", "worker"))
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(workerDir, "..", "dist", "site")
	gz, err := os.Stat(filepath.Join(site, "build", "app.wasm.gz"))
	if _, errPage := os.Stat(filepath.Join(site, "index.html")); errPage != nil || err != nil {
		t.Fatalf("dist/site/index.html or dist/site/build/app.wasm.gz is missing: run `make worker` first (or `make test-worker`, which does)")
	}
	srv := wranglerdev.Start(t, workerDir)
	tab := newTab(t, newBrowser(t))

	// Open the page and wait until it draws, or its loader says it failed
	// (then say why at once rather than after the wait's minute).
	page := withKernels(t, srv.URL+"/")
	ctx, cancel := withTimeout(tab, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	waitFor(t, ctx, `(window.playground && window.playground.status().frames >= 1) ||
		document.getElementById("loading")?.getAttribute("role") === "alert"`)
	loaderSays, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.getElementById("loading")?.getAttribute("role") === "alert" ? document.getElementById("loading").textContent : ""`))
	if err != nil {
		t.Fatal(err)
	}
	if loaderSays != "" {
		t.Fatalf("the page served by workerd did not start: %q\nwrangler dev:\n%s", loaderSays, srv.Log())
	}
	opened := currentStatus(t, ctx)
	if want := wantKernels(); opened.Kernels != want {
		t.Fatalf("%s runs the %q kernels, want %q", page, opened.Kernels, want)
	}
	if opened.Error != "" {
		t.Fatalf("the page shows an error: %q", opened.Error)
	}
	if text, visible := messageText(t, tab); visible {
		t.Fatalf("the page shows a message: %q", text)
	}

	// The site's page names the gzip copy, and that is what was fetched:
	// its bytes as stored (so the page, not the browser, decompressed
	// them), and never the 32 MB app.wasm, which the site lacks.
	app, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("script[data-app]")?.dataset.app ?? ""`))
	if err != nil {
		t.Fatal(err)
	}
	if app != "build/app.wasm.gz" {
		t.Fatalf("the loader's data-app is %q, want build/app.wasm.gz (does worker/cmd/site rewrite the page?)", app)
	}
	entries, err := chromedp.Run(tab, chromedp.Evaluate[[]resourceEntry](`performance.getEntriesByType("resource")
		.filter((e) => new URL(e.name).pathname.startsWith("/build/app."))
		.map((e) => ({ name: new URL(e.name).pathname, status: e.responseStatus, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name != "/build/app.wasm.gz" || entries[0].Status != 200 || entries[0].Decoded != gz.Size() {
		t.Fatalf("the page fetched %+v, want only /build/app.wasm.gz: status 200, %d bytes (the file as stored)", entries, gz.Size())
	}
	t.Logf("fetched %s: %d bytes on the wire, %d as received (dist/site/build/app.wasm.gz is %d)",
		entries[0].Name, entries[0].Encoded, entries[0].Decoded, gz.Size())

	// The program runs: train the default experiment from step 0 and see
	// the loss fall.
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.reset()`)
	first := call(t, tab, `window.playground.step(1)`)
	var trained status
	for trained = first; trained.Step < trainSteps; {
		trained = call(t, tab, fmt.Sprintf(`window.playground.step(%d)`, min(100, trainSteps-trained.Step)))
	}
	t.Logf("default experiment under workerd: test loss %.4f after step %d, %.4f after step %d (test accuracy %.3f)",
		loss(first.TestLoss), first.Step, loss(trained.TestLoss), trained.Step, loss(trained.TestAcc))
	if first.TestLoss == nil || trained.TestLoss == nil || *trained.TestLoss >= *first.TestLoss/2 {
		t.Errorf("test loss %.4f after step %d, %.4f after step %d: want it at least halved",
			loss(first.TestLoss), first.Step, loss(trained.TestLoss), trained.Step)
	}
	if first.TrainLoss == nil || trained.TrainLoss == nil || *trained.TrainLoss >= *first.TrainLoss {
		t.Errorf("train loss %.4f after step %d, %.4f after step %d: want it lower",
			loss(first.TrainLoss), first.Step, loss(trained.TrainLoss), trained.Step)
	}
	if trained.Error != "" {
		t.Errorf("after training the page shows an error: %q", trained.Error)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "workerd-01-trained")
}

// trainSteps is how far the default experiment trains under workerd: by
// then its test loss is about a third of the first step's (0.77 to 0.26,
// accuracy 0.93); TestPlaygroundTrainsEditsAndShares trains it to the end.
const trainSteps = 800
