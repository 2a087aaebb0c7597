package experiment

import (
	"math"
	"testing"

	"playground/data"
	"playground/nn"
)

func TestNumParams(t *testing.T) {
	dense := func(units ...int) []LayerSpec {
		var ls []LayerSpec
		for _, u := range units {
			ls = append(ls, LayerSpec{Kind: nn.DenseLayer, Units: u, Activation: nn.Tanh})
		}
		return ls
	}
	regression := Default()
	regression.Data = DataSpec{Set: data.Plane, Points: 500, TrainPercent: 50}
	spiralK := Default()
	spiralK.Data.Set, spiralK.Data.Classes = data.SpiralK, 5
	for _, c := range []struct {
		name   string
		spec   Spec
		layers []LayerSpec
		want   int
	}{
		// 2 inputs -> 4 -> 2 -> 2 classes: (2*4+4) + (4*2+2) + (2*2+2).
		{"default", Default(), dense(4, 2), 12 + 10 + 6},
		{"no hidden layer", Default(), nil, 2*2 + 2},
		{"regression has one output", regression, dense(4, 2), 12 + 10 + 3},
		{"one output per class", spiralK, dense(3), (2*3 + 3) + (3*5 + 5)},
		{"widest pair", Default(), dense(256, 256), (2*256 + 256) + (256*256 + 256) + (256*2 + 2)},
		{"saturates", Default(), dense(math.MaxInt/2, math.MaxInt/2), math.MaxInt},
		{"negative sizes count as 0", Default(), dense(-5), 0 + 2},
	} {
		s := c.spec
		s.Layers = c.layers
		if got := s.NumParams(); got != c.want {
			t.Errorf("%s: NumParams() = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestInputsOutputsClassification(t *testing.T) {
	s := Default()
	s.Features = []data.Feature{data.X1, data.X1X2, data.SinX2}
	if s.Inputs() != 3 || s.Outputs() != 2 || !s.Classification() {
		t.Errorf("circle with 3 features: Inputs %d, Outputs %d, Classification %v; want 3, 2, true",
			s.Inputs(), s.Outputs(), s.Classification())
	}
	s.Data.Set, s.Data.Classes = data.Rings, 7
	if s.Outputs() != 7 {
		t.Errorf("rings with 7 classes: Outputs %d, want 7", s.Outputs())
	}
	s.Data.Set, s.Data.Classes = data.MultiGauss, 0
	if s.Outputs() != 1 || s.Classification() {
		t.Errorf("multigauss: Outputs %d, Classification %v; want 1, false", s.Outputs(), s.Classification())
	}
}
