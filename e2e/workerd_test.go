//go:build browser && workerd

package e2e

// The page as the deployed site serves it: `make test-worker` builds the
// Worker (dist/), then this test starts `wrangler dev` (workerd) through
// worker/wranglerdev and opens the page from it in headless Chromium. The
// site's index.html names the program by its content name
// (build/app.HASH.wasm, under Cloudflare's 25 MiB per asset), written in
// by worker/cmd/site, and the assets binding serves it as the deployed
// site does: the path real visitors take, which the other browser tests
// (served by `make run`'s handler) never do.

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playground/worker"
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
	manifest, err := os.ReadFile(filepath.Join(workerDir, "..", filepath.FromSlash(worker.BuildManifest)))
	if err != nil {
		t.Fatalf("%s is missing: run `make worker` first (or `make test-worker`, which does)", worker.BuildManifest)
	}
	names, err := worker.ParseManifest(manifest)
	if err != nil {
		t.Fatal(err)
	}
	wantApp := names["build/app.wasm"]
	stored, err := os.Stat(filepath.Join(site, filepath.FromSlash(wantApp)))
	if _, errPage := os.Stat(filepath.Join(site, "index.html")); errPage != nil || err != nil {
		t.Fatalf("dist/site/index.html or dist/site/%s is missing: run `make worker` first (or `make test-worker`, which does)", wantApp)
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
	waitFor(t, ctx, `(window.playground && window.playground.status().frames >= 1 && window.playground.status().panel) ||
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

	// The site's page names the program by its content name, and that is
	// what was fetched, whole (the browser decompresses whatever encoding
	// the edge chose), once.
	app, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("script[data-app]")?.dataset.app ?? ""`))
	if err != nil {
		t.Fatal(err)
	}
	if app != wantApp {
		t.Fatalf("the loader's data-app is %q, want %s (does worker/cmd/site write the content names?)", app, wantApp)
	}
	entries, err := chromedp.Run(tab, chromedp.Evaluate[[]resourceEntry](`performance.getEntriesByType("resource")
		.filter((e) => new URL(e.name).pathname.startsWith("/build/app."))
		.map((e) => ({ name: new URL(e.name).pathname, status: e.responseStatus, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name != "/"+wantApp || entries[0].Status != 200 || entries[0].Decoded != stored.Size() {
		t.Fatalf("the page fetched %+v, want only /%s: status 200, %d bytes", entries, wantApp, stored.Size())
	}
	t.Logf("fetched %s: %d bytes on the wire, %d decoded", entries[0].Name, entries[0].Encoded, entries[0].Decoded)

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
