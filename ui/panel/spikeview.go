//go:build js

package panel

import (
	"fmt"
	"slices"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
)

// SpikeView is what the spiking pictures show: Example (of Examples) and
// the neuron whose membrane they trace, Column and Unit of the graph
// (column 0 the inputs), whose columns have Columns[i] neurons.
type SpikeView struct {
	Example, Examples int
	Column, Unit      int
	Columns           []int
}

// spikeViewRefresh is how often, in milliseconds, the two controls
// follow a choice made on the canvas (a click on the example grid, a
// hovered neuron) while a task of spike trains is open.
const spikeViewRefresh = 500

// buildSpikeView adds the controls that choose, without a pointer, what
// the canvas's clicks and hovers choose on a task of spike trains: the
// example the raster shows and the neuron whose membrane is traced.
func (p *Panel) buildSpikeView(sec *dom.BasicHTMLElement) {
	if p.act.SpikeView == nil || p.act.ShowSpikes == nil {
		return
	}
	example := p.newInput()
	example.SetType("number")
	example.SetID("spike-example")
	example.SetAttribute("min", "0")
	example.SetAttribute("step", "1")
	example.SetTitle("The example whose spikes the raster shows (a click on the example grid chooses one too)")
	exampleRow := p.labelled(sec, "Example shown", "spike-example", example.BasicHTMLElement)
	neuron := p.newSelect("spike-neuron", nil)
	neuron.SetTitle("The neuron whose membrane is traced (hovering a neuron chooses one too)")
	neuronRow := p.labelled(sec, "Neuron traced", "spike-neuron", neuron.BasicHTMLElement)

	var columns []int // the neuron menu's shape, rebuilt when it changes
	show := func(v SpikeView) {
		if err := p.act.ShowSpikes(v); err != nil {
			p.refuse(err.Error())
		}
	}
	example.AddEventListener("change", false, func(dom.Event) {
		v := p.act.SpikeView()
		i, err := strconv.Atoi(example.Value())
		if err != nil || i < 0 || i >= v.Examples {
			p.refuse(fmt.Sprintf("The example must be a whole number from 0 to %d.", max(v.Examples-1, 0)))
			return
		}
		v.Example = i
		show(v)
	})
	neuron.AddEventListener("change", false, func(dom.Event) {
		v := p.act.SpikeView()
		if _, err := fmt.Sscanf(neuron.Value(), "%d/%d", &v.Column, &v.Unit); err != nil {
			return
		}
		show(v)
	})
	sync := func() {
		v := p.act.SpikeView()
		example.SetAttribute("max", strconv.Itoa(max(v.Examples-1, 0)))
		if !focused(example.BasicHTMLElement) { // not while the user types
			example.SetValue(strconv.Itoa(v.Example))
		}
		if !slices.Equal(columns, v.Columns) {
			columns = append(columns[:0], v.Columns...)
			p.setChoices(neuron, neuronChoices(v.Columns))
		}
		neuron.SetValue(fmt.Sprintf("%d/%d", v.Column, v.Unit))
	}
	temporal := func(s experiment.Spec) bool { return s.Data.Set.Temporal() }
	for _, row := range []*dom.BasicHTMLElement{exampleRow, neuronRow} {
		p.controls = append(p.controls, &control{row: row, visible: temporal, sync: func(s experiment.Spec) {
			if temporal(s) {
				sync()
			}
		}})
	}
	// The canvas chooses too; the controls follow it while they show.
	var refresh func()
	refresh = func() {
		if exampleRow.Style().GetPropertyValue("display") != "none" {
			sync()
		}
		dom.GetWindow().SetTimeout(refresh, spikeViewRefresh)
	}
	dom.GetWindow().SetTimeout(refresh, spikeViewRefresh)
}

// neuronChoices lists every neuron of the graph but the inputs, as
// "layer L, neuron U" (the last column: the readout's classes).
func neuronChoices(columns []int) []choice {
	var out []choice
	for c := 1; c < len(columns); c++ {
		for u := range columns[c] {
			label := fmt.Sprintf("layer %d, neuron %d", c, u+1)
			if c == len(columns)-1 {
				label = fmt.Sprintf("readout, class %d", u)
			}
			out = append(out, choice{label, fmt.Sprintf("%d/%d", c, u)})
		}
	}
	return out
}

// focused says el has the keyboard focus. It asks the document directly:
// dom/v2's ActiveElement wraps the answer with its type switch (create.go).
func focused(el *dom.BasicHTMLElement) bool {
	return dom.GetWindow().Document().Underlying().Get("activeElement").Equal(el.Underlying())
}
