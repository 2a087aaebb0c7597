package experiment

import (
	"playground/data"
	"playground/nn"
)

// Default is the experiment a page opens with when its URL says nothing:
// TensorFlow Playground's own default (a circle of 500 points, inputs x1 and
// x2, hidden layers of 4 and 2 tanh units, learning rate 0.03, batch 10).
// The constants of the optimizers, schedules and penalties not chosen are
// common starting values, kept for when the person switches to them.
//
// Changing Default changes what a fresh page shows, never what an existing
// link means: links decode against their version's frozen baseline.
func Default() Spec {
	return Spec{
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
		View:     ViewSpec{ShowTest: false, Discretize: false, Speed: DefaultSpeed},
	}
}
