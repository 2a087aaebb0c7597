package kernels

import "math"

// Activations come in pairs. The forward Xxx(y, x) writes y[i] = f(x[i]);
// y may be x itself. The backward XxxBackward(dx, x, y, dy) writes
// dx[i] = dy[i] * f'(x[i]) given both the pre-activation x and the output
// y = f(x), so each derivative uses whichever is cheaper; dx may be dy
// itself. Lengths come from x. Transcendentals are evaluated in float64
// and rounded once, so these bodies are also the accuracy reference.

// ReLU computes y = max(x, 0).
func ReLU(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = max(v, 0)
	}
}

// ReLUBackward passes dy where x > 0 and zero elsewhere (the kink at 0
// takes the derivative 0).
func ReLUBackward(dx, x, y, dy []float32) {
	dx, dy = dx[:len(x)], dy[:len(x)]
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
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(math.Tanh(float64(v)))
	}
}

// TanhBackward uses f' = 1 - y².
func TanhBackward(dx, x, y, dy []float32) {
	dx, y, dy = dx[:len(x)], y[:len(x)], dy[:len(x)]
	for i := range x {
		dx[i] = dy[i] * (1 - y[i]*y[i])
	}
}

// Sigmoid computes y = 1/(1+exp(-x)). In float64 exp(-x) overflows to +Inf
// for very negative x, which still yields the correct 0.
func Sigmoid(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(sigmoid(float64(v)))
	}
}

// SigmoidBackward uses f' = y(1 - y).
func SigmoidBackward(dx, x, y, dy []float32) {
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

// GELU computes the tanh approximation of GELU (see geluC).
func GELU(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		u := float64(v)
		y[i] = float32(0.5 * u * (1 + math.Tanh(geluC*(u+geluA*u*u*u))))
	}
}

// GELUBackward differentiates the tanh approximation:
// f' = 0.5(1+t) + 0.5 x (1-t²) sqrt(2/pi) (1 + 3·0.044715 x²), t the tanh.
func GELUBackward(dx, x, y, dy []float32) {
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		u := float64(v)
		t := math.Tanh(geluC * (u + geluA*u*u*u))
		d := 0.5*(1+t) + 0.5*u*(1-t*t)*geluC*(1+3*geluA*u*u)
		dx[i] = dy[i] * float32(d)
	}
}

// SiLU computes y = x·sigmoid(x) (also called swish).
func SiLU(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		u := float64(v)
		y[i] = float32(u * sigmoid(u))
	}
}

// SiLUBackward uses f' = s (1 + x (1 - s)), s = sigmoid(x).
func SiLUBackward(dx, x, y, dy []float32) {
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		u := float64(v)
		s := sigmoid(u)
		dx[i] = dy[i] * float32(s*(1+u*(1-s)))
	}
}

// Sine computes y = sin(x).
func Sine(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(math.Sin(float64(v)))
	}
}

// SineBackward uses f' = cos(x).
func SineBackward(dx, x, y, dy []float32) {
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		dx[i] = dy[i] * float32(math.Cos(float64(v)))
	}
}

func sigmoid(u float64) float64 { return 1 / (1 + math.Exp(-u)) }
