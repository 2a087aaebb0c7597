package session

import (
	"fmt"
	"strings"
	"testing"

	"playground/data"
	"playground/experiment"
	"playground/nn"
)

// TestLBFGSRuleTrains runs the spec's rule through the session: full-batch
// L-BFGS on the plane regression lowers the loss, and a link keeps the rule.
func TestLBFGSRuleTrains(t *testing.T) {
	spec := experiment.Default()
	spec.Data.Set, spec.Data.Classes, spec.Loss = data.MultiGauss, 0, nn.MSE
	spec.Rule, spec.Optimizer.LR = nn.LBFGS, 1
	spec.FitOutput()
	sess := newSession(t, spec)
	start := sess.Metrics()
	if took := sess.Step(30); took != 30 {
		t.Fatalf("took %d of 30 steps: %s", took, sess.LastError())
	}
	end := sess.Metrics()
	t.Logf("L-BFGS, 30 iterations: train loss %.4f -> %.4f, test %.4f -> %.4f", start.TrainLoss, end.TrainLoss, start.TestLoss, end.TestLoss)
	if !(end.TrainLoss < start.TrainLoss/2) {
		t.Errorf("train loss %.4f -> %.4f, want it at least halved", start.TrainLoss, end.TrainLoss)
	}
	back, _, err := experiment.DecodeHash(experiment.EncodeHash(spec))
	if err != nil || back.Rule != nn.LBFGS {
		t.Errorf("the link lost the rule: %v %v", back.Rule, err)
	}
}

// TestAdvanceSplitsLBFGSIterations: with no time to spare, a frame's
// Advance does one loss evaluation, so an iteration's line
// search spreads over several frames; meanwhile the metrics show the
// last completed iteration, and the run ends bit for bit where whole
// steps would.
func TestAdvanceSplitsLBFGSIterations(t *testing.T) {
	spec := presetSpec(t, "expsin-lbfgs")
	parts := newSession(t, spec)
	parts.SetRunning(true)
	sawMidStep := false
	for calls := 0; parts.Steps() < 20 || parts.trainer.MidStep(); calls++ {
		if calls > 10_000 {
			t.Fatal("20 iterations did not finish")
		}
		before, shown := parts.trainer.Evals(), parts.Metrics()
		parts.Advance(0)
		if n := parts.trainer.Evals() - before; n != 1 {
			t.Fatalf("one Advance(0) made %d loss evaluations, want 1", n)
		}
		if parts.trainer.MidStep() {
			sawMidStep = true
			// Printed, so NaN equals NaN.
			if m := parts.Metrics(); m.Step == shown.Step && fmt.Sprint(m) != fmt.Sprint(shown) {
				t.Fatalf("mid-iteration metrics changed: %+v -> %+v", shown, m)
			}
		}
	}
	if !sawMidStep {
		t.Error("no Advance stopped inside an iteration")
	}
	whole := newSession(t, spec)
	whole.Step(parts.Steps())
	a, b := whole.Network().CopyParams(nil), parts.Network().CopyParams(nil)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("parameter %d: %v by whole steps, %v by parts", i, a[i], b[i])
		}
	}
}

// TestLBFGSPausesWhenConverged: once L-BFGS cannot move (the circle is
// fitted to a zero gradient), the session pauses with a message instead
// of counting iterations that change nothing.
func TestLBFGSPausesWhenConverged(t *testing.T) {
	spec := experiment.Default()
	spec.Layers[0].Units, spec.Layers[1].Units = 16, 16
	spec.Rule = nn.LBFGS
	sess := newSession(t, spec)
	sess.SetRunning(true)
	took := sess.Step(2000)
	if took == 2000 || sess.Running() || !strings.Contains(sess.LastError(), "converged") {
		t.Fatalf("took %d of 2000 iterations, running %v, message %q", took, sess.Running(), sess.LastError())
	}
	steps, m := sess.Steps(), sess.Metrics()
	t.Logf("converged after %d iterations: train loss %g", steps, m.TrainLoss)
	if n := sess.Step(10); n != 0 || sess.Steps() != steps {
		t.Errorf("a converged run took %d more steps", n)
	}
}

// TestRefineKeepsTheFunction: changing a KAN layer's grid size refines
// the trained splines onto the new grid (pykan's refine) instead of
// starting over: the error right after is about what it was, the
// parameter count follows the spec, and training goes on from there.
func TestRefineKeepsTheFunction(t *testing.T) {
	spec := presetSpec(t, "kan-expsin")
	s := newSession(t, spec)
	s.SetRunning(true)
	s.Step(100)
	before := s.Metrics()
	next := s.Spec()
	for i := range next.Layers {
		next.Layers[i].Options["g"] = 10
	}
	if k := classifyEdit(s.Spec(), next); k != editRefine {
		t.Fatalf("a grid-size edit is edit kind %d, want a refine", k)
	}
	if err := s.Edit(next); err != nil {
		t.Fatal(err)
	}
	after := s.Metrics()
	if got, want := s.Network().NumParams(), next.NumParams(); got != want || after.Step != before.Step {
		t.Fatalf("after refining: %d parameters (spec %d), step %d (was %d)", got, want, after.Step, before.Step)
	}
	s.Step(100)
	trained := s.Metrics()
	t.Logf("KAN[2,5,1]: test RMSE %.4g at G=3 after %d iterations, %.4g right after refining to G=10, %.4g 100 iterations later",
		before.TestRMSE, before.Step, after.TestRMSE, trained.TestRMSE)
	if !(after.TestRMSE < 1.2*before.TestRMSE) || !(trained.TestRMSE < before.TestRMSE) {
		t.Errorf("refining lost the function or stopped training: %.4g -> %.4g -> %.4g", before.TestRMSE, after.TestRMSE, trained.TestRMSE)
	}
	if !s.Running() || s.LastError() != "" {
		t.Errorf("after refining: running %v, error %q", s.Running(), s.LastError())
	}
}
