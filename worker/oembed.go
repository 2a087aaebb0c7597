package worker

import (
	"fmt"
	"net/http"
	"strconv"

	"playground/embedmode"
)

// oembedPath is the oEmbed endpoint (https://oembed.com). On Cloudflare it
// is no static file, so the assets binding passes it to the Go Worker.
const oembedPath = "/oembed"

// The embed's size in CSS pixels: 600x400 unless the consumer offers
// less (maxwidth, maxheight) or more room (maxwidth: the height follows
// at 2:3 of the width), within bounds where the page is still usable and
// not absurd. A maximum under the smallest size is refused rather than
// exceeded: oEmbed says a provider must respect it.
const (
	defaultEmbedWidth = embedmode.DefaultWidth
	minEmbedWidth     = embedmode.MinWidth
	maxEmbedWidth     = embedmode.MaxWidth
	minEmbedHeight    = embedmode.MinHeight
	maxEmbedHeight    = embedmode.MaxHeight
)

// providerName names the playground in oEmbed answers and in the page's
// discovery link.
const providerName = embedmode.ProviderName

// maxOEmbedQueryLength bounds the query: the url parameter, every byte of
// it percent-escaped, and the other parameters.
const maxOEmbedQueryLength = 3*maxEmbedLinkLength + 256

// oembedAnswer is an oEmbed 1.0 "rich" answer.
type oembedAnswer struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	Title        string `json:"title"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// serveOEmbed answers
//
//	GET /oembed?url=<link>[&maxwidth=W][&maxheight=H][&format=json]
//
// for a link to this playground's page (same origin, path "/", any hash):
// a "rich" answer whose html is an iframe of the link. A missing,
// foreign, relative or malformed url, a path other than the page, a
// repeated parameter or a maxwidth or maxheight that is not a number of
// pixels at least the smallest embed is a 400; a format other than json
// a 501 (oEmbed's "not implemented"). Unknown parameters are ignored, as
// consumers add their own (WordPress sends dnt=1). The answer carries the
// API's headers (any site may read it), an ETag and its Cache-Control.
func serveOEmbed(w http.ResponseWriter, r *http.Request) {
	setAPIHeaders(w.Header())
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		answerPreflight(w)
		return
	default:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, "method %s is not allowed; use GET", r.Method)
		return
	}
	origin, ok := requestOrigin(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "the request's host %q cannot be named in a link", truncate(r.Host, 80))
		return
	}
	if len(r.URL.RawQuery) > maxOEmbedQueryLength {
		writeError(w, http.StatusBadRequest, "the query is %d bytes long; at most %d are read", len(r.URL.RawQuery), maxOEmbedQueryLength)
		return
	}
	query, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "the query cannot be read: %v", err)
		return
	}
	params := map[string]string{}
	for _, key := range []string{"url", "maxwidth", "maxheight", "format"} {
		switch values := query[key]; len(values) {
		case 0:
		case 1:
			params[key] = values[0]
		default:
			writeError(w, http.StatusBadRequest, "%s is given %d times; give it once", key, len(values))
			return
		}
	}
	if _, ok := query["url"]; !ok {
		writeError(w, http.StatusBadRequest, "url is missing: /oembed?url=<a link to this playground, %s/#v=...>", origin)
		return
	}
	link, err := parseEmbedLink(params["url"], origin)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	width, height, err := embedSize(params["maxwidth"], params["maxheight"])
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if format := params["format"]; format != "" && format != "json" {
		writeError(w, http.StatusNotImplemented, "format %q is not offered: use format=json", truncate(format, 40))
		return
	}
	title := embedmode.Title(link.hash)
	writeJSON(w, r, oembedAnswer{
		Version:      "1.0",
		Type:         "rich",
		ProviderName: providerName,
		ProviderURL:  origin + "/",
		Title:        title,
		HTML:         embedHTML(link, title, width, height),
		Width:        width,
		Height:       height,
	})
}

// embedHTML is the embed code: an iframe of the link in embed mode
// (embedmode.Snippet says how it is framed and escaped); the link holds
// only linkBytes and the sizes are numbers.
func embedHTML(link embedLink, title string, width, height int) string {
	return embedmode.Snippet(link.src, title, width, height)
}

// embedSize is the embed's width and height for the maxwidth and
// maxheight given ("" when absent); see defaultEmbedWidth.
func embedSize(maxWidth, maxHeight string) (width, height int, err error) {
	width = defaultEmbedWidth
	if maxWidth != "" {
		if width, err = parsePixels("maxwidth", maxWidth, minEmbedWidth); err != nil {
			return 0, 0, err
		}
		width = min(width, maxEmbedWidth)
	}
	height = min(max(width*2/3, minEmbedHeight), maxEmbedHeight)
	if maxHeight != "" {
		most, err := parsePixels("maxheight", maxHeight, minEmbedHeight)
		if err != nil {
			return 0, 0, err
		}
		height = min(height, most)
	}
	return width, height, nil
}

// parsePixels reads a maxwidth or maxheight: at most 9 decimal digits,
// a number no less than least.
func parsePixels(name, value string, least int) (int, error) {
	if len(value) > 9 || !onlyBytes(value, "0123456789") {
		return 0, fmt.Errorf("%s %q is not a number of pixels", name, truncate(value, 40))
	}
	n, err := strconv.Atoi(value)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a number of pixels", name, truncate(value, 40))
	}
	if n < least {
		return 0, fmt.Errorf("%s is %d: the playground needs at least %d pixels", name, n, least)
	}
	return n, nil
}
