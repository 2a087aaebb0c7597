package session

import (
	"strings"
	"testing"

	"playground/nn"
)

// TestPruneKeepsTheFunction trains KAN[2,5,1] on exp(sin πx + y²) with
// the sparsity penalty (pykan's lamb 1e-3), prunes, and checks that the
// network shrank (pykan reaches [2,1,1]; here 2 of 5 hidden nodes go), the spec says so, the test RMSE
// right after pruning is close to before, and training goes on from there.
func TestPruneKeepsTheFunction(t *testing.T) {
	spec := presetSpec(t, "kan-expsin")
	for i := range spec.Layers {
		spec.Layers[i].Options[nn.KANSparsityOption] = 0.001
	}
	s := newSession(t, spec)
	s.SetRunning(true)
	s.Step(400)
	before := s.Metrics()
	paramsBefore := s.Network().NumParams()
	if err := s.Prune(0); err != nil {
		t.Fatal(err)
	}
	after := s.Metrics()
	widths := []int{}
	for _, l := range s.Spec().Layers {
		widths = append(widths, l.Units)
	}
	s.Step(50)
	trained := s.Metrics()
	t.Logf("KAN[2,5,1], lamb 1e-3, %d L-BFGS iterations: test RMSE %.4g, %d params; pruned to %v (%d params): %.4g right after, %.4g 50 iterations later",
		before.Step, before.TestRMSE, paramsBefore, widths, s.Network().NumParams(), after.TestRMSE, trained.TestRMSE)
	if widths[0] >= 5 || s.Network().Layers[0].Out() != widths[0] {
		t.Errorf("pruning kept widths %v (network %d units)", widths, s.Network().Layers[0].Out())
	}
	if after.Step != before.Step {
		t.Errorf("pruning moved the step count from %d to %d", before.Step, after.Step)
	}
	if !(after.TestRMSE < 1.5*before.TestRMSE+1e-3) {
		t.Errorf("pruning lost the function: test RMSE %.4g -> %.4g", before.TestRMSE, after.TestRMSE)
	}
	// L-BFGS may settle (and pause) on the smaller network: that is
	// training finished, not failed.
	if !(trained.TestRMSE <= 1.05*after.TestRMSE) || !(s.Running() || strings.Contains(s.LastError(), "converged")) {
		t.Errorf("training after pruning: %.4g -> %.4g, running %v, %q", after.TestRMSE, trained.TestRMSE, s.Running(), s.LastError())
	}
}
