package symbolic

import (
	"math"
	"math/rand/v2"
)

// truth is a curve a·f(b·x+c)+d the tests generate samples of.
type truth struct {
	name       string
	a, b, c, d float64
}

func (tr truth) eval(x float64) float64 {
	f, ok := Lookup(tr.name)
	if !ok {
		panic("no function " + tr.name)
	}
	return tr.a*f.Eval(tr.b*x+tr.c) + tr.d
}

// root returns the argument's zero, -c/b: where x^2 has its vertex, abs
// its kink, x^3 its inflection, log, sqrt and 1/x their edge or pole.
func (tr truth) root() float64 { return -tr.c / tr.b }

// randomTruth draws constants for f with its telling feature over
// [-1, 1]: a vertex, kink or inflection inside the range, a pole or a
// root of sqrt or log close to its edge, a few radians of sin, a steep
// tanh step, exp growing by e^1.5 or more. Outside those ranges another
// f of the library describes the curve as well (exp(0.3x) is a parabola
// to 1e-5), and which one Best names is a matter of taste, not of
// correctness.
func randomTruth(name string, rng *rand.Rand) truth {
	uni := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	sgn := func() float64 {
		if rng.IntN(2) == 0 {
			return -1
		}
		return 1
	}
	tr := truth{name: name, a: sgn() * uni(0.5, 2), d: uni(-1, 1)}
	switch name {
	case "x":
		tr.b, tr.c = sgn()*uni(0.5, 2), uni(-1, 1)
	case "x^2", "x^3", "abs":
		tr.b = sgn() * uni(1, 2)
		tr.c = -tr.b * uni(-0.5, 0.5)
	case "exp":
		tr.b, tr.c = sgn()*uni(1.5, 3), uni(-1, 1)
	case "sin":
		tr.b, tr.c = sgn()*uni(2, 5), uni(-math.Pi, math.Pi)
	case "tanh":
		tr.b = sgn() * uni(3, 6)
		tr.c = -tr.b * uni(-0.5, 0.5)
	case "log", "sqrt", "1/x":
		// The argument runs from lo at one end of [-1, 1] to lo + 2|b|.
		tr.b = sgn() * uni(0.5, 2)
		lo := uni(0.02, 0.3)
		if name == "sqrt" {
			lo = uni(0, 0.1)
		}
		tr.c = lo + math.Abs(tr.b)
		if name == "1/x" && rng.IntN(2) == 0 {
			tr.c = -tr.c // the pole on the other side
		}
	case "0":
		tr.a = 0
	default:
		panic("no draw for " + name)
	}
	return tr
}

// sample returns n points of tr evenly spaced over [lo, hi].
func sample(tr truth, lo, hi float64, n int) (xs, ys []float64) {
	xs = linspace(lo, hi, n)
	ys = make([]float64, n)
	for i, x := range xs {
		ys[i] = tr.eval(x)
	}
	return xs, ys
}

// withNoise returns ys plus Gaussian noise of standard deviation
// share·std(ys).
func withNoise(ys []float64, share float64, rng *rand.Rand) []float64 {
	var m, v float64
	for _, y := range ys {
		m += y
	}
	m /= float64(len(ys))
	for _, y := range ys {
		v += (y - m) * (y - m)
	}
	sd := share * math.Sqrt(v/float64(len(ys)))
	out := make([]float64, len(ys))
	for i, y := range ys {
		out[i] = y + sd*rng.NormFloat64()
	}
	return out
}

// curveError returns the largest |fit - tr| over n points of [lo, hi]
// against the spread of tr there: comparing curves, not constants, is
// blind to the symmetries that leave a curve unchanged (sin's phase,
// sign flips of odd and even f, the scale of scale-free f).
func curveError(fit Fit, tr truth, lo, hi float64) float64 {
	yLo, yHi, worst := math.Inf(1), math.Inf(-1), 0.0
	for _, x := range linspace(lo, hi, 1001) {
		y := tr.eval(x)
		yLo, yHi = min(yLo, y), max(yHi, y)
		worst = max(worst, math.Abs(fit.Eval(x)-y))
	}
	return worst / max(yHi-yLo, 1e-300)
}
