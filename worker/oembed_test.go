package worker

import (
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"playground/assets"
	"playground/experiment"
)

// oembedRequest asks h for the embed of link (escaped as a consumer
// does), with the extra parameters given raw.
func oembedRequest(t *testing.T, h http.Handler, method, origin, link, extra string) *httptest.ResponseRecorder {
	t.Helper()
	target := origin + "/oembed?url=" + url.QueryEscape(link)
	if extra != "" {
		target += "&" + extra
	}
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decodeOEmbed reads an answer, failing on anything but a 200 whose
// width and height are JSON numbers.
func decodeOEmbed(t *testing.T, rec *httptest.ResponseRecorder) oembedAnswer {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var raw map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, rec.Body)
	}
	for _, k := range []string{"width", "height"} {
		if _, ok := raw[k].(float64); !ok {
			t.Errorf("%s is %#v, not a number", k, raw[k])
		}
	}
	var a oembedAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// presetHash is the link hash of a preset from the embedded catalog.
func presetHash(t *testing.T, id string) string {
	t.Helper()
	spec, err := assets.ReadPreset(assets.Files, id)
	if err != nil {
		t.Fatal(err)
	}
	return experiment.EncodeHash(spec)
}

func TestOEmbedAnswersARichEmbed(t *testing.T) {
	h := NewHandler(nil) // as on Cloudflare: no static files
	hash := presetHash(t, "kan-expsin")
	link := "http://localhost/#" + hash
	rec := oembedRequest(t, h, http.MethodGet, "http://localhost", link, "format=json")
	a := decodeOEmbed(t, rec)
	want := oembedAnswer{Version: "1.0", Type: "rich", ProviderName: "Neural playground", ProviderURL: "http://localhost/",
		Width: 600, Height: 400}
	got := a
	got.Title, got.HTML = "", ""
	if got != want {
		t.Errorf("answer %+v, want %+v", got, want)
	}
	if !strings.HasPrefix(a.Title, "Neural playground: fit exp(sin πx + y²) — 2 → ") || !strings.Contains(a.Title, "KAN") {
		t.Errorf("title %q does not name the data set and the KAN layers", a.Title)
	}
	wantHTML := `<iframe src="http://localhost/?embed=1#` + html.EscapeString(hash) + `" width="600" height="400" title="` +
		html.EscapeString(a.Title) + `" loading="lazy" allow="clipboard-write" referrerpolicy="strict-origin-when-cross-origin" ` +
		`style="border:0;max-width:100%"></iframe>`
	if a.HTML != wantHTML {
		t.Errorf("html\n%s\nwant\n%s", a.HTML, wantHTML)
	}
	if !strings.Contains(a.HTML, "&amp;") || strings.Contains(a.HTML, "&d=") {
		t.Errorf("the hash's '&' are not escaped: %s", a.HTML)
	}
	for k, v := range map[string]string{"Content-Type": "application/json; charset=utf-8", "Cache-Control": apiCacheControl,
		"Access-Control-Allow-Origin": "*", "Content-Security-Policy": apiCSP, "X-Content-Type-Options": "nosniff"} {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s %q, want %q", k, got, v)
		}
	}
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req := httptest.NewRequest(http.MethodGet, "http://localhost/oembed?url="+url.QueryEscape(link)+"&format=json", nil)
	req.Header.Set("If-None-Match", etag)
	again := httptest.NewRecorder()
	h.ServeHTTP(again, req)
	if again.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", again.Code)
	}
}

func TestOEmbedTitles(t *testing.T) {
	h := NewHandler(nil)
	for link, want := range map[string]string{
		"http://localhost/":      "Neural playground: circle — 2 → 4 tanh → 2 tanh → 2 linear", // the default experiment
		"http://localhost":       "Neural playground: circle — 2 → 4 tanh → 2 tanh → 2 linear",
		"http://localhost/#v=99": "Neural playground", // does not decode: still embeds, the page says why
		"http://localhost/#" + experiment.EncodeHash(experiment.Default()): "Neural playground: circle — 2 → 4 tanh → 2 tanh → 2 linear",
	} {
		a := decodeOEmbed(t, oembedRequest(t, h, http.MethodGet, "http://localhost", link, ""))
		if a.Title != want {
			t.Errorf("%s: title %q, want %q", link, a.Title, want)
		}
		if !strings.Contains(a.HTML, `title="`+html.EscapeString(want)+`"`) {
			t.Errorf("%s: html %s lacks the title", link, a.HTML)
		}
	}
}

func TestOEmbedKeepsTheLinkAsWritten(t *testing.T) {
	h := NewHandler(nil)
	// An escaped hash (as chat apps pass links on), a query, the default
	// port and capitals in the host: the same page, the same origin. The
	// embed opens in embed mode, the link's own query kept after embed=1.
	link := "https://Play.Example.org:443/?kernels=scalar#v=2&d=spiral&l=dense%3A8%3Atanh,dense:2:linear"
	a := decodeOEmbed(t, oembedRequest(t, h, http.MethodGet, "https://play.example.org", link, ""))
	want := `src="https://play.example.org/?embed=1&amp;kernels=scalar#v=2&amp;d=spiral&amp;l=dense%3A8%3Atanh,dense:2:linear"`
	if !strings.Contains(a.HTML, want) {
		t.Errorf("html %s lacks %s", a.HTML, want)
	}
	if a.ProviderURL != "https://play.example.org/" {
		t.Errorf("provider_url %q", a.ProviderURL)
	}
}

func TestOEmbedSizes(t *testing.T) {
	h := NewHandler(nil)
	for _, tc := range []struct {
		query         string
		width, height int
	}{
		{"", 600, 400},
		{"maxwidth=320", 320, 213},
		{"maxwidth=320&maxheight=480", 320, 213},
		{"maxwidth=1000&maxheight=300", 1000, 300},
		{"maxheight=200", 600, 200},
		{"maxwidth=200&maxheight=150", 200, 150},
		{"maxwidth=900", 900, 600},
		{"maxwidth=99999&maxheight=999999999", 1920, 1200},
		{"maxwidth=0640", 640, 426},
	} {
		a := decodeOEmbed(t, oembedRequest(t, h, http.MethodGet, "http://localhost", "http://localhost/#v=2", tc.query))
		if a.Width != tc.width || a.Height != tc.height {
			t.Errorf("%s: %dx%d, want %dx%d", tc.query, a.Width, a.Height, tc.width, tc.height)
		}
		sizes := `width="` + itoa(tc.width) + `" height="` + itoa(tc.height) + `"`
		if !strings.Contains(a.HTML, sizes) {
			t.Errorf("%s: html %s lacks %s", tc.query, a.HTML, sizes)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestOEmbedRefuses(t *testing.T) {
	h := NewHandler(nil)
	long := "http://localhost/#v=2&" + strings.Repeat("x", experiment.MaxHashLen)
	for _, tc := range []struct {
		name, query string
		status      int
	}{
		{"no url", "format=json", 400},
		{"no query", "", 400},
		{"empty url", "url=", 400},
		{"two urls", "url=http%3A%2F%2Flocalhost%2F&url=http%3A%2F%2Flocalhost%2F", 400},
		{"foreign origin", "url=" + url.QueryEscape("http://evil.example/#v=2"), 400},
		{"foreign origin with our host in it", "url=" + url.QueryEscape("http://localhost.evil.example/"), 400},
		{"our host as user", "url=" + url.QueryEscape("http://localhost@evil.example/"), 400},
		{"user info", "url=" + url.QueryEscape("http://user@localhost/"), 400},
		{"other scheme", "url=" + url.QueryEscape("https://localhost/"), 400},
		{"other port", "url=" + url.QueryEscape("http://localhost:8080/"), 400},
		{"other path", "url=" + url.QueryEscape("http://localhost/index.html"), 400},
		{"api path", "url=" + url.QueryEscape("http://localhost/api/papers"), 400},
		{"asset path", "url=" + url.QueryEscape("http://localhost/assets/papers.json"), 400},
		{"escaped path", "url=" + url.QueryEscape("http://localhost/%2F"), 400},
		{"javascript", "url=" + url.QueryEscape("javascript:alert(1)"), 400},
		{"javascript with host", "url=" + url.QueryEscape("javascript://localhost/%0aalert(1)"), 400},
		{"data", "url=" + url.QueryEscape("data:text/html,<script>alert(1)</script>"), 400},
		{"relative", "url=" + url.QueryEscape("/#v=2"), 400},
		{"scheme-relative", "url=" + url.QueryEscape("//localhost/#v=2"), 400},
		{"no scheme", "url=" + url.QueryEscape("localhost/#v=2"), 400},
		{"quote in hash", "url=" + url.QueryEscape(`http://localhost/#v=2"><script>alert(1)</script>`), 400},
		{"tag in query", "url=" + url.QueryEscape(`http://localhost/?<script>`), 400},
		{"apostrophe", "url=" + url.QueryEscape(`http://localhost/#v='x'`), 400},
		{"space", "url=" + url.QueryEscape(`http://localhost/#v=2 x`), 400},
		{"newline", "url=" + url.QueryEscape("http://localhost/#v=2\nx"), 400},
		{"non-ASCII", "url=" + url.QueryEscape("http://localhost/#v=2&d=é"), 400},
		{"broken escape", "url=" + url.QueryEscape("http://localhost/#v=%zz"), 400},
		{"too long", "url=" + url.QueryEscape(long), 400},
		{"too long raw", "url=" + strings.Repeat("a", maxOEmbedQueryLength), 400},
		{"bad query escape", "url=%zz", 400},
		{"bare key", "url", 400},
		{"maxwidth letters", "url=http%3A%2F%2Flocalhost%2F&maxwidth=abc", 400},
		{"maxwidth negative", "url=http%3A%2F%2Flocalhost%2F&maxwidth=-600", 400},
		{"maxwidth zero", "url=http%3A%2F%2Flocalhost%2F&maxwidth=0", 400},
		{"maxwidth too small", "url=http%3A%2F%2Flocalhost%2F&maxwidth=199", 400},
		{"maxwidth float", "url=http%3A%2F%2Flocalhost%2F&maxwidth=600.5", 400},
		{"maxwidth exponent", "url=http%3A%2F%2Flocalhost%2F&maxwidth=1e3", 400},
		{"maxwidth padded", "url=http%3A%2F%2Flocalhost%2F&maxwidth=%20600", 400},
		{"maxwidth huge", "url=http%3A%2F%2Flocalhost%2F&maxwidth=99999999999999999999", 400},
		{"maxwidth empty", "url=http%3A%2F%2Flocalhost%2F&maxwidth=", 200},
		{"maxheight too small", "url=http%3A%2F%2Flocalhost%2F&maxheight=149", 400},
		{"two maxheights", "url=http%3A%2F%2Flocalhost%2F&maxheight=300&maxheight=400", 400},
		{"xml", "url=http%3A%2F%2Flocalhost%2F&format=xml", 501},
		{"other format", "url=http%3A%2F%2Flocalhost%2F&format=yaml", 501},
		{"unknown parameters are ignored", "url=http%3A%2F%2Flocalhost%2F&dnt=1&format=json", 200},
	} {
		req := httptest.NewRequest(http.MethodGet, "http://localhost/oembed", nil)
		req.URL.RawQuery = tc.query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, rec.Code, tc.status, rec.Body)
			continue
		}
		if rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Content-Security-Policy") != apiCSP {
			t.Errorf("%s: headers %v", tc.name, rec.Header())
		}
		if tc.status == http.StatusOK {
			continue
		}
		var e struct {
			Error  string `json:"error"`
			Status int    `json:"status"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Status != tc.status || e.Error == "" {
			t.Errorf("%s: body %q is not a JSON error", tc.name, rec.Body)
		}
		if rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q on an error", tc.name, rec.Header().Get("Cache-Control"))
		}
	}
}

func TestOEmbedMethods(t *testing.T) {
	h := NewHandler(nil)
	get := oembedRequest(t, h, http.MethodGet, "http://localhost", "http://localhost/#v=2", "")
	head := oembedRequest(t, h, http.MethodHead, "http://localhost", "http://localhost/#v=2", "")
	if head.Code != http.StatusOK || head.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes", head.Code, head.Body.Len())
	}
	for _, k := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control", "Access-Control-Allow-Origin"} {
		if head.Header().Get(k) != get.Header().Get(k) {
			t.Errorf("HEAD %s %q, GET %q", k, head.Header().Get(k), get.Header().Get(k))
		}
	}
	if rec := oembedRequest(t, h, http.MethodOptions, "http://localhost", "http://localhost/", ""); rec.Code != http.StatusNoContent ||
		rec.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Errorf("OPTIONS: %d %v", rec.Code, rec.Header())
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		if rec := oembedRequest(t, h, m, "http://localhost", "http://localhost/", ""); rec.Code != http.StatusMethodNotAllowed ||
			rec.Header().Get("Allow") == "" {
			t.Errorf("%s: %d, Allow %q", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

// TestOEmbedOrigin: the origin is the one the request was sent to, as
// net/http (a path and a Host header) and the Worker (an absolute URL)
// give it; a Host that is not a host is refused, never written.
func TestOEmbedOrigin(t *testing.T) {
	h := NewHandler(nil)
	req := httptest.NewRequest(http.MethodGet, "/oembed?url="+url.QueryEscape("http://127.0.0.1:8080/#v=2"), nil)
	req.URL.Scheme, req.URL.Host, req.Host = "", "", "127.0.0.1:8080"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if a := decodeOEmbed(t, rec); a.ProviderURL != "http://127.0.0.1:8080/" {
		t.Errorf("provider_url %q", a.ProviderURL)
	}
	a := decodeOEmbed(t, oembedRequest(t, h, http.MethodGet, "https://neural-playground.example.workers.dev",
		"https://neural-playground.example.workers.dev/#v=2", ""))
	if !strings.Contains(a.HTML, `src="https://neural-playground.example.workers.dev/?embed=1#v=2"`) {
		t.Errorf("html %s", a.HTML)
	}
	for _, host := range []string{`evil"><script>`, "", "a b", "localhost:0", "localhost:99999", "[::1", "x/y"} {
		req := httptest.NewRequest(http.MethodGet, "/oembed?url="+url.QueryEscape("http://localhost/"), nil)
		req.URL.Scheme, req.URL.Host, req.Host = "", "", host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("Host %q: status %d, want 400", host, rec.Code)
		}
	}
}

func TestValidHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "localhost:8080": true, "127.0.0.1:8787": true, "[::1]:8080": true, "[::1]": true,
		"neural-playground.example.workers.dev": true, "EXAMPLE.org:443": true,
		"": false, ":80": false, "localhost:": false, "localhost:0": false, "localhost:65536": false, "localhost:+80": false,
		"[]": false, "[::1": false, "[::1]x": false, "[zz::1]": false, "a b": false, `a"b`: false, "a<b": false,
		"a/b": false, "a@b": false, "a%2eb": false, "é.example": false, strings.Repeat("a", 300): false,
	} {
		if got := validHost(host); got != want {
			t.Errorf("validHost(%q) = %v, want %v", host, got, want)
		}
	}
	for in, want := range map[[2]string]string{
		{"http", "Localhost:80"}:    "http://localhost",
		{"https", "x.example:443"}:  "https://x.example",
		{"http", "x.example:443"}:   "http://x.example:443",
		{"HTTPS", "x.example:8443"}: "https://x.example:8443",
	} {
		if got, ok := makeOrigin(in[0], in[1]); !ok || got != want {
			t.Errorf("makeOrigin(%q, %q) = %q, %v; want %q", in[0], in[1], got, ok, want)
		}
	}
	if _, ok := makeOrigin("ftp", "x.example"); ok {
		t.Error("an ftp origin passed")
	}
}

// FuzzOEmbed sends arbitrary links and sizes: the handler never panics,
// answers 200 or a JSON 400, and every embed is one iframe of this
// playground's page whose attributes no input can end or add to.
func FuzzOEmbed(f *testing.F) {
	for _, s := range []string{"http://localhost/", "http://localhost/#v=2&d=circle", `http://localhost/#"><script>alert(1)</script>`,
		"http://localhost/?a=<b>#c", "javascript:alert(1)", "http://localhost/#%3Cscript%3E", "http://localhost/#&lt;script&gt;",
		"http://localhost/#v=2&d=%22%3E%3C", "http://localhost:80/#x", "http://evil/", "/#v=2", "http://localhost/#\x00",
		"http://localhost/#" + experiment.EncodeHash(experiment.Default())} {
		f.Add(s, "", "")
	}
	f.Add("http://localhost/", "320", "abc")
	f.Add("http://localhost/", "1e9", "-1")
	h := NewHandler(nil)
	f.Fuzz(func(t *testing.T, link, maxWidth, maxHeight string) {
		query := "url=" + url.QueryEscape(link) + "&maxwidth=" + url.QueryEscape(maxWidth) + "&maxheight=" + url.QueryEscape(maxHeight)
		req := httptest.NewRequest(http.MethodGet, "http://localhost/oembed", nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK:
		case http.StatusBadRequest:
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("%q: error body %q", link, rec.Body)
			}
			return
		default:
			t.Fatalf("%q %q %q: status %d", link, maxWidth, maxHeight, rec.Code)
		}
		var a oembedAnswer
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
			t.Fatalf("%q: %v", link, err)
		}
		checkEmbedHTML(t, a)
	})
}

// checkEmbedHTML fails unless a's html is exactly one iframe of this
// playground's page (http://localhost/), with the fixed attributes.
func checkEmbedHTML(t *testing.T, a oembedAnswer) {
	t.Helper()
	s := a.HTML
	if strings.Count(s, "<") != 2 || strings.Count(s, ">") != 2 || strings.Count(s, `"`) != 16 ||
		!strings.HasPrefix(s, `<iframe src="`) || !strings.HasSuffix(s, `"></iframe>`) {
		t.Fatalf("html is not one iframe with its own attributes: %s", s)
	}
	src, _, _ := strings.Cut(strings.TrimPrefix(s, `<iframe src="`), `"`)
	u, err := url.Parse(html.UnescapeString(src))
	if err != nil || u.Scheme != "http" || u.Host != "localhost" || u.Path != "/" || u.User != nil {
		t.Fatalf("src %q is not the playground's page (%v)", src, err)
	}
	if strings.Contains(html.UnescapeString(src), "'") || strings.ContainsAny(src, " \t\r\n\\") {
		t.Fatalf("src %q holds a quote or a space", src)
	}
	if a.Width < minEmbedWidth || a.Width > maxEmbedWidth || a.Height < minEmbedHeight || a.Height > maxEmbedHeight {
		t.Fatalf("size %dx%d", a.Width, a.Height)
	}
}

// TestOEmbedEmbedsInEmbedMode: an embed link the builder wrote keeps its
// controls; a link with embed=0 is embedded in embed mode all the same.
func TestOEmbedEmbedsInEmbedMode(t *testing.T) {
	h := NewHandler(nil)
	for link, want := range map[string]string{
		"https://play.example.org/?embed=1&controls=play,layers#v=2": `src="https://play.example.org/?embed=1&amp;controls=play,layers#v=2"`,
		"https://play.example.org/?embed=0#v=2":                      `src="https://play.example.org/?embed=1&amp;embed=0#v=2"`,
		"https://play.example.org/?controls=data":                    `src="https://play.example.org/?embed=1&amp;controls=data"`,
	} {
		a := decodeOEmbed(t, oembedRequest(t, h, http.MethodGet, "https://play.example.org", link, ""))
		if !strings.Contains(a.HTML, want) {
			t.Errorf("%s: html %s lacks %s", link, a.HTML, want)
		}
	}
}
