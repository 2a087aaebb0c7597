//go:build js

package panel

import (
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/data"
	"playground/experiment"
)

// buildTiming adds the options of tasks with a time axis to the data
// section: a plane set's latency code (0 feeds the values to a network
// that is not spiking) and the interval task's gaps and onsets. Each is
// kept in the link (data.Timing); a value out of bounds is refused with
// the validator's message.
func (p *Panel) buildTiming(sec *dom.BasicHTMLElement) {
	p.addNumber(sec, numberField{id: "latency", label: "Spike latency steps (0: values)", min: "0", max: strconv.Itoa(data.MaxLatency), step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Data.Latency) },
		set: func(s *experiment.Spec, v float64) { s.UseLatency(int(v)) },
	}).visible = func(s experiment.Spec) bool { return data.LatencyCodes(s.Data.Set) }
	interval := func(s experiment.Spec) bool { return s.Data.Set == data.Interval }
	p.addNumber(sec, numberField{id: "gap-first", label: "First gap (steps)", min: "1", max: strconv.Itoa(data.MaxGapFirst), step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Data.GapFirstInEffect()) },
		set: func(s *experiment.Spec, v float64) { s.Data.GapFirst = unlessDefault(int(v), data.DefaultGapFirst) },
	}).visible = interval
	p.addNumber(sec, numberField{id: "gap-step", label: "Gap step per class", min: "1", max: strconv.Itoa(data.MaxGapStep), step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Data.GapStepInEffect()) },
		set: func(s *experiment.Spec, v float64) { s.Data.GapStep = unlessDefault(int(v), data.DefaultGapStep) },
	}).visible = interval
	p.addNumber(sec, numberField{id: "onsets", label: "Onset range (steps)", min: "1", max: strconv.Itoa(data.MaxOnsets), step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Data.OnsetRange()) },
		set: func(s *experiment.Spec, v float64) { s.Data.Onsets = unlessDefault(int(v), data.DefaultOnsets) },
	}).visible = interval
}

// unlessDefault is v, or 0 (data.Timing's "the default") when v is the
// default, so a link written after setting an option back leaves its key out.
func unlessDefault(v, def int) int {
	if v == def {
		return 0
	}
	return v
}
