package worker

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
)

// oEmbed discovery (https://oembed.com, section 4): the page's head names
// its oEmbed endpoint in a <link rel="alternate"> whose href is absolute,
// the endpoint with the page's own url and the format. The origin is not
// in index.html (it is wherever the page is served), so index.html holds
// discoveryMarker and whoever serves the page writes the link there:
//
//   - the Go handler (`make run`, tests), per request, for the origin the
//     request was sent to (see staticFiles.withDiscovery);
//   - worker/cmd/site, for Cloudflare, where the assets binding serves
//     the page without starting Go: with the deployed origin given to it
//     (-origin, PLAYGROUND_ORIGIN in build.sh); without one, the page
//     keeps the marker, a comment, and has no discovery link.
//
// The url named is always the page itself, origin + "/": the hash, which
// holds the experiment, never reaches a server, and the query (only
// ?kernels=, a browser's own choice) is no part of what is shared.
// Consumers that know the endpoint send the link they were given, hash
// included (WordPress replaces the discovered url with it).

// discoveryMarker is the line of index.html that the discovery link
// replaces.
const discoveryMarker = "<!-- oembed discovery link (worker/discovery.go) -->"

// pageName is the page, the only file that carries the discovery link.
const pageName = "index.html"

// maxPageOrigins bounds the page's rewritten copies kept in memory, one
// per origin it was requested at (locally localhost and 127.0.0.1, say).
const maxPageOrigins = 8

// discoveryLink is the page's discovery element for the page at origin
// (as makeOrigin writes them), every value HTML-escaped.
func discoveryLink(origin string) string {
	href := origin + oembedPath + "?url=" + url.QueryEscape(origin+"/") + "&format=json"
	return `<link rel="alternate" type="application/json+oembed" href="` + html.EscapeString(href) +
		`" title="` + html.EscapeString(providerName) + `">`
}

// withDiscoveryLink returns page with its discoveryMarker replaced by the
// discovery link for origin; false when page has no marker, or more than
// one.
func withDiscoveryLink(page []byte, origin string) ([]byte, bool) {
	marker := []byte(discoveryMarker)
	if bytes.Count(page, marker) != 1 {
		return page, false
	}
	return bytes.Replace(page, marker, []byte(discoveryLink(origin)), 1), true
}

// SiteDiscovery writes the discovery link into the page deployed to
// Cloudflare, for the site's origin: "https://name.account.workers.dev"
// or a custom domain, with no path (a trailing "/" is allowed). An empty
// origin leaves the page as it is, without a discovery link (the origin
// of a deployment is not known before it is made). A page without the
// marker is an error, as is an origin that is not one.
func SiteDiscovery(page []byte, origin string) ([]byte, error) {
	if origin == "" {
		return page, nil
	}
	o, err := ParseSiteOrigin(origin)
	if err != nil {
		return nil, err
	}
	page, ok := withDiscoveryLink(page, o)
	if !ok {
		return nil, errors.New("index.html does not hold " + discoveryMarker + " once: the discovery link has no place")
	}
	return page, nil
}

// ParseSiteOrigin reads a deployed site's origin as SiteDiscovery takes
// it and returns it as links name it (lowercase, no default port, no
// trailing "/").
func ParseSiteOrigin(origin string) (string, error) {
	u, err := url.Parse(origin)
	if err != nil {
		return "", fmt.Errorf("origin %q: %v", origin, err)
	}
	o, ok := makeOrigin(u.Scheme, u.Host)
	if !ok || u.Opaque != "" || u.User != nil || u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("origin %q is not an origin such as https://neural-playground.example.workers.dev", origin)
	}
	return o, nil
}

// withDiscovery returns the page f with the discovery link for the
// origin r was sent to, made once per origin and version of the file,
// with its own ETag (its bytes differ from the file's) and no
// modification time (the same file gives other bytes at other origins).
// Other files, a page without the marker and a request whose host cannot
// be named come back as they are.
func (s *staticFiles) withDiscovery(name string, f *staticFile, r *http.Request) *staticFile {
	if name != pageName {
		return f
	}
	origin, ok := requestOrigin(r)
	if !ok {
		return f
	}
	s.mu.Lock()
	page := f.withLink[origin]
	s.mu.Unlock()
	if page != nil {
		return page
	}
	data, ok := withDiscoveryLink(f.data, origin)
	if !ok {
		return f
	}
	page = &staticFile{size: int64(len(data)), data: data, etag: contentETag(data), rewritten: true}
	s.mu.Lock()
	if f.withLink == nil {
		f.withLink = map[string]*staticFile{}
	}
	if len(f.withLink) < maxPageOrigins {
		f.withLink[origin] = page
	}
	s.mu.Unlock()
	return page
}
