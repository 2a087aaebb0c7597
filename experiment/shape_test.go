package experiment

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

func TestNumParams(t *testing.T) {
	dense := func(out int, units ...int) []LayerSpec {
		var ls []LayerSpec
		for _, u := range units {
			ls = append(ls, LayerSpec{Kind: nn.DenseLayer, Units: u, Activation: nn.Tanh})
		}
		return append(ls, NewLayer(nn.DenseLayer, out, nn.Linear))
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
		{"default", Default(), dense(2, 4, 2), 12 + 10 + 6},
		{"no hidden layer", Default(), dense(2), 2*2 + 2},
		{"no layer at all", Default(), nil, 0},
		{"regression has one output", regression, dense(1, 4, 2), 12 + 10 + 3},
		{"one output per class", spiralK, dense(5, 3), (2*3 + 3) + (3*5 + 5)},
		{"widest pair", Default(), dense(2, 256, 256), (2*256 + 256) + (256*256 + 256) + (256*2 + 2)},
		// Sizes a kind refuses count as math.MaxInt, so that the sum is
		// over any limit.
		{"saturates", Default(), dense(2, math.MaxInt/2, math.MaxInt/2), math.MaxInt},
		{"too wide", Default(), dense(2, MaxUnits+1), math.MaxInt},
		{"negative sizes", Default(), dense(2, -5), math.MaxInt},
		{"zero units", Default(), dense(2, 0), math.MaxInt},
		{"unknown kind", Default(), []LayerSpec{{Kind: "conv", Units: 2}}, math.MaxInt},
		{"refused options", Default(), []LayerSpec{{Kind: nn.LowRankLayer, Units: 2, Activation: nn.Linear, Options: nn.Options{"r": 3}}}, math.MaxInt},
	} {
		s := c.spec
		s.Layers = c.layers
		if got := s.NumParams(); got != c.want {
			t.Errorf("%s: NumParams() = %d, want %d", c.name, got, c.want)
		}
	}
}

// The cost of a spec, layer by layer, against numbers worked out by hand:
// a dense layer of in inputs and out units has in*out weights and out
// biases, and a forward pass of 2*in*out + out FLOPs (a multiply and an
// add per weight, an add per bias); a low-rank one of rank r has
// r*(in+out) + out parameters and 2*r*(in+out) + out FLOPs.
func TestCost(t *testing.T) {
	dense := Default() // 2 -> dense 4 -> dense 2 -> dense 2
	wantDense := []Cost{
		{Params: 2*4 + 4, FLOPs: 2*2*4 + 4},
		{Params: 4*2 + 2, FLOPs: 2*4*2 + 2},
		{Params: 2*2 + 2, FLOPs: 2*2*2 + 2},
	}
	lowrank := Default()
	lowrank.Data.Set, lowrank.Data.Classes = data.Rings, 5
	lowrank.Features = data.Features() // 7 inputs
	lowrank.Layers = []LayerSpec{
		{Kind: nn.LowRankLayer, Units: 16, Activation: nn.ReLU, Options: nn.Options{"r": 3}},
		{Kind: nn.DenseLayer, Units: 10, Activation: nn.Tanh},
		{Kind: nn.LowRankLayer, Units: 5, Activation: nn.Linear, Options: nn.Options{"r": 5}},
	}
	wantLowRank := []Cost{
		{Params: 3*(7+16) + 16, FLOPs: 2*3*(7+16) + 16}, // 85, 154
		{Params: 16*10 + 10, FLOPs: 2*16*10 + 10},       // 170, 330
		{Params: 5*(10+5) + 5, FLOPs: 2*5*(10+5) + 5},   // 80, 155
	}
	for _, c := range []struct {
		name  string
		spec  Spec
		want  []Cost
		total Cost
	}{
		{"dense", dense, wantDense, Cost{Params: 28, FLOPs: 48}},
		{"lowrank", lowrank, wantLowRank, Cost{Params: 335, FLOPs: 639}},
	} {
		if err := c.spec.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := c.spec.LayerCosts(); !slices.Equal(got, c.want) {
			t.Errorf("%s: LayerCosts() = %v, want %v", c.name, got, c.want)
		}
		if got := c.spec.Cost(); got != c.total {
			t.Errorf("%s: Cost() = %v, want %v", c.name, got, c.total)
		}
		if got := c.spec.NumParams(); got != c.total.Params {
			t.Errorf("%s: NumParams() = %d, want %d", c.name, got, c.total.Params)
		}
	}
}

// Validate refuses a network over MaxParams and accepts one just under.
func TestValidateParamLimit(t *testing.T) {
	// 2 -> 256 -> 256 -> u -> 2: 768 + 65792 + 257u + (2u + 2).
	s := Default()
	s.Layers = denseLayers(2, 256, 256, 129)
	if n := s.NumParams(); n != 66562+259*129 || n > MaxParams {
		t.Fatalf("NumParams() = %d, want %d", n, 66562+259*129)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("%d parameters: %v", s.NumParams(), err)
	}
	s.Layers = denseLayers(2, 256, 256, 130)
	want := fmt.Sprintf("layers: the network has %d trainable parameters, more than the limit of %d", 66562+259*130, MaxParams)
	if err := s.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %q", err, want)
	}

	// The same for low-rank layers, whose count depends on the rank:
	// 2 -> dense 256 -> lowrank 256 (r) -> 2 has 768 + (512r + 256) + 514.
	s.Layers = []LayerSpec{
		NewLayer(nn.DenseLayer, 256, nn.ReLU),
		{Kind: nn.LowRankLayer, Units: 256, Activation: nn.ReLU, Options: nn.Options{"r": 192}},
		NewLayer(nn.DenseLayer, 2, nn.Linear),
	}
	if n := s.NumParams(); n != 768+512*192+256+514 {
		t.Fatalf("NumParams() = %d, want %d", n, 768+512*192+256+514)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("rank 192: %v", err)
	}
	s.Layers[1].Options["r"] = 193
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "trainable parameters, more than the limit") {
		t.Errorf("rank 193 (%d parameters): Validate() = %v, want the parameter limit", s.NumParams(), err)
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
