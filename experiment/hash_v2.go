package experiment

import (
	"playground/data"
	"playground/nn"
)

// baselineV2 is what a key left out of a v=2 link means: Default as it was
// when version 2 was written. It must never change.
var baselineV2 = Spec{
	Data: DataSpec{
		Set:          data.Circle,
		Points:       500,
		Noise:        0,
		TrainPercent: 50,
		Classes:      2,
		Seed:         1,
	},
	Features: []data.Feature{data.X1, data.X2},
	Layers: []LayerSpec{
		{Kind: nn.DenseLayer, Units: 4, Activation: nn.Tanh},
		{Kind: nn.DenseLayer, Units: 2, Activation: nn.Tanh},
		{Kind: nn.DenseLayer, Units: 2, Activation: nn.Linear},
	},
	Loss: nn.CrossEntropy,
	Init: nn.Glorot,
	Optimizer: OptimizerSpec{
		Kind:        nn.SGD,
		LR:          0.03,
		Momentum:    0.9,
		Beta1:       0.9,
		Beta2:       0.999,
		WeightDecay: 0.01,
	},
	Schedule: ScheduleSpec{Kind: nn.Constant, Every: 1000, Gamma: 0.5, Period: 5000},
	Reg:      RegSpec{Kind: nn.NoReg, Rate: 0.001},
	Batch:    10,
	Seed:     1,
	View:     ViewSpec{Speed: 10},
}

// hashV2 is version 2 of the URL hash: version 1's keys, with "l" listing
// every layer (the output layer last) with its kind's options, "rule"
// (minibatch or lbfgs), "speed" (steps per frame, 0 for as fast as it
// goes), "play" (1: start training on opening), "dseed" (the data's
// own seed) and "csv" (uploaded points, hash_uploaded.go; added later, an
// optional key older pages skip); "w" carries a trained network's weights
// (weights_link.go: not a spec field, also added later, which older pages
// skip). Frozen once
// written, as version 1 is: a layer option left out of a link means the
// kind's default, so defaults of options are part of this format too (a
// test keeps them).
var hashV2 = withAttached(newHashFormat(2, baselineV2, replaceRows(propsV1,
	layersProp("l", "layers"),
	onlyWhenChanged(enumProp("rule", "rule", func(s *Spec) *nn.RuleKind { return &s.Rule }, nn.ParseRule, nil)),
	onlyWhenChanged(intProp("speed", "view.speed", func(s *Spec) *int { return &s.View.Speed }, nil)),
	onlyWhenChanged(uint32Prop("dseed", "data.seed", func(s *Spec) *uint32 { return &s.Data.Seed })),
	onlyWhenChanged(boolProp("play", "view.play", func(s *Spec) *bool { return &s.View.Play })),
	uploadedProp("csv", "data.uploaded"),
	// Added later, optional keys older pages skip: a plane set's latency
	// code and the interval task's gaps and onsets (data.Timing; 0, the
	// baseline's, means the default and is not written).
	onlyWhenChanged(intProp("lat", "data.latency", func(s *Spec) *int { return &s.Data.Latency }, latencyMatters)),
	onlyWhenChanged(intProp("gap", "data.gapFirst", func(s *Spec) *int { return &s.Data.GapFirst }, setIs(data.Interval))),
	onlyWhenChanged(intProp("gapstep", "data.gapStep", func(s *Spec) *int { return &s.Data.GapStep }, setIs(data.Interval))),
	onlyWhenChanged(intProp("onsets", "data.onsets", func(s *Spec) *int { return &s.Data.Onsets }, setIs(data.Interval))),
), nil), WeightsKey)

// latencyMatters says the set can be latency-coded, so "lat" is read.
func latencyMatters(s Spec) bool { return data.LatencyCodes(s.Data.Set) }

// setIs says the spec's set is the given one.
func setIs(set data.Set) func(Spec) bool { return func(s Spec) bool { return s.Data.Set == set } }

// onlyWhenChanged makes a row written only when its value is not the
// baseline's, keeping the links of experiments that do not use it short.
func onlyWhenChanged(p hashProp) hashProp {
	p.sparse = true
	return p
}
