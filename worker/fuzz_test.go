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
// a JSON body (on /compare, an HTML page saying why), and never answers
// with a file outside the served ones.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{"/api/papers", "/api/papers/tiny-kan", "/api/presets/circle", "/api/presets/..",
		"/api/papers?tag=kan", "/api/papers?tag=kan&tag=x", "/api/papers?%zz", "/", "/secret.json", "/assets/style.css",
		"/api/presets/index", "/api//papers", "/api/papers/" + strings.Repeat("a", 70),
		"/oembed?url=http%3A%2F%2Flocalhost%2F%23v%3D2", "/oembed?url=http://localhost/&format=xml", "/oembed?url=%zz",
		"/oembed?url=http%3A%2F%2Flocalhost%2F&maxwidth=1e3", "/oembed/", "/oembed?url=javascript:alert(1)",
		"/compare?presets=circle,spiral", "/compare?presets=circle,circle", "/compare", "/compare?presets=a,b,c,d,e",
		"/compare?presets=circle,%3Cscript%3E", "/compare?presets=circle,spiral&presets=xor-hidden"} {
		f.Add("GET", s)
	}
	f.Add("POST", "/api/papers")
	f.Add("OPTIONS", "/api/presets")
	h := newHandler(testFS(), apiFS())
	// The comparison reads the real presets: the fixture's are markers,
	// not experiments.
	compare := NewHandler(nil)
	f.Fuzz(func(t *testing.T, method, target string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n") {
			method = "GET"
		}
		p, q, _ := strings.Cut(target, "?")
		req := &http.Request{Method: method, URL: &url.URL{Path: p, RawQuery: q}, Header: http.Header{}, Host: "localhost"}
		req = req.WithContext(t.Context())
		rec := httptest.NewRecorder()
		if p == comparePath {
			compare.ServeHTTP(rec, req)
			checkComparePage(t, method, target, rec)
			return
		}
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

// checkComparePage: a /compare answer is an HTML page, of embeds or of
// the reason it cannot be shown, with nothing of the query unescaped.
func checkComparePage(t *testing.T, method, target string, rec *httptest.ResponseRecorder) {
	body := rec.Body.String()
	switch {
	case rec.Code != 200 && rec.Code != 400 && rec.Code != 405:
		t.Fatalf("%s %q: status %d", method, target, rec.Code)
	case rec.Header().Get("Content-Type") != "text/html; charset=utf-8":
		t.Fatalf("%s %q: content type %q", method, target, rec.Header().Get("Content-Type"))
	case rec.Code == 200 && !strings.Contains(body, "<iframe"):
		t.Fatalf("%s %q: a comparison without embeds: %s", method, target, body)
	case rec.Code != 200 && !strings.Contains(body, "Cannot show this comparison"):
		t.Fatalf("%s %q: an error page without its reason: %s", method, target, body)
	case strings.Contains(body, "<script"):
		t.Fatalf("%s %q: a script in the page: %s", method, target, body)
	}
}
