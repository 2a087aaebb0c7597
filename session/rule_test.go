package session

import (
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
