package experiment

import (
	"math"

	"playground/data"
	"playground/nn"
)

// Classification reports whether the data set's targets are classes (as
// opposed to real values, for the regression sets).
func (s Spec) Classification() bool { return !s.Data.Set.Regression() }

// Inputs is the width of the network's input: one unit per feature on
// the plane (two spike channels per feature when latency-coded), 2p
// one-hot units for a pairs task, a spike task's channels.
func (s Spec) Inputs() int {
	if s.LatencyCoded() {
		return data.LatencyChannels(len(s.Features))
	}
	return s.Data.Set.Inputs(len(s.Features), s.Data.Classes)
}

// Outputs is the width of the network's output layer: one unit per class
// for classification, a single unit for regression.
func (s Spec) Outputs() int { return s.Data.Set.Outputs(s.Data.Classes) }

// Cost is the size of the network a spec builds.
type Cost struct {
	Params int // trainable values
	FLOPs  int // floating-point operations of one sample's forward pass
}

// LayerCosts returns each layer's cost, asked of its kind. It is exact for
// valid specs; a layer of an unknown kind or with sizes or options its kind
// refuses counts as math.MaxInt, so Validate can compare sums with
// MaxParams safely.
func (s Spec) LayerCosts() []Cost {
	costs := make([]Cost, len(s.Layers))
	in := s.Inputs()
	for i, l := range s.Layers {
		k := l.Kind.Info()
		if k == nil || in <= 0 || l.Units <= 0 || in > MaxUnits || l.Units > MaxUnits || len(k.Problems(in, l.config())) > 0 {
			costs[i] = Cost{math.MaxInt, math.MaxInt}
		} else {
			costs[i] = Cost{k.Params(in, l.Units, l.Options), k.FLOPs(in, l.Units, l.Options)}
		}
		in = l.Units
	}
	return costs
}

// Cost sums LayerCosts, saturating at math.MaxInt.
func (s Spec) Cost() Cost {
	var total Cost
	for _, c := range s.LayerCosts() {
		total.Params = addSat(total.Params, c.Params)
		total.FLOPs = addSat(total.FLOPs, c.FLOPs)
	}
	return total
}

// NumParams counts the trainable parameters of the network the spec builds.
func (s Spec) NumParams() int { return s.Cost().Params }

func addSat(a, b int) int {
	if b > math.MaxInt-a {
		return math.MaxInt
	}
	return a + b
}

// StepRows is how many examples one training step runs: the batch (or the
// whole training set when that is smaller), or for L-BFGS every training
// example.
func (s Spec) StepRows() int {
	d := s.Data
	train := data.TrainCount(d.Generated(), d.TrainPercent) + len(d.Added)
	if s.Rule == nn.LBFGS {
		return train
	}
	return min(max(s.Batch, 0), train)
}
