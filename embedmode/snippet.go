package embedmode

import (
	"fmt"
	"html"
)

// The embed's size bounds in CSS pixels, for the builder and oEmbed: the
// smallest a playground is usable in, the largest that is not absurd.
const (
	DefaultWidth  = 600
	DefaultHeight = 400
	MinWidth      = 200
	MaxWidth      = 1920
	MinHeight     = 150
	MaxHeight     = 1200
)

// ReferrerPolicy is the embed's: other sites learn the origin only.
const ReferrerPolicy = "strict-origin-when-cross-origin"

// Snippet is the embed code for src: an iframe, lazily loaded, with no
// permission but writing to the clipboard (the panel's Copy link). No
// sandbox: a sandboxed frame has an opaque origin, and the page's
// fetches of its own build/ files would become cross-origin ones that
// fail. Every value is HTML-escaped.
func Snippet(src, title string, width, height int) string {
	return fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" loading="lazy" allow="clipboard-write" `+
		`referrerpolicy="%s" style="border:0;max-width:100%%"></iframe>`,
		html.EscapeString(src), width, height, html.EscapeString(title), ReferrerPolicy)
}
