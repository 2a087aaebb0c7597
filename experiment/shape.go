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

// NumParams counts the trainable parameters of the network the spec builds,
// output layer included. It is exact for valid specs; for others it treats
// negative sizes as 0 and saturates at math.MaxInt instead of overflowing,
// so Validate can compare it with MaxParams safely.
func (s Spec) NumParams() int {
	in := s.Inputs()
	total := 0
	for _, l := range s.Layers {
		// Every layer kind so far is dense. Kinds with other shapes
		// (low-rank, block-diagonal, KAN) will count their own here.
		total = addSat(total, denseParams(in, l.Units))
		in = l.Units
	}
	return addSat(total, denseParams(in, s.Outputs()))
}

// denseParams is the size of a dense layer: in*out weights and out biases.
func denseParams(in, out int) int {
	return addSat(mulSat(in, out), max(out, 0))
}

func mulSat(a, b int) int {
	a, b = max(a, 0), max(b, 0)
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}

func addSat(a, b int) int {
	if b > math.MaxInt-a {
		return math.MaxInt
	}
	return a + b
}
