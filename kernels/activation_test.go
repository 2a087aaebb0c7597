package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

type activationCase struct {
	name     string
	forward  func(y, x []float32)
	backward func(dx, x, y, dy []float32)
	ref      func(float64) float64 // float64 reference of the forward
	smooth   bool                  // false: skip points near a kink
}

func sigmoid64(u float64) float64 { return 1 / (1 + math.Exp(-u)) }

var activationCases = []activationCase{
	{"ReLU", ReLU, ReLUBackward, func(u float64) float64 { return math.Max(u, 0) }, false},
	{"Tanh", Tanh, TanhBackward, math.Tanh, true},
	{"Sigmoid", Sigmoid, SigmoidBackward, sigmoid64, true},
	{"GELU", GELU, GELUBackward, func(u float64) float64 {
		// 0.5(1 + tanh z) as sigmoid(2z): accurate in float64 for large
		// negative u, where 1 + tanh z cancels.
		return u * sigmoid64(2*math.Sqrt(2/math.Pi)*(u+0.044715*u*u*u))
	}, true},
	{"SiLU", SiLU, SiLUBackward, func(u float64) float64 { return u * sigmoid64(u) }, true},
	{"Sine", Sine, SineBackward, math.Sin, true},
}

// activationInputs spans the interesting range, plus large magnitudes
// where a careless formula overflows into NaN.
func activationInputs(rng *rand.Rand, n int) []float32 {
	x := make([]float32, 0, n+8)
	for range n {
		x = append(x, float32(rng.Float64()*12-6))
	}
	return append(x, 30, -30, 90, -90, 1000, -1000, 1e20, -1e20)
}

func TestActivationsAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	all := activationInputs(rng, 301)
	for _, c := range activationCases {
		t.Run(c.name, func(t *testing.T) {
			x := all
			if c.name == "Sine" {
				// The sine of 1e20 says nothing about a network; keep
				// it to the range a layer feeds it.
				x = all[:301]
			}
			y := make([]float32, len(x))
			c.forward(y, x)
			want := make([]float64, len(x))
			for i, v := range x {
				want[i] = c.ref(float64(v))
			}
			checkClose(t, "forward", y, want, 2e-7, 1e-30)

			dy := randSlice(rng, len(x))
			dx := make([]float32, len(x))
			c.backward(dx, x, y, dy)
			for i, v := range x {
				u := float64(v)
				if !c.smooth && math.Abs(u) < 1e-3 {
					continue
				}
				if math.Abs(u) > 50 {
					// Far out the derivative is a plain limit: 0 or 1
					// (or the slope of ReLU); only finiteness matters.
					if math.IsNaN(float64(dx[i])) || math.IsInf(float64(dx[i]), 0) {
						t.Fatalf("backward at %v: %v", v, dx[i])
					}
					continue
				}
				d := fd.Derivative(c.ref, u, &fd.Settings{Formula: fd.Central, Step: 1e-6})
				w := float64(dy[i]) * d
				// The float32 output feeds Tanh' and Sigmoid', so allow a
				// few float32 roundings relative to |dy|.
				if !closeTo(dx[i], w, 1e-5, 1e-6*math.Abs(float64(dy[i]))) {
					t.Fatalf("backward at %v: %v, want %v", v, dx[i], w)
				}
			}

			// In place: y may be x, dx may be dy.
			xc := append([]float32(nil), x...)
			c.forward(xc, xc)
			for i := range y {
				if xc[i] != y[i] && !(math.IsNaN(float64(xc[i])) && math.IsNaN(float64(y[i]))) {
					t.Fatalf("in-place forward differs at %d", i)
				}
			}
			dyc := append([]float32(nil), dy...)
			c.backward(dyc, x, y, dyc)
			for i := range dx {
				if dyc[i] != dx[i] {
					t.Fatalf("in-place backward differs at %d", i)
				}
			}
		})
	}
}

func TestActivationEmpty(t *testing.T) {
	for _, c := range activationCases {
		c.forward(nil, nil)
		c.backward(nil, nil, nil, nil)
	}
}
