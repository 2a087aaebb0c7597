//go:build js

package panel

import (
	"playground/experiment"
	"playground/nn"
)

// buildFormula adds the "Formula" section, shown for networks made only
// of KAN layers on a task of the plane: a button snaps every edge to the
// simplest library function that fits it and shows the composed formula
// with each term's R².
func (p *Panel) buildFormula() {
	sec := p.section("Formula")
	out := p.element("pre", "formula")
	out.SetID("formula")
	p.button(sec, "read-formula", "Read the formula", "Snap every edge to a·f(b·x+c)+d and compose them", func() {
		text, err := p.act.Formula()
		if err != nil {
			out.SetTextContent("")
			p.refuse(err.Error())
			return
		}
		out.SetTextContent(text)
	})
	p.buildKANActions(sec, out)
	sec.AppendChild(out)
	p.controls = append(p.controls, &control{row: sec,
		sync: func(experiment.Spec) {},
		visible: func(s experiment.Spec) bool {
			if !s.Data.Set.OnPlane() || len(s.Layers) == 0 {
				return false
			}
			for _, l := range s.Layers {
				if l.Kind != nn.KANLayer {
					return false
				}
			}
			return true
		}})
}
