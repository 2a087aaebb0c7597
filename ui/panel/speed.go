//go:build js

package panel

import (
	"fmt"
	"slices"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
)

// addSpeed adds the pace slider under the run buttons: its positions are
// experiment.Speeds (steps per frame, "max" last: as many as fit the
// frame's time budget), shown beside it.
func (p *Panel) addSpeed(parent *dom.BasicHTMLElement) {
	in := p.newInput()
	in.SetType("range")
	in.SetID("speed")
	in.SetAttribute("min", "0")
	in.SetAttribute("max", strconv.Itoa(len(experiment.Speeds)-1))
	in.SetAttribute("step", "1")
	out := p.element("output", "")
	box := p.element("span", "range")
	box.AppendChild(in)
	box.AppendChild(out)
	c := &control{row: p.labelled(parent, "Steps per frame", "speed", box)}
	shown := func(i int) {
		out.SetTextContent(speedText(experiment.Speeds[i]))
		in.SetAttribute("aria-valuetext", speedText(experiment.Speeds[i]))
	}
	c.sync = func(s experiment.Spec) {
		i := speedIndex(s.View.Speed)
		in.SetValue(strconv.Itoa(i))
		shown(i)
	}
	position := func() (int, bool) {
		i, err := strconv.Atoi(in.Value())
		return i, err == nil && i >= 0 && i < len(experiment.Speeds)
	}
	in.AddEventListener("input", false, func(dom.Event) {
		if i, ok := position(); ok {
			shown(i)
		}
	})
	in.AddEventListener("change", false, func(dom.Event) {
		i, ok := position()
		if !ok {
			p.refuse("Speed: not one of the paces")
			return
		}
		p.edit(func(s *experiment.Spec) error { s.View.Speed = experiment.Speeds[i]; return nil })
	})
	p.controls = append(p.controls, c)
}

// speedIndex is the slider position of a pace: its own, or the nearest
// slower one for a pace a link set by hand.
func speedIndex(speed int) int {
	if i := slices.Index(experiment.Speeds, speed); i >= 0 {
		return i
	}
	best := 0
	for i, v := range experiment.Speeds {
		if v > 0 && v <= speed {
			best = i
		}
	}
	return best
}

func speedText(speed int) string {
	if speed == 0 {
		return "max"
	}
	return fmt.Sprint(speed)
}
