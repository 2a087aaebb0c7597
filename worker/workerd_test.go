//go:build workerd

package worker

// The Worker in the real runtime: `make test-worker` builds it (dist/),
// then this test starts `wrangler dev` (workerd) on loopback, requests
// every route, times a Go route and a static file, and stops every
// process it started.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"playground/assets"
	"playground/assets/catalog"
	"playground/embedmode"
	"playground/experiment"
	"playground/worker/wranglerdev"
)

// wranglerDev is one `wrangler dev` running for a test
// (worker/wranglerdev, which stops it when the test ends).
type wranglerDev struct{ *wranglerdev.Server }

func startWranglerDev(t *testing.T) *wranglerDev {
	t.Helper()
	return &wranglerDev{wranglerdev.Start(t, ".")}
}

func (d *wranglerDev) request(t *testing.T, method, path string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, d.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp, body
}

func TestWorkerUnderWorkerd(t *testing.T) {
	d := startWranglerDev(t)
	papers, presets := embeddedCatalogs(t)

	t.Run("static files", func(t *testing.T) {
		manifest, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(BuildManifest)))
		if err != nil {
			t.Fatal(err)
		}
		names, err := ParseManifest(manifest)
		if err != nil {
			t.Fatal(err)
		}
		static := []string{"/", "/" + names["build/app.wasm"], "/" + names["build/wasm_exec.js"], "/" + names["build/loader.js"],
			"/" + names["build/kernels/"] + "instantiate.js", "/assets/style.css", "/assets/papers.json", "/assets/presets/index.json"}
		for _, p := range presets.Presets {
			static = append(static, "/assets/presets/"+p.ID+".json")
		}
		for _, path := range static {
			resp, body := d.request(t, "GET", path, nil)
			if resp.StatusCode != http.StatusOK || len(body) == 0 {
				t.Errorf("%s: %d with %d bytes", path, resp.StatusCode, len(body))
				continue
			}
			// From _headers: the page's security headers on every file.
			for k, v := range map[string]string{"Content-Security-Policy": pageCSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": referrerPolicy} {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: %s %q, want %q (is _headers honoured?)", path, k, got, v)
				}
			}
			etag := resp.Header.Get("ETag")
			if IsContentNamed(path[1:]) != (resp.Header.Get("Cache-Control") == ImmutableCacheControl) {
				t.Errorf("%s: Cache-Control %q (immutable only for content names)", path, resp.Header.Get("Cache-Control"))
			}
			if etag == "" || resp.Header.Get("Cache-Control") == "" {
				t.Errorf("%s: ETag %q, Cache-Control %q", path, etag, resp.Header.Get("Cache-Control"))
				continue
			}
			if again, _ := d.request(t, "GET", path, http.Header{"If-None-Match": {etag}}); again.StatusCode != http.StatusNotModified {
				t.Errorf("%s: revalidation gave %d, want 304", path, again.StatusCode)
			}
			cors := resp.Header.Get("Access-Control-Allow-Origin")
			if strings.HasPrefix(path, "/assets/") != (cors == "*") {
				t.Errorf("%s: Access-Control-Allow-Origin %q", path, cors)
			}
		}
		_, body := d.request(t, "GET", "/assets/papers.json", nil)
		if _, err := catalog.DecodePapers(body); err != nil {
			t.Errorf("/assets/papers.json as served: %v", err)
		}
	})

	t.Run("go routes", func(t *testing.T) {
		for _, path := range []string{"/api/papers", "/api/papers?tag=" + papers.Papers[0].Tags[0],
			"/api/papers/" + papers.Papers[0].ID, "/api/presets", "/api/presets/" + presets.Presets[0].ID} {
			resp, body := d.request(t, "GET", path, nil)
			if resp.StatusCode != http.StatusOK || !json.Valid(body) {
				t.Errorf("%s: %d %q", path, resp.StatusCode, body)
				continue
			}
			for k, v := range map[string]string{"Content-Security-Policy": apiCSP, "Access-Control-Allow-Origin": "*",
				"Content-Type": "application/json; charset=utf-8", "Cache-Control": apiCacheControl} {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: %s %q, want %q", path, k, got, v)
				}
			}
			if again, _ := d.request(t, "GET", path, http.Header{"If-None-Match": {resp.Header.Get("ETag")}}); again.StatusCode != http.StatusNotModified {
				t.Errorf("%s: revalidation gave %d, want 304", path, again.StatusCode)
			}
		}
		var tagged catalog.Papers
		_, body := d.request(t, "GET", "/api/papers?tag="+papers.Papers[0].Tags[0], nil)
		if err := json.Unmarshal(body, &tagged); err != nil || len(tagged.Papers) == 0 || len(tagged.Papers) > len(papers.Papers) {
			t.Errorf("filtered by tag: %v, %d papers", err, len(tagged.Papers))
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			method, path string
			status       int
		}{
			{"GET", "/api/papers/no-such-paper", 404},
			{"GET", "/api/presets/no-such-preset", 404},
			{"GET", "/api/papers/" + strings.Repeat("a", 65), 400},
			{"GET", "/api/papers/Bad_Id", 400},
			{"GET", "/api/presets/%2e%2e%2fpapers", 404},
			{"GET", "/api/papers?tag=Not%20A%20Tag", 400},
			{"GET", "/api/papers?tag=kan&tag=kan", 400},
			{"GET", "/api/papers?other=1", 400},
			{"POST", "/api/papers", 405},
			{"PUT", "/api/presets", 405},
			{"GET", "/api/nothing", 404},
			{"GET", "/no-such-file", 404},
			{"GET", "/build/app.wasm", 404}, // deployed under its content name only
			{"GET", "/build/manifest.json", 404},
			{"GET", "/_headers", 404},
			{"GET", "/assets/assets.go", 404},
		} {
			resp, body := d.request(t, tc.method, tc.path, nil)
			var e struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			if resp.StatusCode != tc.status || json.Unmarshal(body, &e) != nil || e.Error == "" {
				t.Errorf("%s %s: %d %q, want a JSON error with %d", tc.method, tc.path, resp.StatusCode, body, tc.status)
			}
			if tc.status == 405 && resp.Header.Get("Allow") == "" {
				t.Errorf("%s %s: 405 without Allow", tc.method, tc.path)
			}
		}
	})

	t.Run("oembed", func(t *testing.T) { testOEmbedUnderWorkerd(t, d) })

	// /compare is no static file either: the Go Worker writes the page.
	t.Run("compare", func(t *testing.T) {
		for path, want := range map[string]int{
			embedmode.CompareLink([]string{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays"}): 200,
			embedmode.CompareLink([]string{"interval-no-delays"}):                                                     400,
		} {
			resp, body := d.request(t, "GET", path, nil)
			frames := strings.Count(string(body), "<iframe")
			if resp.StatusCode != want || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
				resp.Header.Get("Content-Security-Policy") != pageCSP || (want == 200) != (frames == 3) {
				t.Errorf("%s: %d %s with %d iframes, want %d: %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), frames, want, truncate(string(body), 300))
			}
		}
	})

	t.Run("timings", func(t *testing.T) {
		goRoute := "/api/papers/" + papers.Papers[0].ID
		oembed := "/oembed?url=" + url.QueryEscape(d.URL+"/#"+experiment.EncodeHash(experiment.Default()))
		compare := embedmode.CompareLink([]string{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays"})
		for _, path := range []string{goRoute, oembed, compare, "/assets/papers.json", "/"} {
			t.Logf("wrangler dev, %s: %s", truncate(path, 40), d.timeRequests(t, path, 30))
		}
	})
}

// timeRequests times n sequential GETs after one warm-up.
func (d *wranglerDev) timeRequests(t *testing.T, path string, n int) string {
	d.request(t, "GET", path, nil)
	times := make([]time.Duration, n)
	for i := range times {
		start := time.Now()
		resp, _ := d.request(t, "GET", path, nil)
		times[i] = time.Since(start)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
	slices.Sort(times)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("median %s, p90 %s, min %s over %d requests", ms(times[n/2]), ms(times[n*9/10]), ms(times[0]), n)
}

func embeddedCatalogs(t *testing.T) (catalog.Papers, catalog.Presets) {
	t.Helper()
	papers, presets, err := assets.ReadCatalogs(assets.Files)
	if err != nil {
		t.Fatal(err)
	}
	return papers, presets
}
