package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKANSparsityObjectiveGradient checks L-BFGS's full-batch objective
// with the sparsity penalty on every KAN layer (two chunks of rows)
// against central differences of itself, for a deep KAN on both B-spline
// paths, a selectable-basis KAN and a KAN with a dense layer between:
// the deeper layers' penalties reach the parameters below them through
// their inputs, as in pykan, where autograd sees the whole objective.
func TestKANSparsityObjectiveGradient(t *testing.T) {
	kan := func(units int, basis KANBasis) LayerConfig {
		return LayerConfig{Kind: KANLayer, Units: units, Activation: Linear,
			Options: Options{"g": 3, "k": 3, "range": 1, "basis": float32(basis), "lamb": 0.5}}
	}
	cases := []struct {
		name    string
		batched bool
		layers  []LayerConfig
	}{
		{"bspline points", false, []LayerConfig{kan(3, BSplineBasis), kan(2, BSplineBasis), kan(1, BSplineBasis)}},
		{"bspline batched", true, []LayerConfig{kan(3, BSplineBasis), kan(2, BSplineBasis), kan(1, BSplineBasis)}},
		{"selectable", false, []LayerConfig{kan(3, SelectableBasis), kan(1, SelectableBasis)}},
		{"kan dense kan", true, []LayerConfig{kan(3, BSplineBasis), {Kind: DenseLayer, Units: 3, Activation: Tanh}, kan(1, BSplineBasis)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			withBatchedKAN(c.batched, func() {
				rng := rand.New(rand.NewPCG(123, 124))
				x, y := kanFitData(rng, evalChunk+44)
				net, err := Build(2, c.layers, Glorot, rng)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range net.Layers {
					if k, ok := l.(*KAN); ok {
						k.SetSparsityOption(0.5)
						// No edge nearly flat over the batch: there the
						// score's square root bends more sharply than
						// differences at gradEps resolve.
						for e, v := range k.scaleBase.Value {
							k.scaleBase.Value[e] = float32(math.Copysign(0.3, float64(v))) + v
						}
					}
				}
				tr, err := NewTrainer(TrainerConfig{Net: net, Loss: MSE, LR: 1, Rule: RuleConfig{Kind: LBFGS}}, x, y)
				if err != nil {
					t.Fatal(err)
				}
				flat := net.CopyParams(nil)
				g := make([]float32, len(flat))
				obj, data := tr.fullBatch(flat, g)
				t.Logf("objective %.4g (data %.4g)", obj, data)
				scratch := make([]float32, len(flat))
				num := richardsonGrad(flat, func() float64 {
					f, _ := tr.fullBatch(flat, scratch)
					return f
				})
				if err := compareGrads(g, num, nil); err != nil {
					t.Error(err)
				}
			})
		})
	}
}
