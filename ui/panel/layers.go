//go:build js

package panel

import (
	"fmt"
	"slices"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
	"playground/nn"
)

// layerEditor lists the hidden layers, one row each: kind, units with -/+,
// activation, remove. Rows are rebuilt only when the count changes.
type layerEditor struct {
	p    *Panel
	list dom.HTMLElement
	rows []layerRow
	summ dom.HTMLElement
}

type layerRow struct {
	kind  *dom.HTMLSelectElement
	units dom.HTMLElement
	act   *dom.HTMLSelectElement
}

func (p *Panel) buildLayers() *layerEditor {
	sec := p.section("Hidden layers")
	e := &layerEditor{p: p, list: p.element("div", "layers"), summ: p.element("p", "summary")}
	bar := p.element("div", "row buttons")
	p.button(bar, "add-layer", "+ layer", "Add a hidden layer after the last", func() {
		p.edit(func(s *experiment.Spec) error {
			units, act := 4, nn.Tanh
			if n := len(s.Layers); n > 0 {
				units, act = s.Layers[n-1].Units, s.Layers[n-1].Activation
			}
			s.Layers = append(s.Layers, experiment.LayerSpec{Kind: nn.DenseLayer, Units: units, Activation: act})
			return nil
		})
	})
	p.button(bar, "remove-layer", "− layer", "Remove the last hidden layer", func() {
		p.edit(func(s *experiment.Spec) error {
			if len(s.Layers) == 0 {
				return fmt.Errorf("there is no hidden layer to remove")
			}
			s.Layers = s.Layers[:len(s.Layers)-1]
			return nil
		})
	})
	sec.AppendChild(bar)
	sec.AppendChild(e.list)
	sec.AppendChild(e.summ)
	return e
}

func (e *layerEditor) sync(s experiment.Spec) {
	if len(e.rows) != len(s.Layers) {
		e.rebuild(len(s.Layers))
	}
	for i, l := range s.Layers {
		r := e.rows[i]
		r.kind.SetValue(l.Kind.String())
		r.units.SetTextContent(strconv.Itoa(l.Units))
		r.act.SetValue(l.Activation.String())
	}
	e.summ.SetTextContent(fmt.Sprintf("%d inputs → %s → %d outputs · %d parameters",
		s.Inputs(), layerWidths(s), s.Outputs(), s.NumParams()))
}

func layerWidths(s experiment.Spec) string {
	if len(s.Layers) == 0 {
		return "(no hidden layer)"
	}
	out := ""
	for i, l := range s.Layers {
		if i > 0 {
			out += " → "
		}
		out += strconv.Itoa(l.Units)
	}
	return out
}

func (e *layerEditor) rebuild(n int) {
	p := e.p
	e.list.SetInnerHTML("")
	e.rows = e.rows[:0]
	for i := range n {
		row := p.element("div", "layer")
		row.SetID(fmt.Sprintf("layer-%d", i))
		label := p.element("span", "layer-name")
		label.SetTextContent(strconv.Itoa(i + 1))
		row.AppendChild(label)

		kind := e.selectFor(row, fmt.Sprintf("layer-%d-kind", i), "kind of layer", names(nn.LayerKinds()), func(l *experiment.LayerSpec, v string) (err error) {
			l.Kind, err = nn.ParseLayerKind(v)
			return err
		}, i)
		p.button(row, fmt.Sprintf("layer-%d-minus", i), "−", "One neuron fewer", func() {
			p.edit(func(s *experiment.Spec) error {
				if err := layerIndex(s, i); err != nil {
					return err
				}
				if s.Layers[i].Units <= 1 {
					return fmt.Errorf("layer %d: a layer needs at least one neuron; remove the layer instead", i+1)
				}
				s.Layers[i].Units--
				return nil
			})
		})
		units := p.element("span", "units")
		units.SetID(fmt.Sprintf("layer-%d-units", i))
		row.AppendChild(units)
		p.button(row, fmt.Sprintf("layer-%d-plus", i), "+", "One neuron more", func() {
			p.edit(func(s *experiment.Spec) error {
				if err := layerIndex(s, i); err != nil {
					return err
				}
				s.Layers[i].Units++
				return nil
			})
		})
		act := e.selectFor(row, fmt.Sprintf("layer-%d-activation", i), "activation", names(nn.Activations()), func(l *experiment.LayerSpec, v string) (err error) {
			l.Activation, err = nn.ParseActivation(v)
			return err
		}, i)
		p.button(row, fmt.Sprintf("layer-%d-remove", i), "×", "Remove this layer", func() {
			p.edit(func(s *experiment.Spec) error {
				if err := layerIndex(s, i); err != nil {
					return err
				}
				s.Layers = slices.Delete(s.Layers, i, i+1)
				return nil
			})
		})
		e.list.AppendChild(row)
		e.rows = append(e.rows, layerRow{kind: kind, units: units, act: act})
	}
}

func (e *layerEditor) selectFor(row dom.Element, id, label string, choices []choice,
	set func(*experiment.LayerSpec, string) error, i int) *dom.HTMLSelectElement {
	p := e.p
	sel := p.newSelect(id, choices)
	sel.SetAttribute("aria-label", fmt.Sprintf("layer %d %s", i+1, label))
	sel.AddEventListener("change", false, func(dom.Event) {
		v := sel.Value()
		p.edit(func(s *experiment.Spec) error {
			if err := layerIndex(s, i); err != nil {
				return err
			}
			return set(&s.Layers[i], v)
		})
	})
	row.AppendChild(sel)
	return sel
}

func layerIndex(s *experiment.Spec, i int) error {
	if i >= len(s.Layers) {
		return fmt.Errorf("layer %d no longer exists", i+1)
	}
	return nil
}
