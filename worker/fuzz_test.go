package worker

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzHandler sends arbitrary paths and queries: the handler never
// panics, answers only with the statuses it documents, makes every error
// a JSON body, and never answers with a file outside the served ones.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{"/api/papers", "/api/papers/tiny-kan", "/api/presets/circle", "/api/presets/..",
		"/api/papers?tag=kan", "/api/papers?tag=kan&tag=x", "/api/papers?%zz", "/", "/secret.json", "/assets/style.css",
		"/api/presets/index", "/api//papers", "/api/papers/" + strings.Repeat("a", 70),
		"/oembed?url=http%3A%2F%2Flocalhost%2F%23v%3D2", "/oembed?url=http://localhost/&format=xml", "/oembed?url=%zz",
		"/oembed?url=http%3A%2F%2Flocalhost%2F&maxwidth=1e3", "/oembed/", "/oembed?url=javascript:alert(1)"} {
		f.Add("GET", s)
	}
	f.Add("POST", "/api/papers")
	f.Add("OPTIONS", "/api/presets")
	h := newHandler(testFS(), apiFS())
	f.Fuzz(func(t *testing.T, method, target string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n") {
			method = "GET"
		}
		p, q, _ := strings.Cut(target, "?")
		req := &http.Request{Method: method, URL: &url.URL{Path: p, RawQuery: q}, Header: http.Header{}, Host: "localhost"}
		req = req.WithContext(t.Context())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 204, 304, 400, 404, 405, 501:
		default:
			t.Fatalf("%s %q: status %d", method, target, rec.Code)
		}
		if rec.Code >= 400 {
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("%s %q: error body %q", method, target, rec.Body)
			}
		}
		if strings.Contains(rec.Body.String(), "not served") {
			t.Fatalf("%s %q: served a file outside the public ones", method, target)
		}
	})
}
