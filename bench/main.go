//go:build !js

// Command bench measures the playground's size and speed against a
// baseline built and measured in the same run (a minimal Ebiten program),
// and prints a Markdown table for docs/BENCHMARKS.md; then times the
// WebAssembly kernels under Node against pure Go and TensorFlow.js (node.go,
// kernels_table.go). Run it with `make bench` after `make build`;
// -only=node runs the Node part alone (it needs no build or Chromium).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"playground/worker"
)

func main() {
	loads := flag.Int("loads", 9, "page loads of each page per measurement, taking turns (the median is reported)")
	frames := flag.Int("ticks", 300, "Ebiten ticks (Update calls) to wait before reading the Go time per tick, averaged over the last 120")
	only := flag.String("only", "all", "which sections to run: browser (size, start-up, frame times in Chromium), load (only size, bytes on the wire and start-up), frames (only the training speeds and smoothness in Chromium), smooth (only the smoothness), node (the kernels under Node against TensorFlow.js), or all")
	benchtime := flag.String("benchtime", "300ms", "go test -benchtime of each Node benchmark")
	count := flag.Int("count", 3, "go test -count of the Node benchmarks (the best is reported)")
	flag.Parse()

	switch *only {
	case "load":
		browserSection(*loads, *frames, false)
		return
	case "browser", "all", "node":
	case "frames", "smooth":
		framesSection(*frames, *only == "frames")
		return
	default:
		log.Fatalf("bench: -only=%q: want browser, load, frames, smooth, node or all", *only)
	}
	if *only != "node" {
		browserSection(*loads, *frames, true)
	}
	if *only != "browser" {
		if *only == "all" {
			fmt.Println()
		}
		// Run before printing anything of it, so a failure leaves no
		// half-filled tables behind.
		res, err := runNode(nodeOptions{benchtime: *benchtime, count: *count})
		if err != nil {
			log.Fatalf("bench: %v", err)
		}
		printNode(os.Stdout, res)
	}
}

// browserSection measures size, start-up and (full) frame times in
// headless Chromium against the baseline, and prints their tables.
func browserSection(loads, frames int, full bool) {
	baselineDir, err := buildBaseline()
	if err != nil {
		log.Fatalf("bench: building the baseline: %v", err)
	}
	app := mustRead(builtProgram())
	base := mustRead(filepath.Join(baselineDir, "app.wasm"))

	fmt.Printf("## Measured %s on %s/%s, %d CPUs, %s\n\n", time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Println("Command: `make bench`. Baseline: the smallest Ebiten program that draws a frame (bench/baseline), built with the same flags in the same run.")
	fmt.Println()
	fmt.Println("| wasm size | playground | baseline | ratio |")
	fmt.Println("|---|---|---|---|")
	sizeRow("raw", len(app), len(base))
	sizeRow("gzip -9", gzipSize(app), gzipSize(base))
	if a, b, ok := brotliSizes(app, base); ok {
		sizeRow("brotli -q 11", a, b)
	} else {
		fmt.Println("| brotli | (brotli not installed) | | |")
	}
	fmt.Println()

	browser, stop := startBrowser()
	defer stop()
	pg := httptest.NewServer(worker.NewHandler(os.DirFS(".")))
	defer pg.Close()
	bl := httptest.NewServer(compressedFiles(baselineDir, http.FileServer(http.Dir(baselineDir))))
	defer bl.Close()

	const drawn = `window.playground && window.playground.status().frames > 0 && window.playground.status().panel`
	const firstFrameAt = `window.playground.status().firstFrameMs`
	// An embed (?embed=1, as oEmbed and the embed builder write it) is the
	// same program and files; only its panel is smaller.
	times := firstFrames(browser, []firstFramePage{
		{pg.URL + "/", drawn, firstFrameAt},
		{bl.URL + "/", `window.firstFrameMs !== undefined`, `window.firstFrameMs`},
		{pg.URL + "/?embed=1", drawn, firstFrameAt},
	}, loads)
	appTimes, baseTimes, embedTimes := times[0], times[1], times[2]
	fmt.Println("| navigation to first drawn frame (headless Chromium, loopback, brotli, cache disabled; the three pages take turns) | playground | baseline | ratio |")
	fmt.Println("|---|---|---|---|")
	fmt.Printf("| median of %d loads | %.0f ms | %.0f ms | %.2f |\n", loads, appTimes.median(), baseTimes.median(), appTimes.median()/baseTimes.median())
	fmt.Printf("| embed (`?embed=1`), median of %d loads | %.0f ms | %.0f ms | %.2f |\n", loads, embedTimes.median(), baseTimes.median(), embedTimes.median()/baseTimes.median())
	fmt.Printf("| quartiles of the loads (playground; baseline) | %.0f-%.0f ms | %.0f-%.0f ms | |\n\n", quantile(appTimes.frames, 0.25), quantile(appTimes.frames, 0.75), quantile(baseTimes.frames, 0.25), quantile(baseTimes.frames, 0.75))
	printStages(appTimes.medianStages(), baseTimes.medianStages(), appTimes.files)
	printWire(appTimes.files, baseTimes.files)
	if !full {
		return
	}

	training, paused := frameTimes(browser, pg.URL+"/", frames)
	const frame = 1000.0 / 60
	fmt.Println("| Go time per tick (Update + Draw), default experiment, headless Chromium | ms | share of a 60 Hz frame |")
	fmt.Println("|---|---|---|")
	fmt.Printf("| training (6 ms budget) + drawing at most 20 times a second | %.2f | %.2f |\n", training, training/frame)
	fmt.Printf("| paused: nothing changes, so nothing is drawn | %.2f | %.2f |\n", paused, paused/frame)

	presetRates(browser, pg.URL, frames)
	smoothness(browser, pg.URL, frames)
}

// framesSection measures training speed (with rates) and smoothness in
// the page.
func framesSection(ticks int, rates bool) {
	browser, stop := startBrowser()
	defer stop()
	pg := httptest.NewServer(worker.NewHandler(os.DirFS(".")))
	defer pg.Close()
	fmt.Printf("## Measured %s on %s/%s, %d CPUs, %s\n\nCommand: `go run ./bench -only=frames` (or `-only=smooth`) after `make build`.\n", time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	if rates {
		presetRates(browser, pg.URL, ticks)
	}
	smoothness(browser, pg.URL, ticks)
}

func sizeRow(name string, a, b int) {
	fmt.Printf("| %s | %.2f MB | %.2f MB | %.2f |\n", name, mb(a), mb(b), float64(a)/float64(b))
}

func mb(n int) float64 { return float64(n) / 1e6 }

func mustRead(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatalf("bench: %v (run `make build` first)", err)
	}
	return b
}

// buildBaseline compiles bench/baseline with the playground's flags into
// out/bench/baseline.
func buildBaseline() (string, error) {
	dir := filepath.Join("out", "bench", "baseline")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "app.wasm"), "./bench/baseline")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", err
	}
	// Its brotli copy, as make build makes the page's.
	if err := exec.Command("brotli", "-q", "11", "-k", "-f", filepath.Join(dir, "app.wasm")).Run(); err != nil {
		return "", fmt.Errorf("brotli: %v", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", err
	}
	copies := map[string]string{
		filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"): "wasm_exec.js",
		filepath.Join("bench", "baseline", "index.html"):                                "index.html",
		filepath.Join("bench", "baseline", "loader.js"):                                 "loader.js",
	}
	for from, to := range copies {
		b, err := os.ReadFile(from)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// brotliSizes uses Debian's brotli command, when installed.
func brotliSizes(a, b []byte) (int, int, bool) {
	size := func(data []byte) (int, bool) {
		cmd := exec.Command("brotli", "-q", "11", "-c")
		cmd.Stdin = bytes.NewReader(data)
		out, err := cmd.Output()
		return len(out), err == nil
	}
	x, ok1 := size(a)
	y, ok2 := size(b)
	return x, y, ok1 && ok2
}

// compressedFiles serves the baseline compressed as the playground is:
// its brotli copy (made by buildBaseline) to browsers that take brotli,
// else gzip made on the fly.
func compressedFiles(dir string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, ".wasm") || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/wasm")
		if br, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r.URL.Path)+".br")); err == nil && strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
			w.Header().Set("Content-Encoding", "br")
			w.Write(br)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		w.Header().Set("Content-Encoding", "gzip")
		gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		gz.Write(rec.Body.Bytes())
		gz.Close()
	})
}

// builtProgram is the path of the page's program in the last build (named
// by its content, see worker.BuildManifest).
func builtProgram() string {
	names, err := worker.ParseManifest(mustRead(worker.BuildManifest))
	if err != nil || names["build/app.wasm"] == "" {
		log.Fatalf("bench: %s names no build/app.wasm (%v): run `make build`", worker.BuildManifest, err)
	}
	return names["build/app.wasm"]
}

// wireFile is one file of a load, as the Resource Timing API reports it.
type wireFile struct {
	Name     string  `json:"name"`
	Transfer float64 `json:"transfer"` // bytes on the wire, headers included
	Body     float64 `json:"body"`     // the body as decoded
}

// wireScript lists what a page fetched up to now: the page itself and
// every resource, by path.
const wireScript = `[...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
	.map((e) => ({ name: new URL(e.name).pathname, transfer: e.transferSize, body: e.decodedBodySize }))`

// printWire prints the bytes on the wire of a first load (to the first
// frame), with each file's share.
func printWire(app, base []wireFile) {
	total := func(files []wireFile) (n float64) {
		for _, f := range files {
			n += f.Transfer
		}
		return n
	}
	appTotal, baseTotal := total(app), total(base)
	fmt.Println("| bytes on the wire, first load to the first frame (cache disabled) | playground | baseline | ratio |")
	fmt.Println("|---|---|---|---|")
	fmt.Printf("| total | %.2f MB | %.2f MB | %.2f |\n\n", appTotal/1e6, baseTotal/1e6, appTotal/baseTotal)
	fmt.Println("| playground file | on the wire | decoded | share of the wire |")
	fmt.Println("|---|---|---|---|")
	for _, f := range app {
		fmt.Printf("| %s | %.1f kB | %.1f kB | %.1f%% |\n", f.Name, f.Transfer/1e3, f.Body/1e3, 100*f.Transfer/appTotal)
	}
	fmt.Println()
}

func startBrowser() (context.Context, func()) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		log.Fatal("bench: chromium is not installed (scripts/ensure-package.sh chromium)")
	}
	dir, _ := os.MkdirTemp("", "bench-chromium")
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 800))
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		log.Fatalf("bench: starting chromium: %v", err)
	}
	return ctx, func() { cancel(); cancelAlloc(); os.RemoveAll(dir) }
}

// firstFramePage is a page whose first drawn frame is timed: ready is a
// script true once it has drawn, read one giving that frame's
// performance.now().
type firstFramePage struct{ url, ready, read string }

// firstFrameTimes is what loading one page many times measured: each
// load's first frame, the files of the last load with their bytes on the
// wire, and each start-up stage the page marked (startup.go), per load.
type firstFrameTimes struct {
	frames []float64
	files  []wireFile
	stages map[string][]float64
}

func (t firstFrameTimes) median() float64 { return median(t.frames) }

// medianStages is the median time of each start-up stage.
func (t firstFrameTimes) medianStages() map[string]float64 {
	m := map[string]float64{}
	for name, at := range t.stages {
		m[name] = median(at)
	}
	return m
}

// firstFrames loads each page loads times in fresh tabs with the browser
// cache disabled (a first visit: the build's files are cached immutable,
// so a cached reload says nothing) and reads the page's own
// performance.now() at its first drawn frame: milliseconds from
// navigation. The pages take turns, load by load, so that a machine
// busier for a while slows them all alike: timed one page after the
// other, the ratio moved by a quarter between runs.
func firstFrames(browser context.Context, pages []firstFramePage, loads int) []firstFrameTimes {
	times := make([]firstFrameTimes, len(pages))
	for i := range times {
		times[i].stages = map[string][]float64{}
	}
	for load := range loads {
		// Each load starts with the next page, so none always follows
		// the same one (a tab's teardown can still cost the next load).
		for k := range pages {
			i := (load + k) % len(pages)
			ms, files, marks := loadOnce(browser, pages[i])
			// The next load starts once this tab's teardown (its GPU
			// context, its program's memory) has had time to settle.
			time.Sleep(300 * time.Millisecond)
			times[i].frames = append(times[i].frames, ms)
			times[i].files = files
			for name, at := range marks {
				times[i].stages[name] = append(times[i].stages[name], at)
			}
		}
	}
	return times
}

// loadOnce loads a page once in a fresh tab (see firstFrames).
func loadOnce(browser context.Context, pg firstFramePage) (ms float64, files []wireFile, marks map[string]float64) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 2*time.Minute)
	defer cancelT()
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	if err == nil {
		_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	}
	if err == nil {
		err = chromedp.Do(ctx,
			chromedp.Navigate(pg.url),
			chromedp.Poll[chromedp.Void](pg.ready, chromedp.WithPollingInterval(10*time.Millisecond)))
	}
	if err == nil {
		ms, err = chromedp.Run(ctx, chromedp.Evaluate[float64](pg.read))
	}
	if err == nil {
		files, err = chromedp.Run(ctx, chromedp.Evaluate[[]wireFile](wireScript))
	}
	if err == nil {
		marks, err = chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](stagesScript))
	}
	if err != nil {
		log.Fatalf("bench: loading %s: %v", pg.url, err)
	}
	return ms, files, marks
}

// frameTimes reads the page's Go time per frame while training and while
// paused.
func frameTimes(browser context.Context, url string, frames int) (training, paused float64) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 5*time.Minute)
	defer cancelT()
	measure := func() float64 {
		start, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.playground.status().ticks`))
		if err == nil {
			err = chromedp.Do(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.playground.status().ticks >= %v`, start+float64(frames)),
				chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(4*time.Minute)))
		}
		var ms float64
		if err == nil {
			ms, err = chromedp.Run(ctx, chromedp.Evaluate[float64](`window.playground.status().goMsPerFrame`))
		}
		if err != nil {
			log.Fatalf("bench: frame times: %v", err)
		}
		return ms
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url),
		chromedp.Poll[chromedp.Void](`window.playground && window.playground.status().frames > 0 && window.playground.status().panel`)); err != nil {
		log.Fatalf("bench: %v", err)
	}
	training = measure()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.playground.pause()`)); err != nil {
		log.Fatal(err)
	}
	paused = measure()
	return training, paused
}

func median(v []float64) float64 { return quantile(v, 0.5) }

// quantile is the value below which the fraction q of v lies (the
// nearest sample, no interpolation).
func quantile(v []float64, q float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1)+0.5)]
}
