package session

import (
	"math"
	"strings"
	"testing"

	"playground/nn"
)

// TestSnapKeepsTraining: snapping a trained KAN[2,1,1] on exp(sin πx +
// y²) (as TestFormulaRecoversExpSin trains it) makes its edges sin, x^2 and exp with trainable constants; the
// network is then its formula (the same test RMSE), L-BFGS fine-tunes the
// constants (the formula's text follows them) and the error does not get
// worse.
func TestSnapKeepsTraining(t *testing.T) {
	spec := kan211(t)
	spec.Seed, spec.Data.Seed = 5, 5
	s := newSession(t, spec)
	s.SetRunning(true)
	s.Step(200)
	refined := s.Spec()
	for i := range refined.Layers {
		refined.Layers[i].Options[nn.KANGridOption] = 10
	}
	if err := s.Edit(refined); err != nil {
		t.Fatal(err)
	}
	s.Step(600)
	before := s.Metrics()
	f, n, err := s.Snap()
	if err != nil {
		t.Fatal(err)
	}
	snapped := s.Metrics()
	if n != 3 || !s.Snapped() {
		t.Fatalf("snapped %d edges (Snapped %v), want 3", n, s.Snapped())
	}
	for _, part := range []string{"exp(", "sin(", "x2^2"} {
		if !strings.Contains(f.Outputs[0], part) {
			t.Errorf("the snapped formula %q lacks %q", f.Outputs[0], part)
		}
	}
	if d := math.Abs(f.TestRMSE - float64(snapped.TestRMSE)); !(d < 1e-4) {
		t.Errorf("the snapped network's test RMSE %.4g is not its formula's %.4g", snapped.TestRMSE, f.TestRMSE)
	}
	if got, want := s.Network().NumParams(), refined.NumParams()+3*4; got != want {
		t.Errorf("%d parameters after snapping, want %d (the spec's and 4 per edge)", got, want)
	}
	s.Step(30)
	trained := s.Metrics()
	g, err := s.Formula()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("KAN[2,1,1], %d iterations: test RMSE %.4g; snapped: %.4g, %s; 30 iterations later: %.4g, %s",
		before.Step, before.TestRMSE, snapped.TestRMSE, f.Outputs[0], trained.TestRMSE, g.Outputs[0])
	if !(trained.TestRMSE <= snapped.TestRMSE) || g.Outputs[0] == f.Outputs[0] {
		t.Errorf("training after snapping: %.4g -> %.4g, formula %q -> %q", snapped.TestRMSE, trained.TestRMSE, f.Outputs[0], g.Outputs[0])
	}
	for _, l := range s.Network().Layers {
		k := l.(*nn.KAN)
		if _, ok := k.EdgeSymbolic(0, 0); !ok {
			t.Errorf("edge 0->0 of a %d-input layer is no longer snapped", k.In())
		}
	}
	// A second snap finds nothing left to snap.
	if _, n, err := s.Snap(); err != nil || n != 0 {
		t.Errorf("snapping again: %d edges, %v", n, err)
	}
}
