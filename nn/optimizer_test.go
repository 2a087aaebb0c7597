package nn

import (
	"math"
	"testing"
)

// tinyParams is a weight [1, -2] and a bias [3] (no decay) with fixed
// gradients; the expected values below were worked out by hand (Adam's
// also in float64 with a calculator script).
func tinyParams() []*Param {
	return []*Param{
		{Name: "W", Rows: 1, Cols: 2, Value: []float32{1, -2}, Grad: []float32{0.5, 0.25}, Decay: true},
		{Name: "b", Rows: 1, Cols: 1, Value: []float32{3}, Grad: []float32{-1}},
	}
}

func setGrads(params []*Param, w0, w1, b float32) {
	params[0].Grad[0], params[0].Grad[1], params[1].Grad[0] = w0, w1, b
}

func expectValues(t *testing.T, what string, params []*Param, want ...float64) {
	t.Helper()
	got := []float32{params[0].Value[0], params[0].Value[1], params[1].Value[0]}
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > 1e-6*math.Max(1, math.Abs(want[i])) {
			t.Fatalf("%s: values %v, want %v", what, got, want)
		}
	}
}

func TestSGD(t *testing.T) {
	p := tinyParams()
	opt := NewOptimizer(OptimizerConfig{Kind: SGD}, p)
	opt.Step(p, 0.1)
	expectValues(t, "step 1", p, 0.95, -2.025, 3.1)
}

func TestMomentum(t *testing.T) {
	p := tinyParams()
	opt := NewOptimizer(OptimizerConfig{Kind: Momentum, Momentum: 0.9}, p)
	opt.Step(p, 0.1) // v = g
	expectValues(t, "step 1", p, 0.95, -2.025, 3.1)
	opt.Step(p, 0.1) // v = 0.9 g + g = 1.9 g
	expectValues(t, "step 2", p, 0.855, -2.0725, 3.29)
}

func TestAdam(t *testing.T) {
	p := tinyParams()
	opt := NewOptimizer(OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}, p)
	// Bias correction makes the first step lr·g/|g| = lr·sign(g).
	opt.Step(p, 0.1)
	expectValues(t, "step 1", p, 0.9, -2.1, 3.1)
	// Step 2 with g = [-0.5, 1]: m = [-0.005, 0.1225], v = [0.00049975,
	// 0.0010624375]; m̂ = m/0.19, v̂ = v/0.001999.
	setGrads(p, -0.5, 1, -1)
	opt.Step(p, 0.1)
	expectValues(t, "step 2", p, 0.9052631597894736, -2.1884376438445123, 3.2)
}

func TestAdamW(t *testing.T) {
	p := tinyParams()
	opt := NewOptimizer(OptimizerConfig{Kind: AdamW, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0.5}, p)
	// Weights shrink by 1 - lr·wd = 0.95 before the Adam step; the bias
	// (Decay false) does not.
	opt.Step(p, 0.1)
	expectValues(t, "step 1", p, 0.85, -2.0, 3.1)
	setGrads(p, -0.5, 1, -1)
	opt.Step(p, 0.1)
	expectValues(t, "step 2", p, 0.8127631596894735, -1.9884376440445122, 3.2)
}

func TestAdamIgnoresWeightDecayWithoutW(t *testing.T) {
	// Plain Adam must not apply a WeightDecay left in the config by a
	// switch from AdamW.
	a, b := tinyParams(), tinyParams()
	NewOptimizer(OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0.5}, a).Step(a, 0.1)
	NewOptimizer(OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}, b).Step(b, 0.1)
	expectValues(t, "adam with stray decay", a, float64(b[0].Value[0]), float64(b[0].Value[1]), float64(b[1].Value[0]))
}

func TestOptimizerRejectsOtherParams(t *testing.T) {
	p := tinyParams()
	opt := NewOptimizer(OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}, p)
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a different parameter list")
		}
	}()
	opt.Step(p[:1], 0.1)
}
