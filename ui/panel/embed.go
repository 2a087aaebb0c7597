//go:build js

package panel

import (
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/embedmode"
)

// embedBar is an embed's panel: one bar under the picture with the run
// controls the embed's address names, a Settings button opening the
// sections it names over the picture, and the link to the full
// playground.
type embedBar struct {
	p    *Panel
	open *dom.HTMLAnchorElement
}

// NewEmbed builds an embed's panel inside root: only the controls opts
// names (the parts declared under them in parts and runParts).
func NewEmbed(root *dom.BasicHTMLElement, act Actions, opts embedmode.Options) *Panel {
	p := newPanel(root, act, &opts)
	p.Sync()
	return p
}

// buildEmbedBar adds the bar and sends the sections to its settings box.
func (p *Panel) buildEmbedBar() *embedBar {
	b := &embedBar{p: p}
	bar := p.element("section", "run embed-bar")
	p.root.AppendChild(bar)
	p.fillRun(bar)

	settings := p.element("div", "embed-settings")
	settings.SetID("embed-settings")
	settings.SetAttribute("hidden", "")
	p.root.AppendChild(settings)
	p.sections = settings
	if p.embed.Shows(embedmode.Data) || p.embed.Shows(embedmode.Features) ||
		p.embed.Shows(embedmode.Layers) || p.embed.Shows(embedmode.Training) {
		var toggle *dom.HTMLButtonElement
		toggle = p.button(bar, "embed-settings-toggle", "Settings", "Show or hide this experiment's settings", func() {
			hidden := settings.HasAttribute("hidden")
			if hidden {
				settings.RemoveAttribute("hidden")
			} else {
				settings.SetAttribute("hidden", "")
			}
			toggle.SetAttribute("aria-expanded", strconv.FormatBool(hidden))
		})
		toggle.SetAttribute("aria-controls", "embed-settings")
		toggle.SetAttribute("aria-expanded", "false")
	}

	b.open = p.newAnchor()
	b.open.SetID("open-full")
	b.open.SetTextContent("Open in the full playground ↗")
	b.open.SetAttribute("target", "_blank")
	b.open.SetAttribute("rel", "noopener")
	// The experiment changes as it is edited and loaded: the link is
	// brought up to date when followed, too.
	b.open.AddEventListener("click", false, func(dom.Event) { b.sync() })
	b.open.AddEventListener("auxclick", false, func(dom.Event) { b.sync() })
	bar.AppendChild(b.open)
	return b
}

// sync points the link at the current experiment.
func (b *embedBar) sync() {
	b.open.SetHref(b.p.act.Link())
}
