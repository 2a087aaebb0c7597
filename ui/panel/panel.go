//go:build js

package panel

import (
	"fmt"

	"honnef.co/go/js/dom/v2"

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
	root     dom.HTMLElement
	act      Actions
	controls []*control

	play    *dom.HTMLButtonElement
	message dom.HTMLElement
	layers  *layerEditor
	brush   *brush
	link    *dom.HTMLInputElement
	weights shareWeights
	papers  *papersPanel
}

// New builds the panel inside root.
func New(root dom.HTMLElement, act Actions) *Panel {
	p := &Panel{doc: dom.GetWindow().Document(), root: root, act: act}
	p.message = p.element("div", "message")
	p.message.SetAttribute("role", "alert")
	p.message.SetID("message")
	p.message.Style().SetProperty("display", "none", "")
	root.AppendChild(p.message)
	p.buildRun()
	p.papers = p.buildPapers()
	p.buildData()
	p.buildFeatures()
	p.layers = p.buildLayers()
	p.buildFormula()
	p.buildTraining()
	p.buildShare()
	p.Sync()
	return p
}

// Sync shows the current spec and run state in every control.
func (p *Panel) Sync() {
	s := p.act.Spec()
	for _, c := range p.controls {
		c.sync(s)
		if c.visible != nil {
			display := ""
			if !c.visible(s) {
				display = "none"
			}
			c.row.Style().SetProperty("display", display, "")
		}
	}
	p.layers.sync(s)
	p.brush.sync(s)
	p.SyncRunning()
	p.syncLink()
}

// SyncRunning shows whether training runs on the play button.
func (p *Panel) SyncRunning() {
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
// (or value for regression), or remove the nearest point when negative.
func (p *Panel) Brush() int { return p.brush.value() }

func (p *Panel) buildRun() {
	s := p.element("section", "run")
	p.root.AppendChild(s)
	p.play = p.button(s, "play", "▶ Play", "Start or pause training (space)", func() {
		p.act.SetRunning(!p.act.Running())
		p.SyncRunning()
	})
	p.button(s, "step", "Step", "Train one minibatch", func() {
		p.act.SetRunning(false)
		p.act.Step()
		p.SyncRunning()
	})
	p.button(s, "reset", "Reset", "New weights from the seed, step 0", func() {
		p.act.Reset()
		p.ShowMessage("")
		p.Sync()
	})
	p.addSpeed(s)
}

func (p *Panel) buildShare() {
	s := p.section("Share")
	p.link = p.doc.CreateElement("input").(*dom.HTMLInputElement)
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
