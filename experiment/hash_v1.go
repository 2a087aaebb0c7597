package experiment

import (
	"slices"

	"playground/data"
	"playground/nn"
)

// baselineV1 is what a key left out of a v=1 link means. It equals Default
// as Default was when version 1 was written, and it must never change:
// changing Default later must not change what old links mean.
var baselineV1 = Spec{
	Data: DataSpec{
		Set:          data.Circle,
		Points:       500,
		Noise:        0,
		TrainPercent: 50,
		Classes:      2,
	},
	Features: []data.Feature{data.X1, data.X2},
	Layers: []LayerSpec{
		{Kind: nn.DenseLayer, Units: 4, Activation: nn.Tanh},
		{Kind: nn.DenseLayer, Units: 2, Activation: nn.Tanh},
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
}

// hashV1 is version 1 of the URL hash, frozen: keys, value syntax and
// baseline stay as they are for as long as links may exist. New layer
// kinds, activations, sets and features may still be added to the nn and
// data enums, since a v=1 link that names them could not have existed
// before. The rows are written in this order.
var hashV1 = func() *hashFormat {
	f := newHashFormat(1, baselineV1, propsV1, migrateV1)
	f.keepsUnused = true
	return f
}()

// propsV1 are version 1's rows; later versions start from them.
var propsV1 = []hashProp{
	enumProp("d", "data.set", func(s *Spec) *data.Set { return &s.Data.Set }, data.ParseSet, nil),
	intProp("n", "data.points", func(s *Spec) *int { return &s.Data.Points }, nil),
	intProp("noise", "data.noise", func(s *Spec) *int { return &s.Data.Noise }, nil),
	intProp("train", "data.trainPercent", func(s *Spec) *int { return &s.Data.TrainPercent }, nil),
	intProp("k", "data.classes", func(s *Spec) *int { return &s.Data.Classes }, classesMatter),
	featuresProp("f", "features"),
	layersPropV1("l", "layers"),
	enumProp("loss", "loss", func(s *Spec) *nn.LossKind { return &s.Loss }, nn.ParseLoss, nil),
	enumProp("init", "init", func(s *Spec) *nn.Init { return &s.Init }, nn.ParseInit, nil),
	enumProp("opt", "optimizer.kind", func(s *Spec) *nn.OptimizerKind { return &s.Optimizer.Kind }, nn.ParseOptimizer, nil),
	floatProp("lr", "optimizer.lr", func(s *Spec) *float32 { return &s.Optimizer.LR }, nil),
	floatProp("mom", "optimizer.momentum", func(s *Spec) *float32 { return &s.Optimizer.Momentum }, optimizerIs(nn.Momentum)),
	floatProp("b1", "optimizer.beta1", func(s *Spec) *float32 { return &s.Optimizer.Beta1 }, optimizerIs(nn.Adam, nn.AdamW)),
	floatProp("b2", "optimizer.beta2", func(s *Spec) *float32 { return &s.Optimizer.Beta2 }, optimizerIs(nn.Adam, nn.AdamW)),
	floatProp("wd", "optimizer.weightDecay", func(s *Spec) *float32 { return &s.Optimizer.WeightDecay }, optimizerIs(nn.AdamW)),
	enumProp("sched", "schedule.kind", func(s *Spec) *nn.ScheduleKind { return &s.Schedule.Kind }, nn.ParseSchedule, nil),
	intProp("every", "schedule.every", func(s *Spec) *int { return &s.Schedule.Every }, scheduleIs(nn.StepDecay)),
	floatProp("gamma", "schedule.gamma", func(s *Spec) *float32 { return &s.Schedule.Gamma }, scheduleIs(nn.StepDecay)),
	intProp("period", "schedule.period", func(s *Spec) *int { return &s.Schedule.Period }, scheduleIs(nn.Cosine)),
	enumProp("reg", "regularization.kind", func(s *Spec) *nn.RegKind { return &s.Reg.Kind }, nn.ParseReg, nil),
	floatProp("rate", "regularization.rate", func(s *Spec) *float32 { return &s.Reg.Rate }, penalized),
	intProp("bs", "batch", func(s *Spec) *int { return &s.Batch }, nil),
	uint32Prop("seed", "seed", func(s *Spec) *uint32 { return &s.Seed }),
	boolProp("test", "view.showTest", func(s *Spec) *bool { return &s.View.ShowTest }),
	boolProp("disc", "view.discretize", func(s *Spec) *bool { return &s.View.Discretize }),
	addedProp("add", "data.added"),
	removedProp("rm", "data.removed"),
}

// migrateV1 makes a version-1 spec mean what it meant in version 2: the
// output layer, implied in version 1, becomes the last entry of the list.
// (A class count Validate will refuse gets a one-unit layer, so the one
// message is about the classes.)
func migrateV1(s *Spec) {
	s.Layers = append(s.Layers, NewLayer(nn.DenseLayer, max(s.Outputs(), 1), nn.Linear))
	// Version 1 had no pace: it trained as fast as it went, which
	// finished the default experiment before its first picture. Its
	// links now open at the default pace (the steps are the same).
	s.View.Speed = DefaultSpeed
	// One seed drew both the data and the weights.
	s.Data.Seed = s.Seed
}

// Relevance rules of version 1.

// classesMatter says a link must carry the class count: the set allows
// several, or fixes one other than the baseline's two (0 for a
// regression, p for modular addition).
func classesMatter(s Spec) bool {
	lo, hi := s.Data.Set.ClassRange()
	return lo != hi || s.Data.Classes != 2
}

func penalized(s Spec) bool { return s.Reg.Kind != nn.NoReg }

func optimizerIs(kinds ...nn.OptimizerKind) func(Spec) bool {
	return func(s Spec) bool { return slices.Contains(kinds, s.Optimizer.Kind) }
}

func scheduleIs(kinds ...nn.ScheduleKind) func(Spec) bool {
	return func(s Spec) bool { return slices.Contains(kinds, s.Schedule.Kind) }
}
