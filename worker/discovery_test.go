package worker

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// pageWithMarker is a page laid out like index.html, long enough to be
// gzipped on the fly.
func pageWithMarker() string {
	return "<!doctype html>\n<html><head>\n<title>page</title>\n" + discoveryMarker + "\n" +
		`<meta name="description" content="` + strings.Repeat("padding ", 200) + `">` + "\n</head><body></body></html>\n"
}

func discoveryFS() fstest.MapFS {
	root := testFS()
	root["index.html"] = &fstest.MapFile{Data: []byte(pageWithMarker())}
	return root
}

// request serves one request for target with its Host (net/http's form:
// a path and a Host header).
func request(h http.Handler, method, host, target string, header http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.URL.Scheme, req.URL.Host, req.Host = "", "", host
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// discoveryHref finds the page's oEmbed discovery link and returns its
// href, HTML-unescaped, as a consumer reads it.
var discoveryLinkPattern = regexp.MustCompile(`<link rel="alternate" type="application/json\+oembed" href="([^"<>]*)" title="([^"<>]*)">`)

func discoveryHref(t *testing.T, page string) string {
	t.Helper()
	m := discoveryLinkPattern.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("the page has %d oEmbed discovery links:\n%s", len(m), page)
	}
	return html.UnescapeString(m[0][1])
}

func TestPageCarriesTheDiscoveryLink(t *testing.T) {
	h := NewHandler(discoveryFS())
	for _, tc := range []struct{ host, target, href string }{
		{"localhost:8080", "/", "http://localhost:8080/oembed?url=http%3A%2F%2Flocalhost%3A8080%2F&format=json"},
		{"127.0.0.1:8080", "/index.html", "http://127.0.0.1:8080/oembed?url=http%3A%2F%2F127.0.0.1%3A8080%2F&format=json"},
		{"Example.ORG:80", "/?kernels=scalar", "http://example.org/oembed?url=http%3A%2F%2Fexample.org%2F&format=json"},
	} {
		rec := request(h, http.MethodGet, tc.host, tc.target, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s %s: %d", tc.host, tc.target, rec.Code)
		}
		page := rec.Body.String()
		if href := discoveryHref(t, page); href != tc.href {
			t.Errorf("%s %s: href %q, want %q", tc.host, tc.target, href, tc.href)
		}
		if strings.Contains(page, discoveryMarker) || !strings.Contains(page, `title="Neural playground">`) {
			t.Errorf("%s %s: page\n%s", tc.host, tc.target, page)
		}
		if strings.Index(page, "<link rel=\"alternate\"") > strings.Index(page, "</head>") {
			t.Errorf("the discovery link is outside the head")
		}
	}
}

// TestDiscoveryLinkLeadsToTheEmbed: a consumer reads the link from the
// page, asks the href, and gets the embed of the page.
func TestDiscoveryLinkLeadsToTheEmbed(t *testing.T) {
	h := NewHandler(discoveryFS())
	for _, host := range []string{"localhost:8080", "[::1]:8080", "play.example.org"} {
		href := discoveryHref(t, request(h, http.MethodGet, host, "/", nil).Body.String())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, href, nil))
		a := decodeOEmbed(t, rec)
		if a.ProviderURL != "http://"+host+"/" || !strings.Contains(a.HTML, `src="http://`+host+`/?embed=1"`) {
			t.Errorf("%s: %+v", host, a)
		}
	}
}

// TestDiscoveryLinkResistsInjection: nothing of the request's path,
// query or Host reaches the page unescaped; a Host that is not a host
// gives the page without a link.
func TestDiscoveryLinkResistsInjection(t *testing.T) {
	h := NewHandler(discoveryFS())
	for _, target := range []string{`/?"><script>alert(1)</script>`, "/?url=javascript:alert(1)&format=xml",
		"/index.html?%22%3E%3Cscript%3E", `/?'onload='alert(1)`} {
		rec := request(h, http.MethodGet, "localhost", target, nil)
		page := rec.Body.String()
		if rec.Code != http.StatusOK || strings.Contains(page, "alert") || strings.Contains(page, "%3Cscript") {
			t.Errorf("%s: %d\n%s", target, rec.Code, page)
		}
		if href := discoveryHref(t, page); href != "http://localhost/oembed?url=http%3A%2F%2Flocalhost%2F&format=json" {
			t.Errorf("%s: href %q", target, href)
		}
	}
	for _, host := range []string{`evil"><script>alert(1)</script>`, "a b", "x/y", "localhost:99999", "é.example"} {
		rec := request(h, http.MethodGet, host, "/", nil)
		page := rec.Body.String()
		if rec.Code != http.StatusOK || page != pageWithMarker() {
			t.Errorf("Host %q: %d, page changed:\n%s", host, rec.Code, page)
		}
	}
}

// TestDiscoveryPageValidators: the rewritten page has its own ETag (its
// bytes differ from the file's and between origins), revalidates, is
// gzipped with its own tag, and HEAD sends none of it.
func TestDiscoveryPageValidators(t *testing.T) {
	h := NewHandler(discoveryFS())
	file := contentETag([]byte(pageWithMarker()))
	first := request(h, http.MethodGet, "localhost:8080", "/", nil)
	etag := first.Header().Get("ETag")
	if etag == "" || etag == file || etag != contentETag(first.Body.Bytes()) {
		t.Errorf("ETag %q: want the hash of the page as sent, not the file's %q", etag, file)
	}
	if first.Header().Get("Last-Modified") != "" {
		t.Errorf("Last-Modified %q on a page made per origin", first.Header().Get("Last-Modified"))
	}
	if again := request(h, http.MethodGet, "localhost:8080", "/", nil); again.Header().Get("ETag") != etag || again.Body.String() != first.Body.String() {
		t.Error("the same origin got another page")
	}
	other := request(h, http.MethodGet, "127.0.0.1:8080", "/", nil).Header().Get("ETag")
	if other == etag {
		t.Error("two origins, two pages, one ETag")
	}
	if rec := request(h, http.MethodGet, "localhost:8080", "/", http.Header{"If-None-Match": {etag}}); rec.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", rec.Code)
	}
	if rec := request(h, http.MethodGet, "127.0.0.1:8080", "/", http.Header{"If-None-Match": {etag}}); rec.Code != http.StatusOK {
		t.Errorf("another origin's ETag: %d, want 200", rec.Code)
	}
	gz := request(h, http.MethodGet, "localhost:8080", "/", http.Header{"Accept-Encoding": {"gzip"}})
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == etag {
		t.Fatalf("gzip: Content-Encoding %q, ETag %q", gz.Header().Get("Content-Encoding"), gz.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(zr); !bytes.Equal(body, first.Body.Bytes()) {
		t.Error("the gzipped page is not the page")
	}
	head := request(h, http.MethodHead, "localhost:8080", "/", nil)
	if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") != etag {
		t.Errorf("HEAD: %d, %d bytes, ETag %q", head.Code, head.Body.Len(), head.Header().Get("ETag"))
	}
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if first.Header().Get(k) == "" {
			t.Errorf("no %s on the page", k)
		}
	}
}

// TestDiscoveryIgnoresAStoredGzipCopy: a gzip copy beside index.html is
// the file's, not the rewritten page's, and is never sent for it.
func TestDiscoveryIgnoresAStoredGzipCopy(t *testing.T) {
	root := discoveryFS()
	root["index.html.gz"] = &fstest.MapFile{Data: gzipped(pageWithMarker())}
	rec := request(NewHandler(root), http.MethodGet, "localhost", "/", http.Header{"Accept-Encoding": {"gzip"}})
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	discoveryHref(t, string(body))
}

func TestPageWithoutMarkerIsServedAsStored(t *testing.T) {
	rec := request(NewHandler(testFS()), http.MethodGet, "localhost", "/", nil)
	if rec.Body.String() != "<!doctype html><title>page</title>" || rec.Header().Get("ETag") != contentETag(rec.Body.Bytes()) {
		t.Errorf("page %q, ETag %q", rec.Body, rec.Header().Get("ETag"))
	}
}

// TestRepositoryPageHasTheDiscoveryMarker: index.html holds the marker
// once, in its head, where both the handler and the site build write the
// link.
func TestRepositoryPageHasTheDiscoveryMarker(t *testing.T) {
	page, err := os.ReadFile("../index.html")
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(page), "</head>")
	if !ok || strings.Count(string(page), discoveryMarker) != 1 || !strings.Contains(head, discoveryMarker) {
		t.Fatalf("index.html does not hold %s once in its head", discoveryMarker)
	}
	rec := request(NewHandler(fstest.MapFS{"index.html": {Data: page}}), http.MethodGet, "localhost:8080", "/", nil)
	if href := discoveryHref(t, rec.Body.String()); !strings.HasPrefix(href, "http://localhost:8080/oembed?url=") {
		t.Errorf("href %q", href)
	}
}

func TestSiteDiscovery(t *testing.T) {
	page := []byte(pageWithMarker())
	if same, err := SiteDiscovery(page, ""); err != nil || !bytes.Equal(same, page) {
		t.Errorf("no origin: %v; want the page as it is", err)
	}
	for origin, want := range map[string]string{
		"https://neural-playground.example.workers.dev":     "https://neural-playground.example.workers.dev/oembed?url=https%3A%2F%2Fneural-playground.example.workers.dev%2F&format=json",
		"https://Play.Example.org/":                         "https://play.example.org/oembed?url=https%3A%2F%2Fplay.example.org%2F&format=json",
		"http://localhost:8787":                             "http://localhost:8787/oembed?url=http%3A%2F%2Flocalhost%3A8787%2F&format=json",
		"https://neural-playground.example.workers.dev:443": "https://neural-playground.example.workers.dev/oembed?url=https%3A%2F%2Fneural-playground.example.workers.dev%2F&format=json",
	} {
		got, err := SiteDiscovery(page, origin)
		if err != nil {
			t.Errorf("%s: %v", origin, err)
			continue
		}
		if href := discoveryHref(t, string(got)); href != want {
			t.Errorf("%s: href %q, want %q", origin, href, want)
		}
	}
	for _, origin := range []string{"neural.example.org", "ftp://x.example", "https://x.example/page", "https://x.example?q=1",
		"https://x.example/#x", "https://u@x.example", `https://x.example"><script>`, "https://", "https:x.example"} {
		if _, err := SiteDiscovery(page, origin); err == nil {
			t.Errorf("origin %q passed", origin)
		}
	}
	if _, err := SiteDiscovery([]byte("<!doctype html><head></head>"), "https://x.example"); err == nil {
		t.Error("a page without the marker passed")
	}
}

// FuzzPageDiscovery sends the page's request with arbitrary Hosts and
// queries: the page is the file as stored, or the file with the marker
// replaced by exactly one discovery link whose attributes hold no quote
// or angle bracket; nothing else changes.
func FuzzPageDiscovery(f *testing.F) {
	for _, s := range [][2]string{{"localhost:8080", ""}, {`evil"><script>`, ""}, {"localhost", `"><script>alert(1)</script>`},
		{"[::1]:80", "kernels=scalar"}, {"a&b", "x=&amp;"}, {"LOCALHOST:443", "%3C"}} {
		f.Add(s[0], s[1])
	}
	h := NewHandler(discoveryFS())
	stored := pageWithMarker()
	f.Fuzz(func(t *testing.T, host, query string) {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Scheme, req.URL.Host, req.Host, req.URL.RawQuery = "", "", host, query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("Host %q, query %q: status %d", host, query, rec.Code)
		}
		page := rec.Body.String()
		if page == stored {
			return
		}
		links := discoveryLinkPattern.FindAllStringIndex(page, -1)
		if len(links) != 1 {
			t.Fatalf("Host %q: %d discovery links:\n%s", host, len(links), page)
		}
		if page[:links[0][0]]+discoveryMarker+page[links[0][1]:] != stored {
			t.Fatalf("Host %q, query %q: the page changed beyond its discovery link:\n%s", host, query, page)
		}
	})
}
