package embedmode

import (
	"fmt"
	"net/url"
	"strings"
)

// The query keys of embed mode. The hash stays the experiment's, as in
// every link.
const (
	// ModeKey=1 selects embed mode.
	ModeKey = "embed"
	// ControlsKey lists the controls shown, comma-separated; absent means
	// DefaultControls, empty means none.
	ControlsKey = "controls"
)

// maxNamed bounds how many names of a controls list are read: more than
// every control twice is not a list anyone wrote.
const maxNamed = 32

// maxSkippedShown bounds the unknown names Parse reports (each cut to
// 24 bytes), so a hand-edited address cannot fill the page's message.
const maxSkippedShown = 5

// Parse reads a page's query (location.search, with or without its '?').
// on says the page is an embed (embed=1, the first embed value).
// skipped names the controls the list names that this page does not
// know (from a newer page, or mistyped): they are left out, the rest
// kept. A query that cannot be read is an error, and the page then opens
// as the full playground.
func Parse(rawQuery string) (opts Options, on bool, skipped []string, err error) {
	values, err := url.ParseQuery(strings.TrimPrefix(rawQuery, "?"))
	if err != nil {
		return Options{}, false, nil, fmt.Errorf("the page's address cannot be read: %v", err)
	}
	if mode := values[ModeKey]; len(mode) == 0 || mode[0] != "1" {
		return Options{}, false, nil, nil
	}
	list, given := values[ControlsKey]
	if !given {
		return NewOptions(DefaultControls...), true, nil, nil
	}
	var named []Control
	for i, name := range strings.Split(list[0], ",") {
		name = strings.TrimSpace(name)
		switch c := Control(name); {
		case name == "":
		case i >= maxNamed:
			return NewOptions(named...), true, append(skipped, "…"), nil
		case c.known():
			named = append(named, c)
		case len(skipped) < maxSkippedShown:
			if len(name) > 24 {
				name = name[:24] + "…"
			}
			skipped = append(skipped, fmt.Sprintf("%q", name))
		}
	}
	return NewOptions(named...), true, skipped, nil
}

// Query is the query of an embed showing opts: "embed=1&controls=...".
// Control names are plain ASCII words, so nothing needs escaping.
func Query(opts Options) string {
	return ModeKey + "=1&" + ControlsKey + "=" + NewOptions(opts.Controls...).names()
}

// URL is the address of link (a page address with an experiment hash,
// any query of its own dropped) in embed mode with opts.
func URL(link string, opts Options) string {
	page, hash, hasHash := strings.Cut(link, "#")
	page, _, _ = strings.Cut(page, "?")
	u := page + "?" + Query(opts)
	if hasHash {
		u += "#" + hash
	}
	return u
}

// WithMode is a link's query in embed mode: unchanged when it already
// asks for it (keeping its controls), else with embed=1 first (the first
// value of embed is the one read, so a link's own embed=0 gives way).
func WithMode(rawQuery string) string {
	if _, on, _, err := Parse(rawQuery); on && err == nil {
		return rawQuery
	}
	if rawQuery == "" {
		return ModeKey + "=1"
	}
	return ModeKey + "=1&" + rawQuery
}
