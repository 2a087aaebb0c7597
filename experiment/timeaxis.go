package experiment

import (
	"math"

	"playground/data"
	"playground/nn"
)

// fitTimeAxis makes the layers read the set's data: on a task of spike
// trains every layer that is not spiking becomes a spiking (LIF) layer of
// the same width, and on any other task every spiking layer becomes dense
// (tanh, linear for the output layer). Layers that already fit are kept
// as they are, options and all.
func (s *Spec) fitTimeAxis() {
	temporal := s.Temporal()
	for i := range s.Layers {
		l := &s.Layers[i]
		k := l.Kind.Info()
		if k == nil || k.TimeAxis == temporal {
			continue
		}
		switch {
		case temporal:
			*l = NewLayer(nn.LIFLayer, l.Units, nn.Linear)
		case i == len(s.Layers)-1:
			*l = NewLayer(nn.DenseLayer, l.Units, nn.Linear)
		default:
			*l = NewLayer(nn.DenseLayer, l.Units, nn.Tanh)
		}
	}
}

// Temporal reports whether the spec's examples are spike trains over time
// steps: a task of spike trains, or a plane set coded as spike latencies.
func (s Spec) Temporal() bool { return s.Data.Set.Temporal() || s.LatencyCoded() }

// LatencyCoded reports whether the spec feeds a plane set's features as
// spike latencies (data/latency.go).
func (s Spec) LatencyCoded() bool { return s.Data.Latency > 0 && data.LatencyCodes(s.Data.Set) }

// Steps is the number of time steps of the spec's examples: the task's,
// for a task of spike trains, the latency code's for a latency-coded
// plane set, 1 for the others.
func (s Spec) Steps() int {
	if s.LatencyCoded() {
		return data.LatencySteps(s.Data.Latency)
	}
	return max(s.Data.Set.Steps(s.Data.Classes, s.Data.Timing), 1)
}

// InputWidth is the number of values in one example's input row: Inputs,
// times Steps for a task of spike trains.
func (s Spec) InputWidth() int { return s.Inputs() * s.Steps() }

// ExampleWork is how many parameter uses one example costs a training
// step: the parameters, each layer's times its kind's StepUses and, for
// spiking layers, times Steps. Without spiking layers it is NumParams.
// It saturates at math.MaxInt, like Cost.
func (s Spec) ExampleWork() int {
	work := 0
	for i, c := range s.LayerCosts() {
		k := s.Layers[i].Kind.Info()
		uses := 1
		if k != nil && k.StepUses != nil && c.Params != math.MaxInt {
			uses = max(k.StepUses(s.Layers[i].Options), 1)
		}
		if k != nil && k.TimeAxis {
			uses *= s.Steps()
		}
		work = addSat(work, mulSat(c.Params, uses))
	}
	return work
}

func mulSat(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}
