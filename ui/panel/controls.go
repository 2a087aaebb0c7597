//go:build js

package panel

import (
	"fmt"
	"math"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
)

// control is one input bound to a part of the spec.
type control struct {
	row     *dom.BasicHTMLElement // hidden when visible says no
	sync    func(s experiment.Spec)
	visible func(s experiment.Spec) bool
}

// edit is how a control asks for a change: mutate a copy of the spec.
type edit func(mutate func(s *experiment.Spec) error)

func (p *Panel) element(tag, class string) *dom.BasicHTMLElement {
	el := p.newElement(tag)
	if class != "" {
		el.SetAttribute("class", class)
	}
	return el
}

func (p *Panel) labelled(parent *dom.BasicHTMLElement, label, id string, input *dom.BasicHTMLElement) *dom.BasicHTMLElement {
	row := p.element("div", "row")
	l := p.element("label", "")
	l.SetAttribute("for", id)
	l.SetTextContent(label)
	row.AppendChild(l)
	row.AppendChild(input)
	parent.AppendChild(row)
	return row
}

// choice is one entry of a select: what it shows and the value it sets.
type choice struct{ label, value string }

func names[E interface{ String() string }](all []E) []choice {
	c := make([]choice, len(all))
	for i, e := range all {
		c[i] = choice{e.String(), e.String()}
	}
	return c
}

// newSelect makes a <select> offering choices.
func (p *Panel) newSelect(id string, choices []choice) *dom.HTMLSelectElement {
	sel := p.newSelectElement()
	sel.SetID(id)
	p.setChoices(sel, choices)
	return sel
}

// setChoices replaces the options of sel.
func (p *Panel) setChoices(sel *dom.HTMLSelectElement, choices []choice) {
	sel.SetInnerHTML("")
	for _, c := range choices {
		o := p.newOption()
		o.SetValue(c.value)
		o.SetTextContent(c.label)
		sel.AppendChild(o)
	}
}

// addSelect binds a <select> to the spec.
func (p *Panel) addSelect(parent *dom.BasicHTMLElement, id, label string, choices []choice,
	get func(experiment.Spec) string, set func(*experiment.Spec, string) error) *control {
	sel := p.newSelect(id, choices)
	c := &control{row: p.labelled(parent, label, id, sel.BasicHTMLElement)}
	c.sync = func(s experiment.Spec) { sel.SetValue(get(s)) }
	sel.AddEventListener("change", false, func(dom.Event) {
		v := sel.Value()
		p.edit(func(s *experiment.Spec) error { return set(s, v) })
	})
	p.controls = append(p.controls, c)
	return c
}

// numberField describes a numeric input.
type numberField struct {
	id, label      string
	min, max, step string // HTML attributes; "" leaves them out
	get            func(experiment.Spec) float64
	set            func(*experiment.Spec, float64)
	integer        bool
}

// addNumber binds an <input type=number> to the spec. It edits on
// "change" (enter or leaving the field), not on every keystroke.
func (p *Panel) addNumber(parent *dom.BasicHTMLElement, f numberField) *control {
	in := p.newInput()
	in.SetType("number")
	in.SetID(f.id)
	for attr, v := range map[string]string{"min": f.min, "max": f.max, "step": f.step} {
		if v != "" {
			in.SetAttribute(attr, v)
		}
	}
	c := &control{row: p.labelled(parent, f.label, f.id, in.BasicHTMLElement)}
	c.sync = func(s experiment.Spec) {
		v := f.get(s)
		if f.integer {
			in.SetValue(strconv.FormatInt(int64(v), 10))
		} else {
			in.SetValue(strconv.FormatFloat(v, 'g', 6, 64))
		}
	}
	in.AddEventListener("change", false, func(dom.Event) {
		v, err := strconv.ParseFloat(in.Value(), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			p.refuse(f.label + ": enter a number")
			return
		}
		// Every field says what it refuses, rather than rounding or
		// clamping a value silently.
		if f.integer && v != math.Trunc(v) {
			p.refuse(fmt.Sprintf("%s: %s is not a whole number", f.label, in.Value()))
			return
		}
		if lo, err := strconv.ParseFloat(f.min, 64); err == nil && v < lo {
			p.refuse(fmt.Sprintf("%s: %s is less than the minimum of %s", f.label, in.Value(), f.min))
			return
		}
		if hi, err := strconv.ParseFloat(f.max, 64); err == nil && v > hi {
			p.refuse(fmt.Sprintf("%s: %s is more than the limit of %s", f.label, in.Value(), f.max))
			return
		}
		p.edit(func(s *experiment.Spec) error { f.set(s, v); return nil })
	})
	p.controls = append(p.controls, c)
	return c
}

// addRange binds an <input type=range> showing its value beside it.
func (p *Panel) addRange(parent *dom.BasicHTMLElement, id, label string, lo, hi, step int,
	get func(experiment.Spec) int, set func(*experiment.Spec, int)) *control {
	in := p.newInput()
	in.SetType("range")
	in.SetID(id)
	in.SetAttribute("min", strconv.Itoa(lo))
	in.SetAttribute("max", strconv.Itoa(hi))
	in.SetAttribute("step", strconv.Itoa(step))
	out := p.element("output", "")
	box := p.element("span", "range")
	box.AppendChild(in)
	box.AppendChild(out)
	c := &control{row: p.labelled(parent, label, id, box)}
	c.sync = func(s experiment.Spec) {
		v := strconv.Itoa(get(s))
		in.SetValue(v)
		out.SetTextContent(v)
	}
	in.AddEventListener("input", false, func(dom.Event) { out.SetTextContent(in.Value()) })
	in.AddEventListener("change", false, func(dom.Event) {
		v, err := strconv.Atoi(in.Value())
		if err != nil {
			p.refuse(label + ": not a whole number")
			return
		}
		p.edit(func(s *experiment.Spec) error { set(s, v); return nil })
	})
	p.controls = append(p.controls, c)
	return c
}

// checkbox adds a checkbox with its label in a row of its own.
func (p *Panel) checkbox(parent *dom.BasicHTMLElement, id, label string) (*dom.HTMLInputElement, *dom.BasicHTMLElement) {
	in := p.newInput()
	in.SetType("checkbox")
	in.SetID(id)
	row := p.element("div", "row check")
	row.AppendChild(in)
	l := p.element("label", "")
	l.SetAttribute("for", id)
	l.SetTextContent(label)
	row.AppendChild(l)
	parent.AppendChild(row)
	return in, row
}

// addCheck binds a checkbox to the spec.
func (p *Panel) addCheck(parent *dom.BasicHTMLElement, id, label string,
	get func(experiment.Spec) bool, set func(*experiment.Spec, bool)) *control {
	in, row := p.checkbox(parent, id, label)
	c := &control{row: row}
	c.sync = func(s experiment.Spec) { in.SetChecked(get(s)) }
	in.AddEventListener("change", false, func(dom.Event) {
		v := in.Checked()
		p.edit(func(s *experiment.Spec) error { set(s, v); return nil })
	})
	p.controls = append(p.controls, c)
	return c
}

// button adds a <button> that runs action.
func (p *Panel) button(parent *dom.BasicHTMLElement, id, label, title string, action func()) *dom.HTMLButtonElement {
	b := p.newButton()
	b.SetID(id)
	b.SetTextContent(label)
	if title != "" {
		b.SetTitle(title)
	}
	b.AddEventListener("click", false, func(dom.Event) { action() })
	parent.AppendChild(b)
	return b
}

// section adds a titled group.
func (p *Panel) section(title string) *dom.BasicHTMLElement {
	s := p.element("section", "")
	h := p.element("h2", "")
	h.SetTextContent(title)
	s.AppendChild(h)
	p.sections.AppendChild(s)
	return s
}

// setShown shows el, or hides it (display: none).
func setShown(el *dom.BasicHTMLElement, shown bool) {
	display := "none"
	if shown {
		display = ""
	}
	el.Style().SetProperty("display", display, "")
}
