package kernels

import "math"

// Activations come in pairs. The forward Xxx(y, x) writes y[i] = f(x[i]);
// y may be x itself. The backward XxxBackward(dx, x, y, dy) writes
// dx[i] = dy[i] * f'(x[i]) given both the pre-activation x and the output
// y = f(x), so each derivative uses whichever is cheaper; dx may be dy
// itself. Lengths come from x, and all four slices of a backward hold at
// least len(x) elements, whichever of x and y its derivative reads.
// Transcendentals are evaluated in float64 and rounded once, so these
// bodies are also the accuracy reference.

// activationFunc names an activation, for the WebAssembly dispatch.
type activationFunc int

const (
	reluFunc activationFunc = iota
	tanhFunc
	sigmoidFunc
	geluFunc
	siluFunc
	sineFunc
)

// ReLU computes y = max(x, 0).
func ReLU(y, x []float32) {
	if accelUnary(reluFunc, y, x) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		y[i] = max(v, 0)
	}
}

// ReLUBackward passes dy where x > 0 and zero elsewhere (the kink at 0
// takes the derivative 0).
func ReLUBackward(dx, x, y, dy []float32) {
	if accelBackward(reluFunc, dx, x, y, dy) {
		return
	}
	dx, dy = dx[:len(x)], dy[:len(x)]
	_ = y[:len(x)] // unread here, but every body holds callers to the same lengths
	for i, v := range x {
		if v > 0 {
			dx[i] = dy[i]
		} else {
			dx[i] = 0
		}
	}
}

// Tanh computes y = tanh(x).
func Tanh(y, x []float32) {
	if accelUnary(tanhFunc, y, x) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(math.Tanh(float64(v)))
	}
}

// TanhBackward uses f' = 1 - y².
func TanhBackward(dx, x, y, dy []float32) {
	if accelBackward(tanhFunc, dx, x, y, dy) {
		return
	}
	dx, y, dy = dx[:len(x)], y[:len(x)], dy[:len(x)]
	for i := range x {
		dx[i] = dy[i] * (1 - y[i]*y[i])
	}
}

// Sigmoid computes y = 1/(1+exp(-x)). In float64 exp(-x) overflows to +Inf
// for very negative x, which still yields the correct 0.
func Sigmoid(y, x []float32) {
	if accelUnary(sigmoidFunc, y, x) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(sigmoid(float64(v)))
	}
}

// SigmoidBackward uses f' = y(1 - y).
func SigmoidBackward(dx, x, y, dy []float32) {
	if accelBackward(sigmoidFunc, dx, x, y, dy) {
		return
	}
	dx, y, dy = dx[:len(x)], y[:len(x)], dy[:len(x)]
	for i := range x {
		dx[i] = dy[i] * y[i] * (1 - y[i])
	}
}

// The GELU here is the tanh approximation used by BERT and GPT-2,
// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x³))), not the exact erf form:
// it is what most playgrounds show and it is cheaper in SIMD.
const (
	geluC = 0.7978845608028654 // sqrt(2/pi)
	geluA = 0.044715
)

// GELU computes the tanh approximation of GELU (see geluC), written as
// x·sigmoid(2z) with z = sqrt(2/pi)(x + 0.044715 x³): the same function,
// since 0.5(1 + tanh z) = sigmoid(2z), without the cancellation in 1 + tanh
// that loses every digit for x below about -7.
func GELU(y, x []float32) {
	if accelUnary(geluFunc, y, x) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		u := float64(v)
		y[i] = float32(u * sigmoid(2*geluC*(u+geluA*u*u*u)))
	}
}

// GELUBackward differentiates the tanh approximation: with s = sigmoid(2z),
// f' = s + 2 x s (1-s) sqrt(2/pi) (1 + 3·0.044715 x²).
func GELUBackward(dx, x, y, dy []float32) {
	if accelBackward(geluFunc, dx, x, y, dy) {
		return
	}
	dx, dy = dx[:len(x)], dy[:len(x)]
	_ = y[:len(x)] // unread here, but every body holds callers to the same lengths
	for i, v := range x {
		u := float64(v)
		s := sigmoid(2 * geluC * (u + geluA*u*u*u))
		d := s + 2*u*s*(1-s)*geluC*(1+3*geluA*u*u)
		dx[i] = dy[i] * float32(d)
	}
}

// SiLU computes y = x·sigmoid(x) (also called swish).
func SiLU(y, x []float32) {
	if accelUnary(siluFunc, y, x) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		u := float64(v)
		y[i] = float32(u * sigmoid(u))
	}
}

// SiLUBackward uses f' = s (1 + x (1 - s)), s = sigmoid(x).
func SiLUBackward(dx, x, y, dy []float32) {
	if accelBackward(siluFunc, dx, x, y, dy) {
		return
	}
	dx, dy = dx[:len(x)], dy[:len(x)]
	_ = y[:len(x)] // unread here, but every body holds callers to the same lengths
	for i, v := range x {
		u := float64(v)
		s := sigmoid(u)
		dx[i] = dy[i] * float32(s*(1+u*(1-s)))
	}
}

// Sine computes y = sin(x).
func Sine(y, x []float32) {
	if accelUnary(sineFunc, y, x) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(math.Sin(float64(v)))
	}
}

// SineBackward uses f' = cos(x).
func SineBackward(dx, x, y, dy []float32) {
	if accelBackward(sineFunc, dx, x, y, dy) {
		return
	}
	dx, dy = dx[:len(x)], dy[:len(x)]
	_ = y[:len(x)] // unread here, but every body holds callers to the same lengths
	for i, v := range x {
		dx[i] = dy[i] * float32(math.Cos(float64(v)))
	}
}

func sigmoid(u float64) float64 { return 1 / (1 + math.Exp(-u)) }
