//go:build js

package panel

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
	"playground/nn"
)

// layerEditor lists the layers, one row each, the output layer last: kind,
// units with -/+ (fixed for the output layer, whose width the data sets),
// activation when the kind takes one, the kind's options as number
// inputs, the layer's parameters and FLOPs, and remove. Everything in a
// row comes from the kind's registry entry, so a new kind needs no panel
// code. Rows are rebuilt when the count or a kind changes.
type layerEditor struct {
	p     *Panel
	list  *dom.BasicHTMLElement
	rows  []layerRow
	kinds []nn.LayerKind // the kind each row was built for
	summ  *dom.BasicHTMLElement
}

type layerRow struct {
	kind    *dom.HTMLSelectElement
	units   *dom.BasicHTMLElement
	act     *dom.HTMLSelectElement
	options []optionControl // in the kind's order
	cost    *dom.BasicHTMLElement
}

func (p *Panel) buildLayers() *layerEditor {
	sec := p.section("Layers")
	e := &layerEditor{p: p, list: p.element("div", "layers"), summ: p.element("p", "summary")}
	bar := p.element("div", "row buttons")
	p.button(bar, "add-layer", "+ layer", "Add a hidden layer before the output layer", func() {
		p.edit(func(s *experiment.Spec) error {
			hidden := s.Hidden()
			next := experiment.NewLayer(nn.DenseLayer, 4, nn.Tanh)
			if n := len(hidden); n > 0 {
				next = hidden[n-1]
				next.Options = maps.Clone(next.Options)
			}
			s.Layers = slices.Insert(s.Layers, len(hidden), next)
			return nil
		})
	})
	p.button(bar, "remove-layer", "− layer", "Remove the last hidden layer", func() {
		p.edit(func(s *experiment.Spec) error {
			n := len(s.Hidden())
			if n == 0 {
				return fmt.Errorf("there is no hidden layer to remove")
			}
			s.Layers = slices.Delete(s.Layers, n-1, n)
			return nil
		})
	})
	sec.AppendChild(bar)
	sec.AppendChild(e.list)
	sec.AppendChild(e.summ)
	return e
}

func (e *layerEditor) sync(s experiment.Spec) {
	kinds := make([]nn.LayerKind, len(s.Layers))
	for i, l := range s.Layers {
		kinds[i] = l.Kind
	}
	if !slices.Equal(kinds, e.kinds) {
		e.rebuild(kinds)
	}
	costs := s.LayerCosts()
	for i, l := range s.Layers {
		r := e.rows[i]
		r.kind.SetValue(string(l.Kind))
		r.units.SetTextContent(strconv.Itoa(l.Units))
		if r.act != nil {
			r.act.SetValue(l.Activation.String())
		}
		for j, o := range l.Kind.Info().Options {
			r.options[j].SetValue(formatOption(l.Options[o.Key]))
		}
		r.cost.SetTextContent(costText(costs[i]))
	}
	total := s.Cost()
	e.summ.SetTextContent(fmt.Sprintf("%d inputs → %s → %d outputs · %d parameters · %s FLOPs per sample",
		s.Inputs(), layerWidths(s), s.Outputs(), total.Params, count(total.FLOPs)))
}

func costText(c experiment.Cost) string {
	return fmt.Sprintf("%d params · %s FLOPs", c.Params, count(c.FLOPs))
}

// count writes a large count briefly: 950, 12.3k, 4.5M.
func count(n int) string {
	switch {
	case n >= 1e6:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + "M"
	case n >= 1e4:
		return strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64) + "k"
	}
	return strconv.Itoa(n)
}

func formatOption(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }

func layerWidths(s experiment.Spec) string {
	hidden := s.Hidden()
	if len(hidden) == 0 {
		return "(no hidden layer)"
	}
	out := ""
	for i, l := range hidden {
		if i > 0 {
			out += " → "
		}
		out += strconv.Itoa(l.Units)
	}
	return out
}

func kindChoices(output bool) []choice {
	var c []choice
	for _, k := range nn.LayerKinds() {
		if !output || k.CanOutput {
			c = append(c, choice{k.Label, string(k.Kind)})
		}
	}
	return c
}

func (e *layerEditor) rebuild(kinds []nn.LayerKind) {
	p := e.p
	e.list.SetInnerHTML("")
	e.rows = e.rows[:0]
	e.kinds = kinds
	for i, kind := range kinds {
		output := i == len(kinds)-1
		info := kind.Info()
		row := p.element("div", "layer")
		row.SetID(fmt.Sprintf("layer-%d", i))
		label := p.element("span", "layer-name")
		label.SetTextContent(strconv.Itoa(i + 1))
		if output {
			label.SetTextContent("out")
			label.SetTitle("The output layer: its width is set by the data")
		}
		row.AppendChild(label)

		var r layerRow
		r.kind = e.selectFor(row, fmt.Sprintf("layer-%d-kind", i), "kind of layer", kindChoices(output), func(l *experiment.LayerSpec, v string) error {
			k, err := nn.ParseLayerKind(v)
			if err != nil {
				return err
			}
			*l = experiment.NewLayer(k, l.Units, l.Activation)
			if !k.Info().TakesActivation {
				l.Activation = nn.Linear
			}
			return nil
		}, i)
		r.kind.SetTitle(info.Help)
		r.units = p.element("span", "units")
		r.units.SetID(fmt.Sprintf("layer-%d-units", i))
		if output {
			row.AppendChild(r.units)
		} else {
			e.unitButtons(row, r.units, i)
		}
		if info.TakesActivation {
			r.act = e.selectFor(row, fmt.Sprintf("layer-%d-activation", i), "activation", names(nn.Activations()), func(l *experiment.LayerSpec, v string) (err error) {
				l.Activation, err = nn.ParseActivation(v)
				return err
			}, i)
		}
		for _, o := range info.Options {
			r.options = append(r.options, e.optionInput(row, i, o))
		}
		if !output {
			remove := p.button(row, fmt.Sprintf("layer-%d-remove", i), "×", "Remove this layer", func() {
				p.edit(func(s *experiment.Spec) error {
					if err := layerIndex(s, i); err != nil {
						return err
					}
					s.Layers = slices.Delete(s.Layers, i, i+1)
					return nil
				})
			})
			remove.SetAttribute("aria-label", fmt.Sprintf("Remove layer %d", i+1))
		}
		r.cost = p.element("span", "layer-cost")
		r.cost.SetID(fmt.Sprintf("layer-%d-cost", i))
		row.AppendChild(r.cost)
		e.list.AppendChild(row)
		e.rows = append(e.rows, r)
	}
}

// unitButtons adds − units + for hidden layer i.
func (e *layerEditor) unitButtons(row *dom.BasicHTMLElement, units *dom.BasicHTMLElement, i int) {
	p := e.p
	fewer := p.button(row, fmt.Sprintf("layer-%d-minus", i), "−", "One neuron fewer", func() {
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
	fewer.SetAttribute("aria-label", fmt.Sprintf("Layer %d: one neuron fewer", i+1))
	row.AppendChild(units)
	more := p.button(row, fmt.Sprintf("layer-%d-plus", i), "+", "One neuron more", func() {
		p.edit(func(s *experiment.Spec) error {
			if err := layerIndex(s, i); err != nil {
				return err
			}
			s.Layers[i].Units++
			return nil
		})
	})
	more.SetAttribute("aria-label", fmt.Sprintf("Layer %d: one neuron more", i+1))
}

// optionControl is an option's input: a number field, or a menu for an
// option with named choices.
type optionControl interface {
	SetValue(string)
	Value() string
}

// optionInput is the control for option o of layer i, labelled with the
// option's name: a menu of its Choices when it has them, else a number
// input whose range and step are the registry's.
func (e *layerEditor) optionInput(row *dom.BasicHTMLElement, i int, o nn.Option) optionControl {
	p := e.p
	id := fmt.Sprintf("layer-%d-opt-%s", i, o.Key)
	l := p.element("label", "option")
	l.SetAttribute("for", id)
	l.SetTextContent(o.Label)
	l.SetTitle(o.Help)
	// el is the input as an element, in its value: one of two concrete
	// types, held without dom/v2's element interfaces (docs/DESIGN.md).
	var el *dom.BasicHTMLElement
	var in optionControl
	if len(o.Choices) > 0 {
		var choices []choice
		for k, name := range o.Choices {
			choices = append(choices, choice{name, formatOption(o.Min + float32(k))})
		}
		sel := p.newSelect(id, choices)
		el, in = sel.BasicHTMLElement, sel
	} else {
		num := p.newInput()
		num.SetType("number")
		num.SetID(id)
		num.SetAttribute("min", formatOption(o.Min))
		num.SetAttribute("max", formatOption(o.Max))
		num.SetAttribute("step", "any")
		if o.Integer {
			num.SetAttribute("step", "1")
		}
		el, in = num.BasicHTMLElement, num
	}
	el.SetAttribute("aria-label", fmt.Sprintf("layer %d %s", i+1, o.Label))
	el.AddEventListener("change", false, func(dom.Event) {
		v, err := strconv.ParseFloat(in.Value(), 32)
		if err != nil {
			p.refuse(o.Label + ": enter a number")
			return
		}
		p.edit(func(s *experiment.Spec) error {
			if err := layerIndex(s, i); err != nil {
				return err
			}
			if s.Layers[i].Kind.Info().Option(o.Key) == nil {
				return fmt.Errorf("layer %d no longer has the option %s", i+1, o.Label)
			}
			s.Layers[i].Options[o.Key] = float32(v)
			return nil
		})
	})
	row.AppendChild(l)
	row.AppendChild(el)
	return in
}

func (e *layerEditor) selectFor(row *dom.BasicHTMLElement, id, label string, choices []choice,
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
