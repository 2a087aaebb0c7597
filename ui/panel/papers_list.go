//go:build js

package panel

import (
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"playground/assets/catalog"
)

// papersEntry is one listed preset or paper and what search matches.
type papersEntry struct {
	el    *dom.BasicHTMLElement
	group int      // index into papersPanel.headings
	title string   // lower case
	tags  []string // lower case
}

// matches reports whether the entry's title contains query or a tag
// starts with it; "" matches everything.
func (e *papersEntry) matches(query string) bool {
	if query == "" || strings.Contains(e.title, query) {
		return true
	}
	for _, t := range e.tags {
		if strings.HasPrefix(t, query) {
			return true
		}
	}
	return false
}

// render lists the classic experiments, then every paper.
func (pp *papersPanel) render(papers catalog.Papers, presets catalog.Presets) {
	pp.list.SetInnerHTML("")
	pp.entries, pp.headings = nil, nil
	pp.heading("Classic experiments")
	for _, preset := range presets.Presets {
		if preset.Group != catalog.GroupClassic {
			continue
		}
		el := pp.p.element("article", "paper preset-item")
		el.SetAttribute("data-preset-item", preset.ID)
		pp.text(el, "h3", "", preset.Title)
		pp.text(el, "p", "paper-summary", preset.Summary)
		pp.openButton(el, preset, "Open in playground")
		pp.add(el, preset.Title, []string{"classic"})
	}
	pp.heading("Papers")
	for _, paper := range papers.Papers {
		el := pp.p.element("article", "paper paper-item")
		el.SetAttribute("data-paper", paper.ID)
		pp.text(el, "h3", "", paper.Title)
		meta := pp.text(el, "div", "paper-meta", paper.Date+" · "+authors(paper.Authors))
		if paper.Code != "" {
			a := pp.p.element("a", "")
			a.SetAttribute("href", paper.Code)
			a.SetAttribute("target", "_blank")
			a.SetAttribute("rel", "noopener noreferrer")
			a.SetTextContent("code")
			meta.AppendChild(pp.p.doc.CreateTextNode(" · "))
			meta.AppendChild(a)
		}
		tags := pp.p.element("div", "tags")
		for _, t := range paper.Tags {
			pp.text(tags, "span", "tag", t)
		}
		el.AppendChild(tags)
		pp.text(el, "p", "paper-summary", paper.Summary)
		var listed []catalog.Preset
		for _, id := range paper.Presets {
			if preset, ok := presets.Find(id); ok {
				pp.openButton(el, preset, "Open in playground: "+preset.Title)
				listed = append(listed, preset)
			}
		}
		for _, c := range comparisons(listed) {
			pp.compareLink(el, c)
		}
		if len(paper.Presets) == 0 {
			lead := "Not in the playground yet: "
			if paper.Demo == catalog.DemoNone {
				lead = "Beyond a small browser network: "
			}
			pp.text(el, "p", "paper-reason", lead+paper.Reason)
		}
		pp.add(el, paper.Title, paper.Tags)
	}
}

func (pp *papersPanel) add(el *dom.BasicHTMLElement, title string, tags []string) {
	pp.list.AppendChild(el)
	group := len(pp.headings) - 1
	lower := make([]string, len(tags))
	for i, t := range tags {
		lower[i] = strings.ToLower(t)
	}
	pp.entries = append(pp.entries, &papersEntry{el: el, group: group, title: strings.ToLower(title), tags: lower})
}

// heading starts a group of entries; search hides it when none of them
// matches.
func (pp *papersPanel) heading(title string) {
	pp.headings = append(pp.headings, pp.text(pp.list, "h2", "", title))
}

// text appends an element holding text (never HTML: the catalog is data).
func (pp *papersPanel) text(parent *dom.BasicHTMLElement, tag, class, text string) *dom.BasicHTMLElement {
	el := pp.p.element(tag, class)
	el.SetTextContent(text)
	parent.AppendChild(el)
	return el
}

func (pp *papersPanel) openButton(parent *dom.BasicHTMLElement, preset catalog.Preset, label string) {
	b := pp.p.newButton()
	b.SetAttribute("class", "open-preset")
	b.SetAttribute("data-preset", preset.ID)
	b.SetTextContent(label)
	b.SetTitle(preset.Summary)
	b.AddEventListener("click", false, func(dom.Event) { pp.open(preset) })
	parent.AppendChild(b)
}

// compareLink opens a side-by-side page of the paper's presets in a new
// tab: a page of embeds, each training its own network.
func (pp *papersPanel) compareLink(parent *dom.BasicHTMLElement, c comparison) {
	a := pp.p.element("a", "compare-presets")
	a.SetAttribute("href", c.link)
	a.SetAttribute("target", "_blank")
	a.SetAttribute("rel", "noopener")
	a.SetTextContent(c.label)
	parent.AppendChild(a)
}

func authors(n int) string {
	if n == 1 {
		return "1 author"
	}
	return strconv.Itoa(n) + " authors"
}
