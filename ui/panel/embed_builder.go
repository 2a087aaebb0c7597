//go:build js

package panel

import (
	"fmt"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"playground/embedmode"
)

// embedBuilder is the full page's "Embed" section: it writes the iframe
// snippet that puts the current experiment into a blog post, with the
// size, controls and autoplay chosen here, and previews it live in a
// dialog. Its choices are the page's, not the experiment's: they are in
// no link.
type embedBuilder struct {
	p             *Panel
	width, height int
	controls      map[embedmode.Control]*dom.HTMLInputElement
	autoplay      *dom.HTMLInputElement
	trained       *dom.HTMLInputElement // start from the trained weights
	snippet       *dom.HTMLTextAreaElement
	status        *dom.BasicHTMLElement
	dialog        *dom.BasicHTMLElement
	preview       *dom.BasicHTMLElement // the preview's iframe
	previewing    string                // the address the preview shows
}

// buildEmbedBuilder adds the section, closed (its preview loads a second
// playground only when asked).
func (p *Panel) buildEmbedBuilder() *embedBuilder {
	b := &embedBuilder{p: p, width: embedmode.DefaultWidth, height: embedmode.DefaultHeight,
		controls: map[embedmode.Control]*dom.HTMLInputElement{}}
	sec := p.element("section", "embed-builder")
	p.sections.AppendChild(sec)
	details := p.element("details", "")
	details.SetID("embed-builder")
	sec.AppendChild(details)
	summary := p.element("summary", "")
	summary.SetTextContent("Embed in a page")
	details.AppendChild(summary)

	b.sizeField(details, "embed-width", "Width (px)", embedmode.MinWidth, embedmode.MaxWidth, &b.width)
	b.sizeField(details, "embed-height", "Height (px)", embedmode.MinHeight, embedmode.MaxHeight, &b.height)
	box := p.element("div", "embed-controls")
	box.SetAttribute("role", "group")
	box.SetAttribute("aria-label", "Controls the embed shows")
	details.AppendChild(box)
	for _, c := range embedmode.Controls() {
		b.controls[c] = b.check(box, "embed-control-"+string(c), c.Label())
		b.controls[c].SetChecked(embedmode.NewOptions(embedmode.DefaultControls...).Shows(c))
	}
	b.autoplay = b.check(details, "embed-autoplay", "Start training when shown")
	b.trained = b.check(details, "embed-trained", "Start from the trained weights")

	b.snippet = p.newTextArea()
	b.snippet.SetID("embed-snippet")
	b.snippet.SetReadOnly(true)
	b.snippet.SetAttribute("rows", "4")
	b.snippet.SetAttribute("aria-label", "Embed code to paste into a page")
	details.AppendChild(b.snippet)
	row := p.element("div", "row buttons")
	details.AppendChild(row)
	b.status = p.element("span", "copied")
	p.button(row, "copy-embed", "Copy code", "Copy the embed code", func() {
		b.sync()
		b.snippet.Select()
		b.status.SetTextContent("")
		copyText(b.snippet.Value(), func(err error) {
			if err != nil {
				b.snippet.Select()
				b.status.SetTextContent(fmt.Sprintf("the code is selected: copy it (%v)", err))
				return
			}
			b.status.SetTextContent("copied")
		})
	})
	p.button(row, "preview-embed", "Preview", "Show the embed as a page will", b.showPreview)
	row.AppendChild(b.status)
	b.buildPreview()
	return b
}

// sizeField adds a number input for a size in pixels between lo and hi.
// A value outside is refused in the builder's status line, and the last
// good one kept.
func (b *embedBuilder) sizeField(parent *dom.BasicHTMLElement, id, label string, lo, hi int, v *int) {
	p := b.p
	in := p.newInput()
	in.SetType("number")
	in.SetID(id)
	in.SetAttribute("min", strconv.Itoa(lo))
	in.SetAttribute("max", strconv.Itoa(hi))
	in.SetAttribute("step", "1")
	in.SetValue(strconv.Itoa(*v))
	p.labelled(parent, label, id, in.BasicHTMLElement)
	in.AddEventListener("change", false, func(dom.Event) {
		n, err := strconv.Atoi(strings.TrimSpace(in.Value()))
		if err != nil || n < lo || n > hi {
			b.status.SetTextContent(fmt.Sprintf("%s: give a whole number from %d to %d", label, lo, hi))
			in.SetValue(strconv.Itoa(*v))
			return
		}
		*v = n
		b.status.SetTextContent("")
		b.sync()
	})
}

// check adds a checkbox that refreshes the snippet.
func (b *embedBuilder) check(parent *dom.BasicHTMLElement, id, label string) *dom.HTMLInputElement {
	in, _ := b.p.checkbox(parent, id, label)
	in.AddEventListener("change", false, func(dom.Event) { b.sync() })
	return in
}

// options are the controls ticked.
func (b *embedBuilder) options() embedmode.Options {
	var cs []embedmode.Control
	for _, c := range embedmode.Controls() {
		if b.controls[c].Checked() {
			cs = append(cs, c)
		}
	}
	return embedmode.NewOptions(cs...)
}

// src is the embed's address: the experiment's link (Actions.EmbedLink)
// in embed mode; note says why trained weights were left out of it.
func (b *embedBuilder) src() (src, note string) {
	link, note := b.p.act.EmbedLink(b.autoplay.Checked(), b.trained.Checked())
	return embedmode.URL(link, b.options()), note
}

// sync writes the snippet for the current experiment and choices, and
// shows them in the open preview. The snippet is text in a textarea;
// nothing of it is parsed as HTML here.
func (b *embedBuilder) sync() {
	src, note := b.src()
	if note != "" || b.trained.Checked() {
		b.status.SetTextContent(note) // text, never HTML
	}
	_, hash, _ := strings.Cut(src, "#")
	b.snippet.SetValue(embedmode.Snippet(src, embedmode.Title(hash), b.width, b.height))
	if b.previewing != "" {
		b.showIn(src)
	}
}

// buildPreview adds the preview dialog, empty until shown.
func (b *embedBuilder) buildPreview() {
	p := b.p
	b.dialog = p.element("dialog", "embed-preview")
	b.dialog.SetID("embed-preview")
	b.dialog.SetAttribute("aria-label", "Preview of the embed")
	head := p.element("div", "row")
	title := p.element("span", "")
	title.SetTextContent("Preview: the embed as a page shows it")
	head.AppendChild(title)
	p.button(head, "close-preview", "Close", "Close the preview", func() {
		b.dialog.Underlying().Call("close")
	})
	b.dialog.AppendChild(head)
	b.preview = p.element("iframe", "")
	b.preview.SetAttribute("title", "Preview of the embedded playground")
	b.dialog.AppendChild(b.preview)
	// A closed preview stops its playground: it would train unseen.
	b.dialog.AddEventListener("close", false, func(dom.Event) {
		b.preview.RemoveAttribute("src")
		b.previewing = ""
	})
	p.root.AppendChild(b.dialog)
}

func (b *embedBuilder) showPreview() {
	src, _ := b.src()
	b.showIn(src)
	if !b.dialog.HasAttribute("open") {
		b.dialog.Underlying().Call("showModal")
	}
}

// showIn loads src into the preview at the chosen size, unless it shows
// it already (a reload restarts the playground there).
func (b *embedBuilder) showIn(src string) {
	b.preview.SetAttribute("width", strconv.Itoa(b.width))
	b.preview.SetAttribute("height", strconv.Itoa(b.height))
	if src != b.previewing {
		b.preview.SetAttribute("src", src)
		b.previewing = src
	}
}
