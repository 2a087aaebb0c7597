//go:build browser

package e2e

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// focused describes the element that has the keyboard focus: its
// accessible name as a screen reader would start to compute it, and where
// it is on the page.
type focused struct {
	Tag, Name   string
	Top, Left   float64
	Width       float64
	Visible     bool
	InPanel     bool
	Body, Valid bool
}

const describeFocus = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {Body: true};
	const r = e.getBoundingClientRect();
	const label = e.labels && e.labels.length ? e.labels[0].textContent : "";
	const by = e.getAttribute("aria-labelledby");
	const named = by ? by.split(" ").map(id => (document.getElementById(id) || {}).textContent || "").join(" ") : "";
	const text = (e.tagName === "BUTTON" || e.tagName === "A" || e.tagName === "SUMMARY") ? e.textContent : "";
	const name = (e.getAttribute("aria-label") || named || label || text || e.title || "").trim();
	// Where it is in the page's content: the panel scrolls on its own as
	// the focus moves, so its scroll offset is added back.
	const panel = e.closest("#panel");
	const top = panel ? r.top - panel.getBoundingClientRect().top + panel.scrollTop : r.top + scrollY;
	return {Tag: e.tagName + (e.id ? "#" + e.id : ""), Name: name, Top: top, Left: r.left + scrollX, Width: r.width,
		Visible: r.width > 0 && r.height > 0, InPanel: !!panel, Valid: true};
})()`

// pressTab presses and releases the Tab key, as a keyboard does.
var pressTab = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		p := input.DispatchKeyEventParams{Type: typ, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9}
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, p); err != nil {
			return err
		}
	}
	return nil
})

// Pressing Tab walks the panel's controls in the order they appear (top
// to bottom, left to right within a row), each with a name; nothing
// invisible takes the focus. (The canvas is a picture, role img with its
// name, and takes no keyboard input, so it is not a stop.)
func TestKeyboardFocusFollowsTheLayout(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	call(t, tab, `window.playground.pause(); document.activeElement && document.activeElement.blur()`)
	var seen []focused
	for range 150 {
		if err := chromedp.Do(tab, pressTab); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(tab, chromedp.Evaluate[focused](describeFocus))
		if err != nil {
			t.Fatal(err)
		}
		if f.Body || len(seen) > 0 && f == seen[0] {
			break // round the page and back
		}
		seen = append(seen, f)
	}
	if len(seen) < 10 {
		t.Fatalf("Tab reached only %d elements: %+v", len(seen), seen)
	}
	var order []string
	for i, f := range seen {
		order = append(order, f.Tag+" "+f.Name)
		if !f.Visible {
			t.Errorf("focus %d went to an invisible %s %q", i, f.Tag, f.Name)
		}
		if !strings.ContainsFunc(f.Name, unicode.IsLetter) {
			t.Errorf("focus %d, %s at (%.0f, %.0f), has no accessible name in words: %q", i, f.Tag, f.Left, f.Top, f.Name)
		}
		if i == 0 || !f.InPanel || !seen[i-1].InPanel {
			continue
		}
		// Within the panel: the next control is below, or in the same row
		// to the right (rows are a few pixels tall apart at most).
		prev := seen[i-1]
		if f.Top < prev.Top-4 || f.Top < prev.Top+4 && f.Left < prev.Left {
			t.Errorf("focus goes back up the panel: %s %q at (%.0f, %.0f) after %s %q at (%.0f, %.0f)",
				f.Tag, f.Name, f.Left, f.Top, prev.Tag, prev.Name, prev.Left, prev.Top)
		}
	}
	t.Logf("%d stops: %s", len(seen), strings.Join(order, " | "))
	screenshot(t, tab, "a11y-focus-order")
}
