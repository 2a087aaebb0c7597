//go:build workerd

package worker

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"playground/experiment"
)

// testOEmbedUnderWorkerd: /oembed is no static file, so the assets
// binding passes it to the Go Worker, which answers for the origin it is
// served at; the page is a static asset there, whose discovery link the
// site build writes only when given the deployed origin (PLAYGROUND_ORIGIN).
func testOEmbedUnderWorkerd(t *testing.T, d *wranglerDev) {
	hash := experiment.EncodeHash(experiment.Default())
	resp, body := d.request(t, "GET", "/oembed?format=json&maxwidth=320&url="+url.QueryEscape(d.URL+"/#"+hash), nil)
	var a oembedAnswer
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &a) != nil {
		t.Fatalf("/oembed: %d %s\nwrangler dev:\n%s", resp.StatusCode, body, d.Log())
	}
	if a.Type != "rich" || a.Version != "1.0" || a.ProviderURL != d.URL+"/" || a.Width != 320 || a.Height != 213 ||
		!strings.HasPrefix(a.HTML, `<iframe src="`+d.URL+`/?embed=1#v=2&amp;`) || !strings.Contains(a.Title, "circle") {
		t.Errorf("/oembed: %+v", a)
	}
	for k, v := range map[string]string{"Content-Security-Policy": apiCSP, "Access-Control-Allow-Origin": "*",
		"Content-Type": "application/json; charset=utf-8", "Cache-Control": apiCacheControl} {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("/oembed: %s %q, want %q", k, got, v)
		}
	}
	for path, status := range map[string]int{
		"/oembed": 400,
		"/oembed?url=" + url.QueryEscape("https://evil.example/"): 400,
		"/oembed?url=" + url.QueryEscape(d.URL+"/api/papers"):     400,
		"/oembed?format=xml&url=" + url.QueryEscape(d.URL+"/"):    501,
	} {
		if resp, body := d.request(t, "GET", path, nil); resp.StatusCode != status || !json.Valid(body) {
			t.Errorf("%s: %d %s, want a JSON %d", path, resp.StatusCode, body, status)
		}
	}

	// The deployed page: a discovery link for the origin it was built
	// for, or none. Either way the link the site build writes for this
	// origin leads to the embed here.
	_, page := d.request(t, "GET", "/", nil)
	if origin := os.Getenv("PLAYGROUND_ORIGIN"); origin == "" {
		if strings.Contains(string(page), "application/json+oembed") || !strings.Contains(string(page), discoveryMarker) {
			t.Errorf("the site was built without an origin, yet its page has a discovery link or lacks the marker")
		}
	} else if !strings.Contains(string(page), "application/json+oembed") {
		t.Errorf("the site was built for %s, yet its page has no discovery link", origin)
	}
	site, err := SiteDiscovery([]byte(discoveryMarker), d.URL)
	if err != nil {
		t.Fatal(err)
	}
	m := discoveryLinkPattern.FindStringSubmatch(string(site))
	if m == nil {
		t.Fatalf("no discovery link in %s", site)
	}
	href, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := d.request(t, "GET", href.RequestURI(), nil); resp.StatusCode != http.StatusOK || !json.Valid(body) {
		t.Errorf("the discovered %s: %d %s", href, resp.StatusCode, body)
	}
}
