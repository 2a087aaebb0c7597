package session

import (
	"fmt"

	"playground/experiment"
	"playground/nn"
)

// WeightCounts are how many parameters and state values the network has:
// what a weights payload must hold to be restored into it.
func (s *Session) WeightCounts() experiment.WeightCounts {
	net := s.trainer.Net()
	return experiment.WeightCounts{Params: net.NumParams(), State: valueCount(net.State())}
}

// Weights copies the network's values and the step and epoch reached, in
// the order links and files carry them.
func (s *Session) Weights() experiment.Weights {
	net := s.trainer.Net()
	return experiment.Weights{
		Step: s.trainer.Steps(), Epoch: s.trainer.Epoch(),
		Params: flatValues(net.Params()), State: flatValues(net.State()),
	}
}

// Restore loads w (from a link or a file, read for this network's counts)
// into the network: the session then shows and trains on from those
// values at w's step, paused. The optimizer's state (momentum, Adam's
// moments, L-BFGS's memory) is not carried: it starts empty. Values of
// other counts, or not finite, are refused and leave the session as it
// was.
func (s *Session) Restore(w experiment.Weights) error {
	if got, want := w.Counts(), s.WeightCounts(); got != want {
		return fmt.Errorf("the weights hold %d parameters and %d state values; this network has %d and %d",
			got.Params, got.State, want.Params, want.State)
	}
	for _, vs := range [][]float32{w.Params, w.State} {
		for _, v := range vs {
			if !finite(v) {
				return fmt.Errorf("the weights hold %v, not a finite number", v)
			}
		}
	}
	net := s.trainer.Net()
	if err := checkEdgeModes(net.State(), w.State); err != nil {
		return err
	}
	setValues(net.Params(), w.Params)
	setValues(net.State(), w.State)
	s.trainer.Resume(w.Step, w.Epoch)
	s.running, s.stepped, s.gridsAt = false, false, 0
	s.lastError = ""
	s.generation++
	s.metricsStale = true
	s.surface.invalidate()
	return nil
}

// kanEdgeModes is the name of a KAN layer's state Param of edge modes
// (nn/kan_edges.go).
const kanEdgeModes = "edges"

// checkEdgeModes refuses KAN edge modes other than a learned spline or a
// pruned edge: a snapped edge needs its formula's constants, which a
// network built from the spec has no room for (its parameter count
// differs, so such weights are refused anyway), and a mode a hand-edited
// link makes up must never reach the layer.
func checkEdgeModes(state []*nn.Param, values []float32) error {
	for _, p := range state {
		if p.Name == kanEdgeModes {
			for _, m := range values[:len(p.Value)] {
				if m != nn.KANEdgeSpline && m != nn.KANEdgePruned {
					return fmt.Errorf("a KAN edge's mode is %v; weights hold only learned (0) or pruned (1) edges", m)
				}
			}
		}
		values = values[len(p.Value):]
	}
	return nil
}

func valueCount(ps []*nn.Param) int {
	n := 0
	for _, p := range ps {
		n += len(p.Value)
	}
	return n
}

func flatValues(ps []*nn.Param) []float32 {
	out := make([]float32, 0, valueCount(ps))
	for _, p := range ps {
		out = append(out, p.Value...)
	}
	return out
}

// setValues copies src, whose length is the params' total, into them in
// order.
func setValues(ps []*nn.Param, src []float32) {
	for _, p := range ps {
		src = src[copy(p.Value, src):]
	}
}
