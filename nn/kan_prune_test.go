package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// netOutput forwards x and returns a copy of the output.
func netOutput(net *Network, x Matrix) []float32 {
	return slices.Clone(net.Forward(x).Data)
}

// maxDiff returns the largest |a-b|.
func maxDiff(a, b []float32) float64 {
	var d float64
	for i := range a {
		d = max(d, math.Abs(float64(a[i]-b[i])))
	}
	return d
}

// TestPruneKANRemovesADeadNode: a hidden node whose outgoing edge is 0
// scores 0 and goes even at threshold 0, the layers narrow, and the output
// stays what it was, for every basis; at pykan's threshold weak edges go
// too, and the output barely moves.
func TestPruneKANRemovesADeadNode(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(5, uint64(basis)))
		net := buildKANWithBasis(t, []int{2, 4, 1}, 5, basis, rng)
		x := randMatrix(rng, 200, 2, 0.9)
		if err := UpdateKANGrids(net, x); err != nil {
			t.Fatal(err)
		}
		out := net.Layers[1].(*KAN)
		out.PruneEdge(2, 0) // node 2 no longer reaches the output
		want := netOutput(net, x)

		same, err := PruneKAN(net, x, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if w := same.Widths(); !slices.Equal(w, []int{3, 1}) || !slices.Equal(same.Kept[1], []int{0, 1, 3}) || same.Edges != 0 {
			t.Fatalf("threshold 0: widths %v, kept %v, %d edges pruned", w, same.Kept, same.Edges)
		}
		if d := maxDiff(netOutput(same.Net, x), want); d > 1e-6 {
			t.Errorf("removing the dead node changed the output by %g", d)
		}

		p, err := PruneKAN(net, x, DefaultKANNodeThreshold, DefaultKANEdgeThreshold)
		if err != nil {
			t.Fatal(err)
		}
		if w := p.Widths(); w[0] > 3 || p.Net.Layers[0].Out() != w[0] || p.Net.Layers[1].In() != w[0] {
			t.Fatalf("widths %v, kept %v", w, p.Kept)
		}
		if d := maxDiff(netOutput(p.Net, x), want); d > 0.1 {
			t.Errorf("pruning to %v moved the output by up to %g", p.Widths(), d)
		}
		t.Logf("%v: pruned to %v, %d edges set to 0", basis, p.Widths(), p.Edges)
	})
}

// TestPruneKANRefuses: bad thresholds, too few rows and networks that
// are not all KAN give errors.
func TestPruneKANRefuses(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	net := buildKAN(t, []int{2, 3, 1}, 3, rng)
	x := randMatrix(rng, 10, 2, 1)
	for _, th := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := PruneKAN(net, x, th, 0.01); err == nil {
			t.Errorf("threshold %g accepted", th)
		}
	}
	if _, err := PruneKAN(net, randMatrix(rng, 1, 2, 1), 0.01, 0.01); err == nil {
		t.Error("one row accepted")
	}
	if _, err := PruneKAN(net, randMatrix(rng, 10, 3, 1), 0.01, 0.01); err == nil {
		t.Error("three columns accepted for two inputs")
	}
	dense, err := NewNetwork(2, []LayerConfig{{Kind: DenseLayer, Units: 3, Activation: Tanh}}, 1, Linear, Glorot, rng)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PruneKAN(dense, x, 0.01, 0.01); err != ErrNotAllKAN {
		t.Errorf("a dense network: %v", err)
	}
}

// TestPrunedEdgesStayZero: under the trainer (L-BFGS and Adam), a pruned
// edge's parameters stay 0 and the edge adds nothing, while the rest
// trains.
func TestPrunedEdgesStayZero(t *testing.T) {
	for _, rule := range []RuleConfig{{Kind: LBFGS}, {Kind: Minibatch}} {
		rng := rand.New(rand.NewPCG(7, 7))
		x, y := kanFitData(rng, 200)
		net := buildKAN(t, []int{2, 3, 1}, 5, rng)
		k := net.Layers[0].(*KAN)
		k.SetSparsity(1e-3)
		k.PruneEdge(1, 2)
		tr, err := NewTrainer(TrainerConfig{Net: net, Loss: MSE, LR: 0.01, Batch: 50, Rule: rule,
			Optimizer: OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0.01}}, x, y)
		if err != nil {
			t.Fatal(err)
		}
		before := tr.Score(x, y).Loss
		for range 20 {
			tr.Step()
		}
		after := tr.Score(x, y).Loss
		e := 1*k.out + 2
		nb := k.numBases()
		if k.scaleBase.Value[e] != 0 || k.scaleSp.Value[e] != 0 || slices.ContainsFunc(k.coef.Value[e*nb:(e+1)*nb], func(v float32) bool { return v != 0 }) {
			t.Errorf("%v: the pruned edge's parameters moved", rule.Kind)
		}
		if curve := k.EdgeCurve(1, 2, []float32{-1, 0, 0.5}, nil); slices.ContainsFunc(curve, func(v float32) bool { return v != 0 }) {
			t.Errorf("%v: the pruned edge draws %v", rule.Kind, curve)
		}
		if !(after < before) {
			t.Errorf("%v: loss %g -> %g", rule.Kind, before, after)
		}
	}
}
