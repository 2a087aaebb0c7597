package worker

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Text files and JSON answers go out gzipped to clients that take it,
// with their own validators; small ones and other clients get them plain.
func TestTextIsGzippedOnTheFly(t *testing.T) {
	css := strings.Repeat("body { color: #e6eaef; }\n", 100)
	fsys := testFS()
	fsys["assets/style.css"] = &fstest.MapFile{Data: []byte(css)}
	h := NewHandler(fsys)
	gz := http.Header{"Accept-Encoding": {"gzip, br"}}

	rec := get(t, h, http.MethodGet, "/assets/style.css", gz)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" || !strings.HasSuffix(rec.Header().Get("ETag"), `-gz"`) {
		t.Fatalf("CSS: status %d, encoding %q, ETag %q", rec.Code, rec.Header().Get("Content-Encoding"), rec.Header().Get("ETag"))
	}
	if got := string(gunzip(t, rec.Body.Bytes())); got != css {
		t.Error("the gzipped CSS does not unpack to the file")
	}
	t.Logf("CSS: %d bytes plain, %d gzipped", len(css), rec.Body.Len())
	again := get(t, h, http.MethodGet, "/assets/style.css", http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {rec.Header().Get("ETag")}})
	if again.Code != http.StatusNotModified {
		t.Errorf("revalidating the gzip form: status %d", again.Code)
	}
	plain := get(t, h, http.MethodGet, "/assets/style.css", nil)
	if plain.Header().Get("Content-Encoding") != "" || plain.Body.String() != css {
		t.Error("a client without gzip did not get the plain file")
	}
	small := get(t, h, http.MethodGet, "/assets/sub/x.json", gz)
	if small.Header().Get("Content-Encoding") != "" {
		t.Error("a tiny file was gzipped")
	}

	api := get(t, NewHandler(nil), http.MethodGet, "/api/papers", gz) // the embedded catalogs
	if api.Code != http.StatusOK || api.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("/api/papers: status %d, encoding %q", api.Code, api.Header().Get("Content-Encoding"))
	}
	body := gunzip(t, api.Body.Bytes())
	t.Logf("/api/papers: %d bytes of JSON sent as %d", len(body), api.Body.Len())
	if !bytes.HasPrefix(body, []byte("{")) && !bytes.HasPrefix(body, []byte("[")) {
		t.Errorf("/api/papers unpacks to %.40q", body)
	}
}
