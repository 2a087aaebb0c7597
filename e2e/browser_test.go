//go:build browser

package e2e

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playground/worker"
)

// repoRoot is the folder holding index.html, build/ and assets/.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(worker.BuildManifest))); err != nil {
		t.Fatalf("%s is missing: run `make build` first (%v)", worker.BuildManifest, err)
	}
	return root
}

// startServer serves the playground with the same handler as `make run`.
func startServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(worker.NewHandler(os.DirFS(repoRoot(t))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// chromiumPath finds Debian's chromium (scripts/ensure-package.sh chromium installs it).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is not installed: run scripts/ensure-package.sh chromium")
	return ""
}

// newBrowser starts headless Chromium with the flags these machines need:
// software WebGL for Ebiten, no sandbox as root, no background networking
// (the network here is closed).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// Start the browser now, so its start-up is not charged to a test step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// newTab opens a fresh tab in the browser of parent. It attaches the tab
// with a call on the tab's own context: the context of a tab's first
// call owns the tab, so a first call under a timeout would close the tab
// when that timeout's context ends.
func newTab(t *testing.T, parent context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// withTimeout bounds a browser step: the only clock in these tests is a
// guard against hanging, never a measure of speed.
func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// shotDir is where screenshots go (git-ignored); look at them.
func shotDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "out", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	screenshotImage(t, ctx, name)
}

// screenshotImage saves a screenshot and returns it decoded, for tests
// that check pixels.
func screenshotImage(t *testing.T, ctx context.Context, name string) image.Image {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(shotDir(t), name+".png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	return img
}
