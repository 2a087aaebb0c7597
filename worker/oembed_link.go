package worker

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"playground/embedmode"
	"playground/experiment"
)

// maxEmbedLinkLength bounds the url an oEmbed request names: the longest
// hash the page reads (experiment.MaxHashLen) and room for the origin and
// a short query.
const maxEmbedLinkLength = experiment.MaxHashLen + 512

// linkBytes are the only bytes an embeddable link may hold: RFC 3986's
// unreserved characters, its delimiters but the quote, and '%' for
// escapes. Quotes, '<', '>', '\', spaces, controls and non-ASCII are
// refused outright, so nothing in a link can end an attribute or start a
// tag even before it is HTML-escaped.
const linkBytes = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" +
	"-._~!$&()*+,;=:@/?#[]%"

// embedLink is a link to this playground's page that may be embedded.
type embedLink struct {
	// src is the link as the iframe loads it: the request's origin, the
	// path "/", the link's query in embed mode (embed=1 added unless it
	// asks for it already, with its controls), and its hash. It
	// holds only linkBytes; it still needs HTML escaping ('&').
	src string
	// hash is the link's hash without '#', as the page reads it
	// (location.hash), for the title.
	hash string
}

// parseEmbedLink checks that link is an absolute http(s) URL to the page
// ("/") of origin, the origin the request was sent to, and returns what
// the embed needs. Its errors say what is wrong, for a 400.
func parseEmbedLink(link, origin string) (embedLink, error) {
	switch {
	case link == "":
		return embedLink{}, errors.New("url is empty: give the link to a playground experiment, url=" + origin + "/#v=...")
	case len(link) > maxEmbedLinkLength:
		return embedLink{}, fmt.Errorf("url is %d bytes long; at most %d are read", len(link), maxEmbedLinkLength)
	case !onlyBytes(link, linkBytes):
		return embedLink{}, errors.New("url holds characters a playground link never has (spaces, quotes, '<', '>', '\\' or non-ASCII)")
	}
	u, err := url.Parse(link)
	if err != nil {
		return embedLink{}, fmt.Errorf("url cannot be read: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "" || u.Host == "" {
		return embedLink{}, fmt.Errorf("url %q is not an absolute http(s) link", truncate(link, 80))
	}
	if u.User != nil {
		return embedLink{}, errors.New("url carries a user name: playground links never do")
	}
	if linkOrigin, ok := makeOrigin(u.Scheme, u.Host); !ok || linkOrigin != origin {
		return embedLink{}, fmt.Errorf("url %q is not a link to this playground (%s): only its own links embed", truncate(link, 80), origin)
	}
	if p := u.EscapedPath(); p != "" && p != "/" {
		return embedLink{}, fmt.Errorf("url's path is %q: only the playground's page, %s/, embeds", truncate(p, 80), origin)
	}
	hash := u.EscapedFragment()
	if len(hash) > experiment.MaxHashLen {
		return embedLink{}, fmt.Errorf("url's hash is %d bytes long; the page reads at most %d", len(hash), experiment.MaxHashLen)
	}
	var src strings.Builder
	src.WriteString(origin + "/?" + embedmode.WithMode(u.RawQuery))
	if hash != "" {
		src.WriteString("#" + hash)
	}
	if !onlyBytes(src.String(), linkBytes) {
		// Unreachable: the parts come from a checked link, escaped.
		return embedLink{}, errors.New("url cannot be embedded as it is written")
	}
	return embedLink{src: src.String(), hash: hash}, nil
}
