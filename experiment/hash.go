package experiment

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ErrEmptyHash is DecodeHash's error for an empty hash (or a lone "#"): a
// link without settings, for which the page opens Default.
var ErrEmptyHash = errors.New("the link carries no experiment settings")

// hashFormats holds every version of the hash format ever written, oldest
// first: hashFormats[i] reads links with v=i+1 and the last one writes new
// links. Old versions are never dropped, so every link keeps working.
//
// To add version N+1: write its file with its own table and frozen
// baseline, append it here, and give version N a migrate function that
// turns what it decodes into what version N+1 means. Older files stay as
// they are.
var hashFormats = []*hashFormat{hashV1, hashV2}

// EncodeHash writes s as a URL hash without the leading '#', such as
// "v=1&d=circle&n=500&...". Properties that do not matter for s's choices
// are left out when they equal their baseline. A valid s reads back as an
// equal spec; an invalid one writes a link that DecodeHash rejects.
func EncodeHash(s Spec) string {
	return hashFormats[len(hashFormats)-1].encode(s)
}

// WithoutUnused is the spec as its link reads back: every setting the
// experiment does not use (momentum under Adam, a schedule's constants
// under a constant rate) at the current format's baseline value.
func WithoutUnused(s Spec) Spec {
	return hashFormats[len(hashFormats)-1].withoutUnused(s)
}

// DecodeHash reads a URL hash written by any version of EncodeHash, with or
// without its leading '#', and returns the spec only if it is valid. Errors
// name the offending key. Links over MaxHashLen bytes are refused unread.
//
// Keys that this page does not know but a newer one might write are not
// errors: they are skipped and listed in ignored (at most a few), so that
// a link with a newer page's extra view settings still opens.
func DecodeHash(h string) (spec Spec, ignored []string, err error) {
	if len(h) > MaxHashLen {
		return Spec{}, nil, fmt.Errorf("the link's settings are %d bytes long; at most %d are read", len(h), MaxHashLen)
	}
	h = strings.TrimPrefix(h, "#")
	if strings.Contains(h, "%") {
		// Some chat apps and mail clients escape ':' or ',' in links they
		// pass on; the encoder itself never writes '%'.
		unescaped, err := url.PathUnescape(h)
		if err != nil {
			return Spec{}, nil, fmt.Errorf("the link has a broken %%-escape: %v", err)
		}
		h = unescaped
	}
	if h == "" {
		return Spec{}, nil, ErrEmptyHash
	}
	first, rest, hasMore := strings.Cut(h, "&")
	version, err := parseHashVersion(first)
	if err != nil {
		return Spec{}, nil, err
	}
	f := hashFormats[version-1]
	s, ignored, err := f.decode(rest, hasMore)
	if err != nil {
		return Spec{}, nil, err
	}
	for _, later := range hashFormats[version-1:] {
		if later.migrate != nil {
			later.migrate(&s)
		}
	}
	if err := s.Validate(); err != nil {
		return Spec{}, nil, f.nameKeys(err)
	}
	return s, ignored, nil
}

// parseHashVersion reads the first pair of a hash, which must be v=N for a
// version this package reads.
func parseHashVersion(pair string) (int, error) {
	latest := len(hashFormats)
	key, value, _ := strings.Cut(pair, "=")
	if key != "v" {
		return 0, fmt.Errorf("a link's settings start with v=<version>, not %s", quoteClip(pair))
	}
	if value == "" || strings.Trim(value, "0123456789") != "" {
		return 0, fmt.Errorf("key \"v\": %s is not a version number", quoteClip(value))
	}
	version, err := strconv.Atoi(value)
	if err != nil || version > latest {
		return 0, fmt.Errorf("this link was made by a newer version (v=%s); this page reads up to v=%d", clip(value), latest)
	}
	if version < 1 {
		return 0, fmt.Errorf("key \"v\": versions start at 1, not %s", clip(value))
	}
	return version, nil
}
