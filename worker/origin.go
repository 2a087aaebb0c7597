package worker

import (
	"net/http"
	"strconv"
	"strings"
)

// requestOrigin is the origin a request was sent to, "scheme://host" with
// a port only when it is not the scheme's default, in lowercase. The
// Worker receives absolute URLs (https://name.workers.dev/...), so their
// scheme and host are taken; a net/http server receives paths, so the
// scheme follows TLS and the host is the Host header. false: the host is
// not a plain host name or address (never trusted into a link).
func requestOrigin(r *http.Request) (string, bool) {
	scheme, host := r.URL.Scheme, r.URL.Host
	if scheme == "" || host == "" {
		scheme, host = "http", r.Host
		if r.TLS != nil {
			scheme = "https"
		}
	}
	return makeOrigin(scheme, host)
}

// makeOrigin writes scheme and host as an origin (see requestOrigin),
// refusing schemes other than http and https and hosts that are not
// valid (see validHost).
func makeOrigin(scheme, host string) (string, bool) {
	scheme, host = strings.ToLower(scheme), strings.ToLower(host)
	defaultPort := map[string]string{"http": ":80", "https": ":443"}[scheme]
	if defaultPort == "" || !validHost(host) {
		return "", false
	}
	return scheme + "://" + strings.TrimSuffix(host, defaultPort), true
}

// maxHostLength bounds a host: a DNS name (253) with a port.
const maxHostLength = 253 + len(":65535")

// validHost reports whether host is a DNS name, an IPv4 address or a
// bracketed IPv6 address, with an optional port: letters, digits, '.',
// '-' (and ':' inside brackets) only, so that it can be written into a
// link or an attribute as it is.
func validHost(host string) bool {
	if host == "" || len(host) > maxHostLength {
		return false
	}
	name, port := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return false
		}
		name, port = host[:end+1], host[end+1:]
		if !onlyBytes(name[1:end], "0123456789abcdefABCDEF:.") || !strings.Contains(name, ":") {
			return false
		}
	} else {
		if i := strings.IndexByte(host, ':'); i >= 0 {
			name, port = host[:i], host[i:]
		}
		if name == "" || !onlyBytes(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") {
			return false
		}
	}
	if port == "" {
		return true
	}
	digits, ok := strings.CutPrefix(port, ":")
	n, err := strconv.Atoi(digits)
	return ok && len(digits) <= 5 && onlyBytes(digits, "0123456789") && err == nil && n > 0 && n <= 65535
}

// onlyBytes reports whether s is non-empty and every byte of s is in set.
func onlyBytes(s, set string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}
