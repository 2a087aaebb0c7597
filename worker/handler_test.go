package worker

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"index.html":                  {Data: []byte("<!doctype html><title>page</title>")},
		"build/app.wasm":              {Data: []byte("\x00asm wasm bytes")},
		"build/app.wasm.gz":           {Data: gzipped("\x00asm wasm bytes")},
		"build/app.wasm.br":           {Data: []byte("brotli of the wasm bytes")},
		"assets/style.css":            {Data: []byte("body{}")},
		"secret.txt":                  {Data: []byte("not served")},
		"wasm/main.go":                {Data: []byte("package main")},
		"assets/sub/x.json":           {Data: []byte(`{"a":1}`)},
		"build/dir/keep.txt":          {Data: []byte("x")},
		"assets/assets.go":            {Data: []byte("package assets // not served")},
		"assets/testdata/fuzz/x.json": {Data: []byte(`"not served"`)},
	}
}

func gzipped(s string) []byte {
	var b strings.Builder
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return []byte(b.String())
}

func get(t *testing.T, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://localhost"+target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestServesThePageAndItsFiles(t *testing.T) {
	h := NewHandler(testFS())
	for _, tc := range []struct{ path, ctype, body string }{
		{"/", "text/html; charset=utf-8", "<!doctype html>"},
		{"/index.html", "text/html; charset=utf-8", "<!doctype html>"},
		{"/build/app.wasm", "application/wasm", "\x00asm"},
		{"/assets/style.css", "text/css; charset=utf-8", "body{}"},
		{"/assets/sub/x.json", "application/json", `{"a":1}`},
	} {
		rec := get(t, h, http.MethodGet, tc.path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", tc.path, rec.Code)
			continue
		}
		if got := rec.Header().Get("Content-Type"); got != tc.ctype {
			t.Errorf("%s: content type %q, want %q", tc.path, got, tc.ctype)
		}
		if !strings.HasPrefix(rec.Body.String(), tc.body) {
			t.Errorf("%s: body %q", tc.path, rec.Body.String())
		}
		for _, hdr := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "ETag", "Cache-Control"} {
			if rec.Header().Get(hdr) == "" {
				t.Errorf("%s: no %s header", tc.path, hdr)
			}
		}
	}
}

func TestGzipAndRevalidation(t *testing.T) {
	h := NewHandler(testFS())
	rec := get(t, h, http.MethodGet, "/build/app.wasm", http.Header{"Accept-Encoding": {"deflate, gzip"}})
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip for a client that accepts it: %v", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if string(body) != "\x00asm wasm bytes" {
		t.Fatalf("gunzipped body %q", body)
	}
	if rec.Header().Get("Content-Type") != "application/wasm" {
		t.Fatalf("compressed wasm content type %q", rec.Header().Get("Content-Type"))
	}
	plain := get(t, h, http.MethodGet, "/build/app.wasm", http.Header{"Accept-Encoding": {"gzip;q=0"}})
	if plain.Header().Get("Content-Encoding") != "" || plain.Body.String() != "\x00asm wasm bytes" {
		t.Fatalf("gzip sent to a client that refused it")
	}
	etag := plain.Header().Get("ETag")
	again := get(t, h, http.MethodGet, "/build/app.wasm", http.Header{"If-None-Match": {etag}})
	if again.Code != http.StatusNotModified {
		t.Fatalf("revalidation with the ETag: status %d", again.Code)
	}
}

func TestRefusesWhatIsNotThePage(t *testing.T) {
	h := NewHandler(testFS())
	for _, path := range []string{
		"/secret.txt", "/wasm/main.go", "/build/", "/build", "/assets/", "/build/dir",
		"/build/../secret.txt", "/assets/..%2fsecret.txt", "/assets/%2e%2e/secret.txt",
		"//secret.txt", "/assets//style.css", "/assets/./style.css", "/build/missing.wasm",
		"/" + strings.Repeat("a", 300), "/assets/style.css%00", "/assets/assets.go",
		"/assets/testdata/fuzz/x.json", "/build/dir/keep.txt",
		"/build/app.wasm.gz", "/build/app.wasm.br", "/build/manifest.json",
	} {
		rec := get(t, h, http.MethodGet, path, nil)
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, rec.Code)
			continue
		}
		var body struct {
			Error  string `json:"error"`
			Status int    `json:"status"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Status != 404 || body.Error == "" {
			t.Errorf("%s: body %q is not a JSON error", path, rec.Body.String())
		}
		if strings.Contains(rec.Body.String(), "not served") {
			t.Errorf("%s: leaked a file outside the served folders", path)
		}
	}
}

func TestMethods(t *testing.T) {
	h := NewHandler(testFS())
	if rec := get(t, h, http.MethodHead, "/", nil); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD /: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, "PATCH"} {
		rec := get(t, h, m, "/", nil)
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") == "" {
			t.Errorf("%s /: status %d, Allow %q", m, rec.Code, rec.Header().Get("Allow"))
		}
		if !strings.Contains(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s /: error is not JSON", m)
		}
	}
}

func TestAssetsAreOpenToOtherSites(t *testing.T) {
	h := NewHandler(testFS())
	if got := get(t, h, http.MethodGet, "/assets/sub/x.json", nil).Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("/assets/sub/x.json: Access-Control-Allow-Origin %q", got)
	}
	if got := get(t, h, http.MethodGet, "/", nil).Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("/: Access-Control-Allow-Origin %q; only data is shared", got)
	}
}

// TestStaticHeadersFileStatesThePageHeaders: Cloudflare's static files get
// the headers `make run` sends.
func TestStaticHeadersFileStatesThePageHeaders(t *testing.T) {
	file := StaticHeadersFile()
	rec := get(t, NewHandler(testFS()), http.MethodGet, "/", nil)
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		line := "  " + k + ": " + rec.Header().Get(k) + "\n"
		if !strings.Contains(file, line) {
			t.Errorf("_headers lacks %q", line)
		}
	}
	if !strings.Contains(file, "/assets/*\n  Access-Control-Allow-Origin: *\n") {
		t.Errorf("_headers does not open /assets/* to other sites:\n%s", file)
	}
	if !strings.Contains(file, "/build/*\n  Cache-Control: "+ImmutableCacheControl+"\n") {
		t.Errorf("_headers does not cache the content-named /build/* immutable:\n%s", file)
	}
}

// TestBrotliFirst: a client that takes brotli gets the build's brotli
// copy, with the headers that say so; one that refuses it gets gzip.
func TestBrotliFirst(t *testing.T) {
	h := NewHandler(testFS())
	rec := get(t, h, http.MethodGet, "/build/app.wasm", http.Header{"Accept-Encoding": {"gzip, deflate, br, zstd"}})
	if rec.Header().Get("Content-Encoding") != "br" || rec.Body.String() != "brotli of the wasm bytes" {
		t.Fatalf("Content-Encoding %q, body %q: want the brotli copy", rec.Header().Get("Content-Encoding"), rec.Body.String())
	}
	if rec.Header().Get("Content-Type") != "application/wasm" || rec.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("brotli answer's headers %v", rec.Header())
	}
	gz := get(t, h, http.MethodGet, "/build/app.wasm", http.Header{"Accept-Encoding": {"br;q=0, gzip"}})
	if gz.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("br;q=0: Content-Encoding %q, want gzip", gz.Header().Get("Content-Encoding"))
	}
	if rec.Header().Get("ETag") == gz.Header().Get("ETag") {
		t.Error("the brotli and gzip answers share an ETag")
	}
}

func TestAcceptsGzipReadsQualities(t *testing.T) {
	for header, want := range map[string]bool{
		"":                   false,
		"gzip":               true,
		"gzip;q=0.5":         true,
		"gzip; q=0.8, br":    true,
		"GZIP;Q=1.0":         true,
		"gzip;q=0":           false,
		"gzip;q=0.000":       false,
		"gzip;q=bogus":       false,
		"*":                  true,
		"*;q=0":              false,
		"gzip;q=0, *":        false,
		"br, deflate":        false,
		"identity, *;q=0.1":  true,
		"deflate;q=0.5, gzi": false,
	} {
		r := httptest.NewRequest(http.MethodGet, "/build/app.wasm", nil)
		r.Header.Set("Accept-Encoding", header)
		if got := accepts(r, "gzip"); got != want {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", header, got, want)
		}
	}
}
