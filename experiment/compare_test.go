package experiment

import (
	"math/rand/v2"
	"testing"

	"playground/data"
	"playground/nn"
)

func TestCloneSharesNothing(t *testing.T) {
	s := Default()
	s.Data.Added = []data.Point{{X1: 1, X2: 2, Label: 1}}
	s.Data.Removed = []int{3}
	s.Layers[1] = LayerSpec{Kind: nn.LowRankLayer, Units: 2, Activation: nn.Tanh, Options: nn.Options{"r": 2}}
	c := s.Clone()
	c.Features[0] = data.SinX1
	c.Layers[0].Units = 7
	c.Layers[1].Options["r"] = 1
	c.Layers[1].Options["q"] = 1
	c.Data.Added[0].X1 = 5
	c.Data.Removed[0] = 4
	if s.Features[0] != data.X1 || s.Layers[0].Units != 4 || s.Data.Added[0].X1 != 1 || s.Data.Removed[0] != 3 ||
		s.Layers[1].Options["r"] != 2 || len(s.Layers[1].Options) != 1 {
		t.Errorf("editing a clone changed the original: %+v", s)
	}
}

func TestEqualSeesEveryField(t *testing.T) {
	base := Default()
	base.Data.Added = []data.Point{{X1: 1, X2: 2, Label: 1}}
	base.Data.Removed = []int{3, 8}
	base.Layers[1] = LayerSpec{Kind: nn.LowRankLayer, Units: 2, Activation: nn.Tanh, Options: nn.Options{"r": 2}}
	for name, edit := range map[string]func(*Spec){
		"set":          func(s *Spec) { s.Data.Set = data.XOR },
		"points":       func(s *Spec) { s.Data.Points++ },
		"noise":        func(s *Spec) { s.Data.Noise++ },
		"train":        func(s *Spec) { s.Data.TrainPercent++ },
		"classes":      func(s *Spec) { s.Data.Classes++ },
		"added label":  func(s *Spec) { s.Data.Added[0].Label = 0 },
		"added value":  func(s *Spec) { s.Data.Added[0].Value = 0.5 },
		"added count":  func(s *Spec) { s.Data.Added = nil },
		"removed":      func(s *Spec) { s.Data.Removed[1] = 9 },
		"features":     func(s *Spec) { s.Features = s.Features[:1] },
		"layer units":  func(s *Spec) { s.Layers[1].Units = 3 },
		"activation":   func(s *Spec) { s.Layers[1].Activation = nn.ReLU },
		"layer kind":   func(s *Spec) { s.Layers[0].Kind = nn.LowRankLayer },
		"option value": func(s *Spec) { s.Layers[1].Options["r"] = 1 },
		"option added": func(s *Spec) { s.Layers[0].Options = nn.Options{"r": 2} },
		"option key":   func(s *Spec) { s.Layers[1].Options = nn.Options{"q": 2} },
		"no options":   func(s *Spec) { s.Layers[1].Options = nil },
		"output layer": func(s *Spec) { s.Layers[2].Units = 3 },
		"layer count":  func(s *Spec) { s.Layers = s.Layers[1:] },
		"loss":         func(s *Spec) { s.Loss = nn.MSE },
		"init":         func(s *Spec) { s.Init = nn.He },
		"rule":         func(s *Spec) { s.Rule = nn.Rules()[1] },
		"optimizer":    func(s *Spec) { s.Optimizer.Kind = nn.Adam },
		"lr":           func(s *Spec) { s.Optimizer.LR = 0.1 },
		"momentum":     func(s *Spec) { s.Optimizer.Momentum = 0.5 },
		"beta1":        func(s *Spec) { s.Optimizer.Beta1 = 0.5 },
		"beta2":        func(s *Spec) { s.Optimizer.Beta2 = 0.5 },
		"weight decay": func(s *Spec) { s.Optimizer.WeightDecay = 0.5 },
		"schedule":     func(s *Spec) { s.Schedule.Kind = nn.Cosine },
		"every":        func(s *Spec) { s.Schedule.Every = 3 },
		"gamma":        func(s *Spec) { s.Schedule.Gamma = 0.25 },
		"period":       func(s *Spec) { s.Schedule.Period = 3 },
		"reg":          func(s *Spec) { s.Reg.Kind = nn.L2 },
		"rate":         func(s *Spec) { s.Reg.Rate = 0.5 },
		"batch":        func(s *Spec) { s.Batch = 3 },
		"seed":         func(s *Spec) { s.Seed = 3 },
		"show test":    func(s *Spec) { s.View.ShowTest = true },
		"discretize":   func(s *Spec) { s.View.Discretize = true },
	} {
		edited := base.Clone()
		edit(&edited)
		if base.Equal(edited) || edited.Equal(base) {
			t.Errorf("Equal misses a change of %s", name)
		}
	}
}

func TestEqualIgnoresNilVersusEmpty(t *testing.T) {
	a, b := Default(), Default()
	a.Layers, b.Layers = nil, []LayerSpec{}
	b.Data.Added, b.Data.Removed = []data.Point{}, []int{}
	if !a.Equal(b) {
		t.Error("a nil slice differs from an empty one")
	}
	a, b = Default(), Default()
	a.Layers[0].Options, b.Layers[0].Options = nil, nn.Options{}
	if !a.Equal(b) || !b.Equal(a) {
		t.Error("nil options differ from empty ones")
	}
}

func TestCloneEqualsOriginal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		s := randomSpec(r)
		if !s.Clone().Equal(s) {
			t.Fatalf("a clone differs from %+v", s)
		}
	}
}
