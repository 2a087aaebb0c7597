//go:build js

package panel

import (
	"fmt"

	"honnef.co/go/js/dom/v2"

	"playground/embedmode"
	"playground/experiment"
)

// Actions are what the panel asks of the page. Edit validates and applies
// a new spec or says why not.
type Actions struct {
	Spec       func() experiment.Spec
	Edit       func(experiment.Spec) error
	Running    func() bool
	SetRunning func(bool)
	Step       func()
	Reset      func()
	Link       func() string // the shareable URL of the current experiment
	// Open replaces the experiment with a preset's, as opening its link
	// would, or says why not.
	Open func(experiment.Spec) error
	// Formula reads a network of KAN layers off as formulas, as text, or
	// says why it cannot.
	Formula func() (string, error)
	// Prune prunes a network of KAN layers at a threshold (0: pykan's
	// defaults); Snap snaps its edges to functions and returns the
	// formula as text; Snapped says whether some edge is snapped (kan.go).
	Prune   func(threshold float64) error
	Snap    func() (string, error)
	Snapped func() bool
	// KANEdges lists the KAN edges the graph shows and the kept one's
	// control points; PinKANEdge keeps an edge's plot on the plane
	// (layer -1 lets it go) and SetControlPoint moves one of its points,
	// as clicking and dragging on the canvas do, or say why not;
	// ChooseControlPoint marks the point the keyboard moves on its plot
	// (-1 none) (kanedge.go).
	KANEdges           func() KANEdges
	PinKANEdge         func(layer, from, to int) error
	SetControlPoint    func(layer, from, to, point int, height float64) error
	ChooseControlPoint func(point int)
	// SpikeView is what the spiking pictures show (zero on other tasks);
	// ShowSpikes chooses the example and the traced neuron, or says why
	// not (spikeview.go).
	SpikeView  func() SpikeView
	ShowSpikes func(SpikeView) error
	// EmbedLink is the page address and hash an embed opens (the embed
	// builder adds its query): the current experiment, starting to train
	// when autoplay, from its trained weights when trained (note says why
	// they were left out, when they were). It is the one place that
	// decides what an embed starts from.
	EmbedLink func(autoplay, trained bool) (link, note string)
	// ImportData switches the experiment to the points of a CSV file
	// (then the page calls ShowUpload), or shows why not and keeps the
	// experiment.
	ImportData func(csv string) error
	// LinkWithWeights is Link with the trained weights in it, or why they
	// cannot go in a link; Export is the export file's text; Import loads
	// one (or a preset file) or says why not, keeping the experiment;
	// NewExperiment forgets the autosaved one and opens the default.
	LinkWithWeights func() (string, error)
	Export          func() (string, error)
	Import          func(text string) error
	NewExperiment   func()
}

// Panel is the control panel inside a root element.
type Panel struct {
	doc      dom.Document
	root     *dom.BasicHTMLElement
	act      Actions
	controls []*control

	play    *dom.HTMLButtonElement
	message *dom.BasicHTMLElement
	layers  *layerEditor
	brush   *brush
	link    *dom.HTMLInputElement
	weights shareWeights
	papers  *papersPanel

	// embed is an embed's choice of controls, nil on the full page;
	// sections is where parts' sections go (root, or an embed's settings).
	embed    *embedmode.Options
	sections *dom.BasicHTMLElement
	embedded *embedBar
	builder  *embedBuilder
	upload   *dom.BasicHTMLElement // what the last uploaded file held
}

// part is one piece of the panel, in order. embed is the control an
// embed shows it under ("" for the full page only): an embed builds the
// parts its address names (embedmode.Options), the full page all.
type part struct {
	embed embedmode.Control
	build func(p *Panel)
}

// parts declare the panel; the run bar's own parts are runParts.
var parts = []part{
	{"", (*Panel).buildRun},
	{"", func(p *Panel) { p.papers = p.buildPapers() }},
	{embedmode.Data, (*Panel).buildData},
	{embedmode.Features, (*Panel).buildFeatures},
	{embedmode.Layers, func(p *Panel) { p.layers = p.buildLayers() }},
	{"", (*Panel).buildFormula},
	{embedmode.Layers, (*Panel).buildKANEdge},
	{embedmode.Training, (*Panel).buildTraining},
	{"", (*Panel).buildShare},
	{"", func(p *Panel) { p.builder = p.buildEmbedBuilder() }},
}

// shows says the panel has the parts of control c.
func (p *Panel) shows(c embedmode.Control) bool {
	if p.embed == nil {
		return true
	}
	return c != "" && p.embed.Shows(c)
}

// New builds the full page's panel inside root.
func New(root *dom.BasicHTMLElement, act Actions) *Panel {
	p := newPanel(root, act, nil)
	p.Sync()
	return p
}

// newPanel builds the parts that embed (nil on the full page) shows.
func newPanel(root *dom.BasicHTMLElement, act Actions, embed *embedmode.Options) *Panel {
	p := &Panel{doc: dom.GetWindow().Document(), root: root, act: act, embed: embed, sections: root}
	p.message = p.element("div", "message")
	p.message.SetAttribute("role", "alert")
	p.message.SetID("message")
	p.message.Style().SetProperty("display", "none", "")
	root.AppendChild(p.message)
	if embed != nil {
		p.embedded = p.buildEmbedBar()
	}
	for _, part := range parts {
		if p.shows(part.embed) {
			part.build(p)
		}
	}
	return p
}

// Sync shows the current spec and run state in every control.
func (p *Panel) Sync() {
	s := p.act.Spec()
	for _, c := range p.controls {
		c.sync(s)
		if c.visible != nil {
			setShown(c.row, c.visible(s))
		}
	}
	if p.layers != nil {
		p.layers.sync(s)
	}
	if p.brush != nil {
		p.brush.sync(s)
	}
	p.SyncRunning()
	if p.link != nil {
		p.syncLink()
	}
	if p.embedded != nil {
		p.embedded.sync()
	}
	if p.builder != nil {
		p.builder.sync()
	}
}

// SyncRunning shows whether training runs on the play button.
func (p *Panel) SyncRunning() {
	if p.play == nil {
		return
	}
	if p.act.Running() {
		p.play.SetTextContent("❚❚ Pause")
		p.play.SetAttribute("aria-pressed", "true")
	} else {
		p.play.SetTextContent("▶ Play")
		p.play.SetAttribute("aria-pressed", "false")
	}
}

// ShowMessage shows msg in the panel's alert box, or hides it for "".
func (p *Panel) ShowMessage(msg string) {
	p.message.SetTextContent(msg)
	display := "none"
	if msg != "" {
		display = "block"
	}
	p.message.Style().SetProperty("display", display, "")
}

// Message is the text of the alert box ("" when hidden).
func (p *Panel) Message() string {
	if p.message.Style().GetPropertyValue("display") == "none" {
		return ""
	}
	return p.message.TextContent()
}

// edit applies mutate to a copy of the current spec and hands it on. A
// refused edit shows why and puts the controls back.
func (p *Panel) edit(mutate func(s *experiment.Spec) error) {
	next := p.act.Spec()
	err := mutate(&next)
	// The output layer's width follows the data (classes, regression),
	// and layer options follow the widths.
	next.FitLayers()
	if err == nil {
		err = p.act.Edit(next)
	}
	if err != nil {
		p.refuse(err.Error())
	} else {
		p.ShowMessage("")
	}
	p.Sync()
}

func (p *Panel) refuse(msg string) {
	p.ShowMessage(msg)
	p.Sync()
}

// Brush is what a click on the plane does: add a point of class Brush()
// (or value for regression), remove the nearest point (RemoveNearest), or
// nothing (NoBrush: an embed without the data controls).
func (p *Panel) Brush() int {
	if p.brush == nil {
		return NoBrush
	}
	return p.brush.value()
}

// runParts declare the run bar: the buttons and the pace slider.
var runParts = []struct {
	embed embedmode.Control
	build func(p *Panel, bar *dom.BasicHTMLElement)
}{
	{embedmode.Play, func(p *Panel, bar *dom.BasicHTMLElement) {
		p.play = p.button(bar, "play", "▶ Play", "Start or pause training (space)", func() {
			p.act.SetRunning(!p.act.Running())
			p.SyncRunning()
		})
	}},
	{embedmode.Step, func(p *Panel, bar *dom.BasicHTMLElement) {
		p.button(bar, "step", "Step", "Train one minibatch", func() {
			p.act.SetRunning(false)
			p.act.Step()
			p.SyncRunning()
		})
	}},
	{embedmode.Reset, func(p *Panel, bar *dom.BasicHTMLElement) {
		p.button(bar, "reset", "Reset", "New weights from the seed, step 0", func() {
			p.act.Reset()
			p.ShowMessage("")
			p.Sync()
		})
	}},
	{embedmode.Speed, (*Panel).addSpeed},
}

// buildRun adds the run bar: the full page's first section, or the start
// of an embed's bar.
func (p *Panel) buildRun() {
	bar := p.element("section", "run")
	p.root.AppendChild(bar)
	p.fillRun(bar)
}

func (p *Panel) fillRun(bar *dom.BasicHTMLElement) {
	for _, part := range runParts {
		if p.shows(part.embed) {
			part.build(p, bar)
		}
	}
}

func (p *Panel) buildShare() {
	s := p.section("Share")
	p.link = p.newInput()
	p.link.SetID("link")
	p.link.SetReadOnly(true)
	p.link.SetAttribute("aria-label", "Link to this experiment")
	s.AppendChild(p.link)
	p.buildShareWeights(s)
	status := p.element("span", "copied")
	p.button(s, "copy-link", "Copy link", "Copy a link that reproduces this experiment", func() {
		p.syncLink()
		url := p.link.Value()
		p.link.Select()
		status.SetTextContent("")
		copyText(url, func(err error) {
			if err != nil {
				// The link stays selected: the person copies it.
				p.link.Select()
				status.SetTextContent(fmt.Sprintf("the link is selected: copy it (%v)", err))
				return
			}
			status.SetTextContent("copied")
		})
	})
	s.AppendChild(status)
	p.buildFiles(s)
}
