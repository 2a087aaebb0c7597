package experiment

import "math"

// Classification reports whether the data set's targets are classes (as
// opposed to real values, for the regression sets).
func (s Spec) Classification() bool { return !s.Data.Set.Regression() }

// Inputs is the width of the network's input: one unit per feature.
func (s Spec) Inputs() int { return len(s.Features) }

// Outputs is the width of the network's output layer: one unit per class
// for classification, a single unit for regression.
func (s Spec) Outputs() int {
	if s.Classification() {
		return s.Data.Classes
	}
	return 1
}

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
