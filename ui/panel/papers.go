//go:build js

package panel

import (
	"fmt"
	"strings"

	"honnef.co/go/js/dom/v2"

	"playground/assets/catalog"
	"playground/experiment"
)

// The catalogs and presets as static files, relative to the page: opening
// the Papers panel never starts the Worker's Go (see worker/).
const (
	papersURL      = "assets/papers.json"
	presetIndexURL = "assets/presets/index.json"
)

func presetURL(id string) string { return "assets/presets/" + id + ".json" }

// papersPanel is the "Papers and presets" section: the classic
// experiments and the seed papers, searchable by title or tag, each
// preset one click from the playground. It loads the catalogs the first
// time it is opened.
type papersPanel struct {
	p        *Panel
	details  *dom.BasicHTMLElement
	search   *dom.HTMLInputElement
	status   *dom.BasicHTMLElement
	list     *dom.BasicHTMLElement
	loading  bool
	loaded   bool
	entries  []*papersEntry
	headings []*dom.BasicHTMLElement
}

// buildPapers adds the section, closed.
func (p *Panel) buildPapers() *papersPanel {
	pp := &papersPanel{p: p}
	sec := p.element("section", "papers")
	p.root.AppendChild(sec)
	pp.details = p.element("details", "")
	pp.details.SetID("papers")
	sec.AppendChild(pp.details)
	summary := p.element("summary", "")
	summary.SetTextContent("Papers and presets")
	pp.details.AppendChild(summary)

	pp.search = p.newInput()
	pp.search.SetType("search")
	pp.search.SetID("papers-search")
	pp.search.SetAttribute("placeholder", "Search by title or tag")
	pp.search.SetAttribute("aria-label", "Search papers and presets by title or tag")
	pp.search.AddEventListener("input", false, func(dom.Event) { pp.filter() })
	pp.details.AppendChild(pp.search)
	pp.status = p.element("div", "summary")
	pp.status.SetID("papers-status")
	pp.details.AppendChild(pp.status)
	pp.list = p.element("div", "papers-list")
	pp.list.SetID("papers-list")
	pp.details.AppendChild(pp.list)

	pp.details.AddEventListener("toggle", false, func(dom.Event) {
		if pp.details.HasAttribute("open") {
			pp.load()
		}
	})
	return pp
}

// load fetches the preset index, then the papers, once (again after a
// failure, on the next opening).
func (pp *papersPanel) load() {
	if pp.loading || pp.loaded {
		return
	}
	pp.loading = true
	pp.status.SetTextContent("Loading the catalog…")
	fail := func(err error) {
		pp.loading = false
		pp.status.SetTextContent(fmt.Sprintf("The catalog could not be loaded (%v). Close and open this section to try again.", err))
	}
	fetchBytes(presetIndexURL, func(b []byte, err error) {
		var presets catalog.Presets
		if err == nil {
			presets, err = catalog.DecodePresets(b)
		}
		if err != nil {
			fail(err)
			return
		}
		fetchBytes(papersURL, func(b []byte, err error) {
			var papers catalog.Papers
			if err == nil {
				papers, err = catalog.DecodePapers(b)
			}
			if err != nil {
				fail(err)
				return
			}
			pp.loading, pp.loaded = false, true
			pp.render(papers, presets)
			pp.filter()
		})
	})
}

// open fetches a preset's experiment and hands it to the page, which
// replaces the running experiment and the link.
func (pp *papersPanel) open(preset catalog.Preset) {
	pp.status.SetTextContent("Opening “" + preset.Title + "”…")
	pp.p.OpenPreset(preset.ID, func(err error) {
		if err != nil {
			pp.status.SetTextContent("")
			pp.p.refuse(fmt.Sprintf("The preset “%s” could not be opened: %v", preset.Title, err))
			return
		}
		pp.status.SetTextContent("Opened “" + preset.Title + "”.")
	})
}

// OpenPreset fetches the preset with this id and opens it as the Papers
// panel does: it replaces the running experiment and the link, and the
// panel shows it. done gets nil, or why the preset was not opened (then
// nothing changed).
func (p *Panel) OpenPreset(id string, done func(error)) {
	if !catalog.IsID(id) {
		done(fmt.Errorf("%q is not a preset id", id))
		return
	}
	fetchBytes(presetURL(id), func(b []byte, err error) {
		var spec experiment.Spec
		if err == nil {
			spec, err = experiment.DecodeJSON(b)
		}
		if err == nil {
			err = p.act.Open(spec)
		}
		if err == nil {
			p.ShowMessage("")
			p.Sync()
		}
		done(err)
	})
}

// filter shows the entries matching the search box.
func (pp *papersPanel) filter() {
	if !pp.loaded {
		return
	}
	query := strings.ToLower(strings.TrimSpace(pp.search.Value()))
	shown := 0
	shownInGroup := make([]int, len(pp.headings))
	for _, e := range pp.entries {
		match := e.matches(query)
		if match {
			shown++
			shownInGroup[e.group]++
		}
		setShown(e.el, match)
	}
	for i, h := range pp.headings {
		setShown(h, shownInGroup[i] > 0)
	}
	pp.status.SetTextContent(fmt.Sprintf("%d of %d shown", shown, len(pp.entries)))
}
