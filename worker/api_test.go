package worker

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"playground/assets/catalog"
)

// apiFS is a small catalog: two papers, two presets, and a file outside
// presets/ that no route may reach.
func apiFS() fstest.MapFS {
	return fstest.MapFS{
		"papers.json": {Data: []byte(`{"version": 1, "papers": [
  {"id": "tiny-kan", "title": "A tiny KAN", "date": "2024-04-30", "authors": 3,
   "tags": ["kan", "interpretability"], "summary": "Splines on edges.", "demo": "preset", "presets": ["kan-demo"]},
  {"id": "big-llm", "title": "A big model", "date": "2025-01-02", "authors": 120,
   "tags": ["language-model"], "summary": "Too big for a tab.", "demo": "none", "presets": [],
   "reason": "Needs billions of parameters."}]}`)},
		"presets/index.json": {Data: []byte(`{"version": 1, "presets": [
  {"id": "circle", "title": "Two circles", "summary": "The default.", "group": "classic", "papers": []},
  {"id": "kan-demo", "title": "KAN", "summary": "Splines.", "group": "paper", "papers": ["tiny-kan"]}]}`)},
		"presets/circle.json":   {Data: []byte(`{"version": 1, "marker": "circle"}`)},
		"presets/kan-demo.json": {Data: []byte(`{"version": 1, "marker": "kan"}`)},
		"secret.json":           {Data: []byte(`{"secret": "not served"}`)},
	}
}

func apiHandler() *Handler { return newHandler(testFS(), apiFS()) }

// decodeOK checks a 200 JSON answer with the API's headers and decodes it.
func decodeOK(t *testing.T, h http.Handler, target string, v any) http.Header {
	t.Helper()
	rec := get(t, h, http.MethodGet, target, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
	}
	checkAPIHeaders(t, target, rec.Header())
	for _, hdr := range []string{"ETag", "Cache-Control"} {
		if rec.Header().Get(hdr) == "" {
			t.Errorf("%s: no %s", target, hdr)
		}
	}
	dec := json.NewDecoder(rec.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v in %s", target, err, rec.Body)
	}
	return rec.Header()
}

func checkAPIHeaders(t *testing.T, target string, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Type":                "application/json; charset=utf-8",
		"Access-Control-Allow-Origin": "*",
		"X-Content-Type-Options":      "nosniff",
		"Referrer-Policy":             referrerPolicy,
		"Content-Security-Policy":     apiCSP,
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s is %q, want %q", target, k, got, v)
		}
	}
}

func TestAPIRoutes(t *testing.T) {
	h := apiHandler()
	var all catalog.Papers
	decodeOK(t, h, "/api/papers", &all)
	if len(all.Papers) != 2 || all.Version != 1 {
		t.Errorf("/api/papers: %+v", all)
	}
	var kan catalog.Papers
	decodeOK(t, h, "/api/papers?tag=kan", &kan)
	if len(kan.Papers) != 1 || kan.Papers[0].ID != "tiny-kan" {
		t.Errorf("?tag=kan: %+v", kan)
	}
	var none catalog.Papers
	decodeOK(t, h, "/api/papers?tag=vision", &none)
	if none.Papers == nil || len(none.Papers) != 0 {
		t.Errorf("?tag=vision: %+v, want an empty list", none)
	}
	var paper catalog.Paper
	decodeOK(t, h, "/api/papers/big-llm", &paper)
	if paper.ID != "big-llm" || paper.Reason == "" || paper.Presets == nil {
		t.Errorf("/api/papers/big-llm: %+v", paper)
	}
	var index catalog.Presets
	decodeOK(t, h, "/api/presets", &index)
	if len(index.Presets) != 2 {
		t.Errorf("/api/presets: %+v", index)
	}
	var preset struct {
		catalog.Preset
		Experiment struct {
			Version int    `json:"version"`
			Marker  string `json:"marker"`
		} `json:"experiment"`
	}
	decodeOK(t, h, "/api/presets/kan-demo", &preset)
	if preset.Title != "KAN" || preset.Experiment.Marker != "kan" || preset.Papers[0] != "tiny-kan" {
		t.Errorf("/api/presets/kan-demo: %+v", preset)
	}
}

func TestAPIRevalidatesAndAnswersHEAD(t *testing.T) {
	h := apiHandler()
	first := get(t, h, http.MethodGet, "/api/papers/tiny-kan", nil)
	again := get(t, h, http.MethodGet, "/api/papers/tiny-kan", http.Header{"If-None-Match": {first.Header().Get("ETag")}})
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("revalidation: %d with %d bytes", again.Code, again.Body.Len())
	}
	head := get(t, h, http.MethodHead, "/api/presets", nil)
	if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") == "" {
		t.Errorf("HEAD: %d with %d bytes", head.Code, head.Body.Len())
	}
	pre := get(t, h, http.MethodOptions, "/api/papers", nil)
	if pre.Code != http.StatusNoContent || !strings.Contains(pre.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", pre.Code, pre.Header())
	}
}

// TestAPIRefusesBadRequests: every bad request is a JSON error with the
// right status, and nothing outside the catalogs is ever answered.
func TestAPIRefusesBadRequests(t *testing.T) {
	h := apiHandler()
	long := strings.Repeat("a", catalog.MaxIDLen+1)
	for _, tc := range []struct {
		method, target string
		status         int
	}{
		{"GET", "/api/papers/no-such-paper", 404},
		{"GET", "/api/presets/no-such-preset", 404},
		{"GET", "/api/presets/index", 404},
		{"GET", "/api/papers/" + long, 400},
		{"GET", "/api/presets/" + long, 400},
		{"GET", "/api/papers/" + strings.Repeat("a", 300), 400},
		{"GET", "/api/papers/Tiny-KAN", 400},
		{"GET", "/api/papers/tiny_kan", 400},
		{"GET", "/api/papers/tiny-kan.json", 400},
		{"GET", "/api/presets/%2e%2e", 404},
		{"GET", "/api/presets/..%2fsecret", 404},
		{"GET", "/api/presets/%2e%2e%2f%2e%2e%2fsecret", 404},
		{"GET", "/api/presets/../../secret.json", 404},
		{"GET", "/api/presets/a%2fb", 404},
		{"GET", "/api/presets/%00", 400},
		{"GET", "/api/papers/", 404},
		{"GET", "/api/papers//tiny-kan", 404},
		{"GET", "/api/", 404},
		{"GET", "/api", 404},
		{"GET", "/api/secret", 404},
		{"GET", "/api/papers/tiny-kan/extra", 404},
		{"GET", "/api/papers?tag=", 400},
		{"GET", "/api/papers?tag=Kan", 400},
		{"GET", "/api/papers?tag=a%20b", 400},
		{"GET", "/api/papers?tag=" + strings.Repeat("a", catalog.MaxTagLen+1), 400},
		{"GET", "/api/papers?tag=kan&tag=kan", 400},
		{"GET", "/api/papers?tags=kan", 400},
		{"GET", "/api/papers?tag", 400},
		{"GET", "/api/papers?tag=%zz", 400},
		{"GET", "/api/papers?=kan", 400},
		{"GET", "/api/papers?tag=kan&" + strings.Repeat("x=1&", 40), 400},
		{"GET", "/api/papers/tiny-kan?tag=kan", 400},
		{"GET", "/api/presets?tag=kan", 400},
		{"GET", "/api/presets/circle?x=1", 400},
		{"POST", "/api/papers", 405},
		{"PUT", "/api/presets/circle", 405},
		{"DELETE", "/api/papers/tiny-kan", 405},
		{"PATCH", "/api/nothing", 405},
	} {
		rec := get(t, h, tc.method, tc.target, nil)
		if rec.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d (%s)", tc.method, tc.target, rec.Code, tc.status, rec.Body)
			continue
		}
		checkAPIHeaders(t, tc.target, rec.Header())
		var body struct {
			Error  string `json:"error"`
			Status int    `json:"status"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == "" || body.Status != tc.status {
			t.Errorf("%s %s: %q is not a JSON error", tc.method, tc.target, rec.Body)
		}
		if tc.status == 405 && rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", tc.method, tc.target)
		}
		if strings.Contains(rec.Body.String(), "not served") {
			t.Errorf("%s %s: leaked a file outside the catalogs", tc.method, tc.target)
		}
	}
}

// TestAPIServesTheEmbeddedCatalogs: the real handler, as on Cloudflare
// (no static files), answers from the catalogs in package assets.
func TestAPIServesTheEmbeddedCatalogs(t *testing.T) {
	h := NewHandler(nil)
	var papers catalog.Papers
	decodeOK(t, h, "/api/papers", &papers)
	if len(papers.Papers) == 0 {
		t.Fatal("no papers")
	}
	var one catalog.Paper
	decodeOK(t, h, "/api/papers/"+papers.Papers[0].ID, &one)
	var index catalog.Presets
	decodeOK(t, h, "/api/presets", &index)
	for _, p := range index.Presets {
		var answer map[string]json.RawMessage
		decodeOK(t, h, "/api/presets/"+p.ID, &answer)
		if len(answer["experiment"]) == 0 {
			t.Errorf("/api/presets/%s: no experiment", p.ID)
		}
	}
	if rec := get(t, h, http.MethodGet, "/", nil); rec.Code != http.StatusNotFound {
		t.Errorf("without a root, / is %d, want 404 (the assets binding serves the page)", rec.Code)
	}
}

// Details a reviewer found: a path that names no route is a 404 whatever
// its query or method, a Range header does not cut a JSON answer, and a
// revalidation with the answer's ETag gets 304 with no body.
func TestAPIRouteBeforeQueryAndWholeAnswers(t *testing.T) {
	h := apiHandler()
	for _, c := range []struct {
		method, target string
		want           int
	}{
		{http.MethodGet, "/api/nothing?x", http.StatusNotFound},
		{http.MethodGet, "/api/nothing?tag=kan", http.StatusNotFound},
		{http.MethodOptions, "/api/nothing", http.StatusNotFound},
		{http.MethodOptions, "/api/papers", http.StatusNoContent},
		{http.MethodGet, "/api/papers?x", http.StatusBadRequest},
	} {
		if rec := get(t, h, c.method, c.target, nil); rec.Code != c.want {
			t.Errorf("%s %s: status %d, want %d: %s", c.method, c.target, rec.Code, c.want, rec.Body)
		}
	}

	whole := get(t, h, http.MethodGet, "/api/papers", nil)
	ranged := get(t, h, http.MethodGet, "/api/papers", http.Header{"Range": {"bytes=0-9"}})
	if ranged.Code != http.StatusOK || ranged.Body.String() != whole.Body.String() {
		t.Errorf("with Range: status %d, %d bytes; want 200 and the whole %d bytes", ranged.Code, ranged.Body.Len(), whole.Body.Len())
	}
	etag := whole.Header().Get("ETag")
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		if rec := get(t, h, http.MethodGet, "/api/papers", http.Header{"If-None-Match": {inm}}); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: status %d, %d bytes; want 304 and none", inm, rec.Code, rec.Body.Len())
		}
	}
	if rec := get(t, h, http.MethodGet, "/api/papers", http.Header{"If-None-Match": {`"other"`}}); rec.Code != http.StatusOK {
		t.Errorf("a stale ETag: status %d, want 200", rec.Code)
	}
	head := get(t, h, http.MethodHead, "/api/papers", nil)
	if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("Content-Length") != strconv.Itoa(whole.Body.Len()) {
		t.Errorf("HEAD: status %d, %d bytes, Content-Length %q", head.Code, head.Body.Len(), head.Header().Get("Content-Length"))
	}
}
