package nn

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"playground/kernels"
)

func TestRuleNames(t *testing.T) {
	if got := Rules(); !slices.Equal(got, []RuleKind{Minibatch, LBFGS}) {
		t.Fatalf("Rules() = %v", got)
	}
	for _, k := range Rules() {
		b, err := json.Marshal(RuleConfig{Kind: k, History: 4})
		if err != nil {
			t.Fatal(err)
		}
		var back RuleConfig
		if err := json.Unmarshal(b, &back); err != nil || back.Kind != k || back.History != 4 {
			t.Errorf("%s: JSON %s read back as %+v (%v)", k, b, back, err)
		}
	}
	if string(mustMarshal(t, LBFGS)) != `"lbfgs"` || Minibatch.String() != "minibatch" {
		t.Errorf("names %s, %s", mustMarshal(t, LBFGS), Minibatch)
	}
	if _, err := ParseRule("adam"); err == nil {
		t.Error(`ParseRule("adam") gave no error`)
	}
	var k RuleKind
	if err := json.Unmarshal([]byte(`"sgd"`), &k); err == nil {
		t.Error("an unknown rule unmarshalled")
	}
	if s := RuleKind(7).String(); s != "unknown(7)" {
		t.Errorf("RuleKind(7) is %q", s)
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// anchoredDense is a test layer with an extra loss term: a Dense layer
// whose weights are pulled towards anchor by ½·weight·Σ(w-anchor)².
type anchoredDense struct {
	*Dense
	anchor, weight float32
}

func (a *anchoredDense) ExtraLoss(grad bool) float32 {
	w := a.Weights()
	var sum float64
	for i, v := range w.Value {
		diff := v - a.anchor
		sum += float64(diff) * float64(diff)
		if grad {
			w.Grad[i] += a.weight * diff
		}
	}
	return float32(0.5 * float64(a.weight) * sum)
}

// anchorFirst wraps the first layer of net in an anchoredDense.
func anchorFirst(net *Network, anchor, weight float32) *anchoredDense {
	a := &anchoredDense{Dense: net.Layers[0].(*Dense), anchor: anchor, weight: weight}
	net.Layers[0] = a
	return a
}

// gradSnap is a GradHook that records what it sees: the step number, the
// weights and the gradients; zeroFirst, if set, zeroes the first
// parameter's gradient, as a mask would.
type gradSnap struct {
	steps         []int
	values, grads [][]float32
	zeroFirst     bool
}

func (h *gradSnap) AfterBackward(params []*Param, step int) {
	h.steps = append(h.steps, step)
	var v, g []float32
	for _, p := range params {
		v = append(v, p.Value...)
		g = append(g, p.Grad...)
	}
	h.values, h.grads = append(h.values, v), append(h.grads, g)
	if h.zeroFirst {
		clear(params[0].Grad)
	}
}

// TestGradHookRunsBetweenBackwardAndUpdate: with SGD the update is exactly
// w - lr·g, so the gradients the hook saw (nonzero, with the weights
// still those from before the step) must be the ones applied, and a
// gradient the hook zeroes must leave its weights alone.
func TestGradHookRunsBetweenBackwardAndUpdate(t *testing.T) {
	x, y := xorData(rand.New(rand.NewPCG(101, 102)), 30)
	s := defaultSetup()
	s.opt, s.lr = OptimizerConfig{Kind: SGD}, 0.1
	s.reg = Regularization{Kind: L2, Rate: 0.01}
	hook := &gradSnap{}
	tr := s.buildRule(t, x, y, RuleConfig{}, nil, hook)
	for step := range 3 {
		before := tr.Net().CopyParams(nil)
		tr.Step()
		if len(hook.steps) != step+1 || hook.steps[step] != step {
			t.Fatalf("after step %d the hook ran at steps %v", step, hook.steps)
		}
		if !slices.Equal(hook.values[step], before) {
			t.Fatal("the hook saw updated weights")
		}
		if maxAbs(hook.grads[step]) == 0 {
			t.Fatal("the hook saw no gradient")
		}
		want := slices.Clone(before)
		kernels.Axpy(-0.1, hook.grads[step], want)
		if !slices.Equal(tr.Net().CopyParams(nil), want) {
			t.Fatal("the update did not use the gradients the hook saw")
		}
	}
	hook.zeroFirst = true
	w0 := slices.Clone(tr.Net().Params()[0].Value)
	tr.Step()
	if !slices.Equal(tr.Net().Params()[0].Value, w0) {
		t.Error("weights moved although the hook zeroed their gradient")
	}
	if tr.Evals() != 4 || tr.Steps() != 4 {
		t.Errorf("minibatch: %d evaluations for %d steps", tr.Evals(), tr.Steps())
	}
}

// TestLossTermGradient: the trainer adds a layer's extra term's gradient
// (seen by a hook, which runs after it) under Minibatch.
func TestLossTermGradient(t *testing.T) {
	x, y := xorData(rand.New(rand.NewPCG(103, 104)), 20)
	grads := func(withTerm bool) []float32 {
		s := defaultSetup()
		s.opt = OptimizerConfig{Kind: SGD}
		var prep func(*Network)
		if withTerm {
			prep = func(n *Network) { anchorFirst(n, 0.25, 0.5) }
		}
		hook := &gradSnap{}
		s.buildRule(t, x, y, RuleConfig{}, prep, hook).Step()
		return hook.grads[0]
	}
	plain, termed := grads(false), grads(true)
	// The first parameter is the first layer's W, at its initial values.
	net, _ := NewNetwork(2, defaultSetup().hidden, 2, Linear, Glorot, rand.New(rand.NewPCG(1, 0)))
	w0 := net.Params()[0].Value
	for i := range plain {
		want := plain[i]
		if i < len(w0) {
			want += 0.5 * (w0[i] - 0.25)
		}
		if math.Abs(float64(termed[i]-want)) > 1e-6 {
			t.Fatalf("gradient %d: %v with the term, %v without, want %v", i, termed[i], plain[i], want)
		}
	}
}
