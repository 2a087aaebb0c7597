package nn

import (
	"fmt"

	"playground/kernels"
)

// valid reports whether a is one of the defined activations.
func (a Activation) valid() bool { return a < numActivations }

// activate writes y = a(x) elementwise; y may be x.
func activate(a Activation, y, x []float32) {
	switch a {
	case ReLU:
		kernels.ReLU(y, x)
	case Tanh:
		kernels.Tanh(y, x)
	case Sigmoid:
		kernels.Sigmoid(y, x)
	case Linear:
		copy(y, x)
	case GELU:
		kernels.GELU(y, x)
	case SiLU:
		kernels.SiLU(y, x)
	case Sine:
		kernels.Sine(y, x)
	default:
		panic(fmt.Sprintf("nn: activation %v", a))
	}
}

// activateBackward writes dx = dy * a'(x) given the pre-activation x and
// the output y; dx may be dy.
func activateBackward(a Activation, dx, x, y, dy []float32) {
	switch a {
	case ReLU:
		kernels.ReLUBackward(dx, x, y, dy)
	case Tanh:
		kernels.TanhBackward(dx, x, y, dy)
	case Sigmoid:
		kernels.SigmoidBackward(dx, x, y, dy)
	case Linear:
		copy(dx, dy)
	case GELU:
		kernels.GELUBackward(dx, x, y, dy)
	case SiLU:
		kernels.SiLUBackward(dx, x, y, dy)
	case Sine:
		kernels.SineBackward(dx, x, y, dy)
	default:
		panic(fmt.Sprintf("nn: activation %v", a))
	}
}
