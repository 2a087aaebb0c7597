package experiment

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

// regressionSpec is a valid spec on a regression set.
func regressionSpec() Spec {
	s := Default()
	s.Data.Set, s.Data.Classes, s.Loss = data.Plane, 0, nn.MSE
	s.FitOutput()
	return s
}

// denseLayers lists dense ReLU layers of these widths, then a dense linear
// output layer of out units.
func denseLayers(out int, units ...int) []LayerSpec {
	var ls []LayerSpec
	for _, u := range units {
		ls = append(ls, LayerSpec{Kind: nn.DenseLayer, Units: u, Activation: nn.ReLU})
	}
	return append(ls, NewLayer(nn.DenseLayer, out, nn.Linear))
}

// lowRankSpec is a valid spec with a low-rank hidden and output layer.
func lowRankSpec() Spec {
	s := Default()
	s.Features = []data.Feature{data.X1, data.X2, data.X1Squared}
	s.Layers = []LayerSpec{
		{Kind: nn.LowRankLayer, Units: 8, Activation: nn.ReLU, Options: nn.Options{"r": 3}},
		{Kind: nn.LowRankLayer, Units: 2, Activation: nn.Linear, Options: nn.Options{"r": 2}},
	}
	return s
}

// Each case breaks one rule of a valid spec and expects exactly one
// violation, on that field, whose message says what and which limit.
var validationCases = []struct {
	name  string
	base  func() Spec
	edit  func(*Spec)
	field string
	want  string
}{
	{"unknown set", Default, func(s *Spec) { s.Data.Set = 99 }, "data.set", "unknown data set 99"},
	{"few points", Default, func(s *Spec) { s.Data.Points = 5 }, "data.points", "5 points is less than the minimum of 10"},
	{"many points", Default, func(s *Spec) { s.Data.Points = 2001 }, "data.points", "2001 points is more than the limit of 2000"},
	{"negative noise", Default, func(s *Spec) { s.Data.Noise = -1 }, "data.noise", "-1% is less than the minimum of 0"},
	{"noisy", Default, func(s *Spec) { s.Data.Noise = 51 }, "data.noise", "51% is more than the limit of 50"},
	{"small train share", Default, func(s *Spec) { s.Data.TrainPercent = 9 }, "data.trainPercent", "9% is less than the minimum of 10"},
	{"large train share", Default, func(s *Spec) { s.Data.TrainPercent = 91 }, "data.trainPercent", "91% is more than the limit of 90"},
	{"two-class set with 3", Default, func(s *Spec) { s.Data.Classes = 3 }, "data.classes", "circle has 2 classes, not 3"},
	{"regression with classes", regressionSpec, func(s *Spec) { s.Data.Classes = 2 }, "data.classes", "plane is a regression set, so classes must be 0, not 2"},
	{"multi-class with 9", Default, func(s *Spec) { s.Data.Set, s.Data.Classes = data.SpiralK, 9 }, "data.classes", "9 classes is more than the limit of 8"},
	{"multi-class with 1", Default, func(s *Spec) { s.Data.Set, s.Data.Classes = data.Rings, 1 }, "data.classes", "1 classes is less than the minimum of 2"},
	{"many added", Default, func(s *Spec) { s.Data.Added = make([]data.Point, MaxAdded+1) }, "data.added", "201 added points is more than the limit of 200"},
	{"added outside", Default, func(s *Spec) { s.Data.Added = []data.Point{{X1: 7}} }, "data.added", "point 1: x1 7 is more than the limit of 6"},
	{"added NaN", Default, func(s *Spec) { s.Data.Added = []data.Point{{}, {X2: float32(math.NaN())}} }, "data.added", "point 2: x2 NaN is not a finite number"},
	{"added label too big", Default, func(s *Spec) { s.Data.Added = []data.Point{{Label: 2}} }, "data.added", "point 1: label 2 is not one of the 2 classes 0..1"},
	{"added label negative", Default, func(s *Spec) { s.Data.Added = []data.Point{{Label: -1}} }, "data.added", "label -1 is not one of the 2 classes"},
	{"added value for classes", Default, func(s *Spec) { s.Data.Added = []data.Point{{Value: 0.5}} }, "data.added", "point 1: value must be 0 for a classification set, not 0.5"},
	{"added label for regression", regressionSpec, func(s *Spec) { s.Data.Added = []data.Point{{Label: 1}} }, "data.added", "point 1: label must be 0 for a regression set, not 1"},
	{"added value too big", regressionSpec, func(s *Spec) { s.Data.Added = []data.Point{{Value: 1.5}} }, "data.added", "point 1: value 1.5 is more than the limit of 1"},
	{"removed past the end", Default, func(s *Spec) { s.Data.Removed = []int{3, 500} }, "data.removed", "entry 2: 500 is not the index of one of the 500 generated points"},
	{"removed negative", Default, func(s *Spec) { s.Data.Removed = []int{-1} }, "data.removed", "entry 1: -1 is not the index"},
	{"removed descending", Default, func(s *Spec) { s.Data.Removed = []int{5, 4} }, "data.removed", "entry 2: 4 comes after 5; indices must be ascending and distinct"},
	{"removed twice", Default, func(s *Spec) { s.Data.Removed = []int{5, 5} }, "data.removed", "entry 2: 5 comes after 5"},
	{"many removed", Default, func(s *Spec) {
		s.Data.Points = MaxPoints
		for i := range MaxRemoved + 1 {
			s.Data.Removed = append(s.Data.Removed, i)
		}
	}, "data.removed", "501 removed points is more than the limit of 500"},
	{"no features", Default, func(s *Spec) { s.Features = nil }, "features", "there must be at least one feature"},
	{"unknown feature", Default, func(s *Spec) { s.Features = []data.Feature{data.X1, 99} }, "features", "feature 2: unknown feature 99 (there are 7)"},
	{"features out of order", Default, func(s *Spec) { s.Features = []data.Feature{data.X2, data.X1} }, "features", "feature 2: x1 comes after x2; features must be distinct and in the order [x1 x2"},
	{"feature twice", Default, func(s *Spec) { s.Features = []data.Feature{data.SinX1, data.SinX1} }, "features", "feature 2: sinx1 comes after sinx1"},
	{"many layers", Default, func(s *Spec) { s.Layers = denseLayers(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1) }, "layers", "18 layers is more than the limit of 17 (16 hidden and the output layer)"},
	{"no layers", Default, func(s *Spec) { s.Layers = nil }, "layers", "there must be at least the output layer"},
	{"wide layer", Default, func(s *Spec) { s.Layers = denseLayers(2, 4, 4, 300) }, "layers", "layer 3: 300 units is more than the limit of 256"},
	{"empty layer", Default, func(s *Spec) { s.Layers = denseLayers(2, 0) }, "layers", "layer 1: 0 units is less than the minimum of 1"},
	{"negative layer", Default, func(s *Spec) { s.Layers = denseLayers(2, -4) }, "layers", "layer 1: -4 units is less than the minimum of 1"},
	{"unknown layer kind", Default, func(s *Spec) { s.Layers[1].Kind = "conv" }, "layers", `layer 2: unknown layer kind "conv"`},
	{"empty layer kind", Default, func(s *Spec) { s.Layers[1].Kind = "" }, "layers", `layer 2: unknown layer kind ""`},
	{"long layer kind", Default, func(s *Spec) { s.Layers[1].Kind = nn.LayerKind(strings.Repeat("x", 100)) }, "layers", `layer 2: unknown layer kind "xxxxxxxx`},
	{"unknown activation", Default, func(s *Spec) { s.Layers[0].Activation = 42 }, "layers", "layer 1: unknown activation 42"},
	{"too many parameters", Default, func(s *Spec) { s.Layers = denseLayers(2, 256, 256, 256) }, "layers", "the network has 132866 trainable parameters, more than the limit of 100000"},
	{"output units", Default, func(s *Spec) { s.Layers[2].Units = 3 }, "layers", "output layer: 3 units, but the data needs 2 outputs"},
	{"output units for regression", regressionSpec, func(s *Spec) { s.Layers[2].Units = 2 }, "layers", "output layer: 2 units, but the data needs 1 outputs"},
	{"unknown output kind", Default, func(s *Spec) { s.Layers[2].Kind = "conv" }, "layers", `output layer: unknown layer kind "conv"`},
	{"output activation", Default, func(s *Spec) { s.Layers[2].Activation = 42 }, "layers", "output layer: unknown activation 42"},
	{"option missing", lowRankSpec, func(s *Spec) { s.Layers[0].Options = nil }, "layers", "layer 1: option r is missing"},
	{"unknown option", lowRankSpec, func(s *Spec) { s.Layers[0].Options["q"] = 1 }, "layers", `layer 1: a lowrank layer has no option "q"`},
	{"option on dense", Default, func(s *Spec) { s.Layers[0].Options = nn.Options{"r": 1} }, "layers", `layer 1: a dense layer has no option "r"`},
	{"option 0", lowRankSpec, func(s *Spec) { s.Layers[0].Options["r"] = 0 }, "layers", "layer 1: option r=0 is outside 1..256"},
	{"option above max", lowRankSpec, func(s *Spec) { s.Layers[0].Options["r"] = 300 }, "layers", "layer 1: option r=300 is outside 1..256"},
	{"option fraction", lowRankSpec, func(s *Spec) { s.Layers[0].Options["r"] = 2.5 }, "layers", "layer 1: option r=2.5 must be a whole number"},
	{"option NaN", lowRankSpec, func(s *Spec) { s.Layers[0].Options["r"] = float32(math.NaN()) }, "layers", "layer 1: option r=NaN is not a finite number"},
	{"option infinite", lowRankSpec, func(s *Spec) { s.Layers[0].Options["r"] = float32(math.Inf(-1)) }, "layers", "layer 1: option r=-Inf is not a finite number"},
	{"rank above inputs", lowRankSpec, func(s *Spec) { s.Layers[0].Options["r"] = 4 }, "layers", "layer 1: rank r=4 is above min(inputs, units)=3"},
	{"rank above units", lowRankSpec, func(s *Spec) { s.Layers[0].Units = 2 }, "layers", "layer 1: rank r=3 is above min(inputs, units)=2"},
	{"output rank above outputs", lowRankSpec, func(s *Spec) { s.Layers[1].Options["r"] = 3 }, "layers", "output layer: rank r=3 is above min(inputs, units)=2"},
	{"unknown loss", Default, func(s *Spec) { s.Loss = 9 }, "loss", "unknown loss 9"},
	{"xent for regression", regressionSpec, func(s *Spec) { s.Loss = nn.CrossEntropy }, "loss", "plane is a regression set, which trains on mse, not xent"},
	{"unknown init", Default, func(s *Spec) { s.Init = 9 }, "init", "unknown initialization 9"},
	{"unknown rule", Default, func(s *Spec) { s.Rule = 9 }, "rule", "unknown training rule 9"},
	{"unknown optimizer", Default, func(s *Spec) { s.Optimizer.Kind = 9 }, "optimizer.kind", "unknown optimizer 9"},
	{"zero lr", Default, func(s *Spec) { s.Optimizer.LR = 0 }, "optimizer.lr", "0 must be more than 0"},
	{"negative lr", Default, func(s *Spec) { s.Optimizer.LR = -1 }, "optimizer.lr", "-1 must be more than 0"},
	{"large lr", Default, func(s *Spec) { s.Optimizer.LR = 11 }, "optimizer.lr", "11 is more than the limit of 10"},
	{"infinite lr", Default, func(s *Spec) { s.Optimizer.LR = float32(math.Inf(1)) }, "optimizer.lr", "+Inf is not a finite number"},
	{"momentum 1", Default, func(s *Spec) { s.Optimizer.Momentum = 1 }, "optimizer.momentum", "1 must be less than 1"},
	{"negative momentum", Default, func(s *Spec) { s.Optimizer.Momentum = -0.1 }, "optimizer.momentum", "-0.1 is less than the minimum of 0"},
	{"beta1 1", Default, func(s *Spec) { s.Optimizer.Beta1 = 1 }, "optimizer.beta1", "1 must be less than 1"},
	{"beta2 NaN", Default, func(s *Spec) { s.Optimizer.Beta2 = float32(math.NaN()) }, "optimizer.beta2", "NaN is not a finite number"},
	{"negative weight decay", Default, func(s *Spec) { s.Optimizer.WeightDecay = -0.5 }, "optimizer.weightDecay", "-0.5 is less than the minimum of 0"},
	{"large weight decay", Default, func(s *Spec) { s.Optimizer.WeightDecay = 2 }, "optimizer.weightDecay", "2 is more than the limit of 1"},
	{"unknown schedule", Default, func(s *Spec) { s.Schedule.Kind = 9 }, "schedule.kind", "unknown schedule 9"},
	{"every 0", Default, func(s *Spec) { s.Schedule.Every = 0 }, "schedule.every", "0 steps is less than the minimum of 1"},
	{"every too long", Default, func(s *Spec) { s.Schedule.Every = MaxScheduleSteps + 1 }, "schedule.every", "1000001 steps is more than the limit of 1000000"},
	{"gamma 0", Default, func(s *Spec) { s.Schedule.Gamma = 0 }, "schedule.gamma", "0 must be more than 0"},
	{"gamma above 1", Default, func(s *Spec) { s.Schedule.Gamma = 1.5 }, "schedule.gamma", "1.5 is more than the limit of 1"},
	{"period 0", Default, func(s *Spec) { s.Schedule.Period = 0 }, "schedule.period", "0 steps is less than the minimum of 1"},
	{"unknown regularization", Default, func(s *Spec) { s.Reg.Kind = 9 }, "regularization.kind", "unknown regularization 9"},
	{"negative rate", Default, func(s *Spec) { s.Reg.Rate = -1 }, "regularization.rate", "-1 is less than the minimum of 0"},
	{"large rate", Default, func(s *Spec) { s.Reg.Rate = 11 }, "regularization.rate", "11 is more than the limit of 10"},
	{"batch 0", Default, func(s *Spec) { s.Batch = 0 }, "batch", "0 points is less than the minimum of 1"},
	{"large batch", Default, func(s *Spec) { s.Batch = 1001 }, "batch", "1001 points is more than the limit of 1000"},
	{"modulus", func() Spec { s := Default(); s.UseSet(data.ModAdd); return s }, func(s *Spec) { s.Data.Classes = 98 }, "data.classes", "the modulus p 98 is more than the limit of 97"},
	{"pairs take no clicks", func() Spec { s := Default(); s.UseSet(data.ModAdd); return s }, func(s *Spec) { s.Data.Added = []data.Point{{X1: 1, X2: 2}} }, "data.added", "modadd's examples are not points on the plane, so none can be added"},
	{"function points in their square", func() Spec { s := Default(); s.UseSet(data.ExpSin); return s }, func(s *Spec) { s.Data.Added = []data.Point{{X1: 1.5, X2: 0, Value: 1}} }, "data.added", "point 1: x1 1.5 is more than the limit of 1"},
}

func TestValidateNamesFieldAndLimit(t *testing.T) {
	for _, c := range validationCases {
		s := c.base()
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: the spec before the edit is invalid: %v", c.name, err)
		}
		c.edit(&s)
		var invalid *ValidationError
		if err := s.Validate(); !errors.As(err, &invalid) {
			t.Errorf("%s: Validate() = %v, want a *ValidationError", c.name, err)
			continue
		}
		if len(invalid.Violations) != 1 {
			t.Errorf("%s: %d violations, want 1:\n%v", c.name, len(invalid.Violations), invalid)
			continue
		}
		v := invalid.Violations[0]
		if v.Field != c.field || !strings.Contains(v.Problem, c.want) {
			t.Errorf("%s: violation %q, want field %s and a problem containing %q", c.name, v, c.field, c.want)
		}
		if !strings.HasPrefix(invalid.Error(), c.field+": ") {
			t.Errorf("%s: message %q does not start with the field", c.name, invalid.Error())
		}
	}
}

func TestValidateCollectsEveryViolation(t *testing.T) {
	s := Default()
	s.Data.Points = 1
	s.Layers = denseLayers(2, 4, 300, 0)
	s.Optimizer.LR = 0
	s.Batch = 0
	err := s.Validate()
	var invalid *ValidationError
	if !errors.As(err, &invalid) || len(invalid.Violations) != 5 {
		t.Fatalf("Validate() = %v, want 5 violations", err)
	}
	if lines := strings.Count(err.Error(), "\n") + 1; lines != 5 {
		t.Errorf("the message has %d lines, want one per violation:\n%v", lines, err)
	}
	var v Violation
	if !errors.As(err, &v) || v.Field != "data.points" {
		t.Errorf("errors.As(Violation) = %v, want the first violation, on data.points", v)
	}
}

// More features than exist means some repeat: both are reported.
func TestValidateTooManyFeatures(t *testing.T) {
	s := Default()
	s.Features = append(data.Features(), data.SinX2)
	err := s.Validate()
	for _, want := range []string{
		"features: 8 features is more than the 7 there are",
		"features: feature 8: sinx2 comes after sinx2",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to contain %q", err, want)
		}
	}
}

func TestValidateAcceptsEdges(t *testing.T) {
	s := Default()
	s.Data.Set, s.Data.Classes = data.Rings, data.MaxClasses
	s.Data.Points, s.Data.Noise, s.Data.TrainPercent = MaxPoints, MaxNoise, MaxTrainPercent
	s.Data.Added = []data.Point{{X1: -data.Domain, X2: data.Domain, Label: data.MaxClasses - 1}}
	s.Data.Removed = []int{0, MaxPoints - 1}
	s.Features = data.Features()
	s.Layers = denseLayers(data.MaxClasses, 256, 256)
	s.Optimizer = OptimizerSpec{Kind: nn.AdamW, LR: MaxLR, Momentum: 0, Beta1: 0.99999994, Beta2: 0, WeightDecay: MaxWeightDecay}
	s.Schedule = ScheduleSpec{Kind: nn.StepDecay, Every: MaxScheduleSteps, Gamma: 1, Period: 1}
	s.Reg = RegSpec{Kind: nn.L1, Rate: MaxRegRate}
	s.Batch = MaxStepWork / s.NumParams() // the most one step's work allows
	if err := s.Validate(); err != nil {
		t.Errorf("a spec at the edges of every range is invalid:\n%v", err)
	}
	s.Batch++
	if s.Validate() == nil {
		t.Errorf("a batch of %d on %d parameters passed the step's work limit", s.Batch, s.NumParams())
	}
	s.Batch, s.Layers = MaxBatch, denseLayers(data.MaxClasses, 8)
	if err := s.Validate(); err != nil {
		t.Errorf("the largest batch on a small network is invalid:\n%v", err)
	}
}

func TestValidateAcceptsRandomSpecs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	kinds := map[nn.LayerKind]int{}
	outputs := map[nn.LayerKind]int{}
	defer func() {
		for _, k := range nn.LayerKinds() {
			if kinds[k.Kind] == 0 || (k.CanOutput && outputs[k.Kind] == 0) {
				t.Errorf("randomSpec drew %d hidden and %d output %s layers", kinds[k.Kind], outputs[k.Kind], k.Kind)
			}
		}
	}()
	for range 1000 {
		s := randomSpec(r)
		for _, l := range s.Hidden() {
			kinds[l.Kind]++
		}
		outputs[s.Layers[len(s.Layers)-1].Kind]++
		if err := s.Validate(); err != nil {
			t.Fatalf("randomSpec made an invalid spec:\n%v\n%+v", err, s)
		}
	}
}
