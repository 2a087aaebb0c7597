package nn

import (
	"fmt"

	"playground/kernels"
)

// valid reports whether a is one of the defined activations.
func (a Activation) valid() bool { return a < numActivations }

// activationKernels pairs each activation with its forward and backward
// kernels, one row per activation, so adding one is one line here.
var activationKernels = [numActivations]struct {
	forward  func(y, x []float32)
	backward func(dx, x, y, dy []float32)
}{
	ReLU:    {kernels.ReLU, kernels.ReLUBackward},
	Tanh:    {kernels.Tanh, kernels.TanhBackward},
	Sigmoid: {kernels.Sigmoid, kernels.SigmoidBackward},
	Linear:  {linearForward, linearBackward},
	GELU:    {kernels.GELU, kernels.GELUBackward},
	SiLU:    {kernels.SiLU, kernels.SiLUBackward},
	Sine:    {kernels.Sine, kernels.SineBackward},
}

func linearForward(y, x []float32)          { copy(y, x) }
func linearBackward(dx, _, _, dy []float32) { copy(dx, dy) }

// activate writes y = a(x) elementwise; y may be x.
func activate(a Activation, y, x []float32) {
	if !a.valid() {
		panic(fmt.Sprintf("nn: activation %v", a))
	}
	activationKernels[a].forward(y, x)
}

// activateBackward writes dx = dy * a'(x) given the pre-activation x and
// the output y; dx may be dy.
func activateBackward(a Activation, dx, x, y, dy []float32) {
	if !a.valid() {
		panic(fmt.Sprintf("nn: activation %v", a))
	}
	activationKernels[a].backward(dx, x, y, dy)
}
