//go:build !js

package session

import (
	"math"
	"testing"

	"playground/experiment"
	"playground/nn"
)

// The claims the presets show, checked over several seeds with their
// numbers printed. Nothing here is timed. They run natively only: under
// Node they would train the same runs again, slower.

// L-BFGS reaches a lower test RMSE than Adam on exp(sin(pi x) + y^2) with
// the same network and the same number of loss evaluations (Adam on full
// batches, one evaluation a step).
func TestClaimLBFGSBeatsAdamOnExpSin(t *testing.T) {
	const evals = 300
	base := presetSpec(t, "expsin-lbfgs")
	if base.Rule != nn.LBFGS {
		t.Fatalf("the preset trains with %v", base.Rule)
	}
	wins := 0
	for seed := uint32(1); seed <= 3; seed++ {
		spec := base
		spec.Seed = seed
		lb := newSession(t, spec)
		for lb.trainer.Evals() < evals && lb.Step(1) == 1 {
		}
		used := lb.trainer.Evals()

		spec.Rule, spec.Batch = nn.Minibatch, experiment.MaxBatch
		spec.Optimizer.Kind, spec.Optimizer.LR = nn.Adam, 0.01
		adam := newSession(t, spec)
		adam.Step(used)
		if adam.trainer.Evals() != used {
			t.Fatalf("Adam made %d evaluations, not %d", adam.trainer.Evals(), used)
		}
		l, a := lb.Metrics(), adam.Metrics()
		t.Logf("seed %d, %d loss evaluations: test RMSE L-BFGS %.4f (%d iterations), Adam (lr 0.01, full batch) %.4f",
			seed, used, l.TestRMSE, l.Step, a.TestRMSE)
		if l.TestRMSE < a.TestRMSE {
			wins++
		}
	}
	if wins < 3 {
		t.Errorf("L-BFGS beat Adam on %d of 3 seeds", wins)
	}
}

// Low-rank layers at no more than half the dense parameters end within a
// stated margin of the dense network's test loss on the spiral: the mean
// over five seeds at most 0.05 above dense's, and mean test accuracy at
// most 2 points below.
func TestClaimLowRankMatchesDenseAtHalfTheParameters(t *testing.T) {
	const steps, seeds = 4000, 5
	low := presetSpec(t, "lowrank-spiral")
	dense := low.Clone()
	for i, l := range dense.Layers {
		if l.Kind == nn.LowRankLayer {
			dense.Layers[i] = experiment.NewLayer(nn.DenseLayer, l.Units, l.Activation)
		}
	}
	pl, pd := low.NumParams(), dense.NumParams()
	t.Logf("parameters: low-rank %d, dense %d (%.0f%%)", pl, pd, 100*float64(pl)/float64(pd))
	if 2*pl > pd {
		t.Fatalf("the low-rank network has more than half the dense parameters")
	}
	var lossLow, lossDense, accLow, accDense float64
	for seed := uint32(1); seed <= seeds; seed++ {
		var m [2]Metrics
		for i, spec := range []experiment.Spec{low, dense} {
			spec.Seed = seed
			s := newSession(t, spec)
			s.Step(steps)
			m[i] = s.Metrics()
		}
		t.Logf("seed %d after %d steps: test loss low-rank %.4f dense %.4f; test accuracy %.3f, %.3f",
			seed, steps, m[0].TestLoss, m[1].TestLoss, m[0].TestAcc, m[1].TestAcc)
		lossLow += float64(m[0].TestLoss) / seeds
		lossDense += float64(m[1].TestLoss) / seeds
		accLow += float64(m[0].TestAcc) / seeds
		accDense += float64(m[1].TestAcc) / seeds
	}
	t.Logf("mean test loss low-rank %.4f dense %.4f; mean test accuracy %.3f, %.3f", lossLow, lossDense, accLow, accDense)
	if math.IsNaN(lossLow) || lossLow > lossDense+0.05 || accLow < accDense-0.02 {
		t.Errorf("low-rank is not within the margin of dense (test loss +0.05, accuracy -2 points)")
	}
}

// Grokking (the Li_2 paper): with the preset's settings, test accuracy
// passes 90% at least 3x later, in steps, than training accuracy does, on
// at least 3 of 5 seeds. Accuracies are read every 10 steps.
func TestClaimGrokking(t *testing.T) {
	if testing.Short() {
		t.Skip("trains five grokking runs")
	}
	const every, maxSteps, seeds = 10, 3000, 5
	base := presetSpec(t, "grokking-modadd")
	if !base.Data.Set.Pairs() || base.StepRows() != base.Data.Generated()*base.Data.TrainPercent/100 {
		t.Fatalf("the preset is not full-batch modular addition: %d rows a step", base.StepRows())
	}
	grokked := 0
	for seed := uint32(1); seed <= seeds; seed++ {
		spec := base
		spec.Seed = seed
		s := newSession(t, spec)
		train90, test90 := -1, -1
		for s.Steps() < maxSteps && test90 < 0 {
			if s.Step(every) != every {
				t.Fatalf("seed %d: training stopped: %s", seed, s.LastError())
			}
			m := s.Metrics()
			if train90 < 0 && m.TrainAcc >= 0.9 {
				train90 = m.Step
			}
			if test90 < 0 && m.TestAcc >= 0.9 {
				test90 = m.Step
			}
		}
		m := s.Metrics()
		ratio := math.Inf(1)
		if test90 > 0 {
			ratio = float64(test90) / float64(train90)
		}
		t.Logf("seed %d: train accuracy >= 90%% by step %d, test accuracy by step %d (ratio %.0f); at step %d train %.3f test %.3f",
			seed, train90, test90, ratio, m.Step, m.TrainAcc, m.TestAcc)
		if train90 > 0 && test90 > 0 && ratio >= 3 {
			grokked++
		}
	}
	if grokked < 3 {
		t.Errorf("grokked on %d of %d seeds, want at least 3", grokked, seeds)
	}
}

// A KAN (KAN[2,5,1], G=3, from the preset) reaches test RMSE <= 2.5e-2 on
// exp(sin(pi x) + y^2) with L-BFGS (pykan, float64: 1.75e-2), and beats
// an MLP of about the same parameter count given the same number of loss
// evaluations.
func TestClaimKANOnExpSin(t *testing.T) {
	const iterations = 400
	kan := presetSpec(t, "kan-expsin")
	mlp := kan.Clone()
	mlp.Layers = []experiment.LayerSpec{
		{Kind: nn.DenseLayer, Units: 10, Activation: nn.Tanh},
		{Kind: nn.DenseLayer, Units: 8, Activation: nn.Tanh},
		experiment.NewLayer(nn.DenseLayer, 1, nn.Linear),
	}
	t.Logf("parameters: KAN %d, MLP 2-10-8-1 %d", kan.NumParams(), mlp.NumParams())
	for seed := uint32(1); seed <= 3; seed++ {
		kan.Seed, mlp.Seed = seed, seed
		k := newSession(t, kan)
		k.Step(iterations)
		evals := k.trainer.Evals()
		m := newSession(t, mlp)
		for m.trainer.Evals() < evals && m.Step(1) == 1 {
		}
		km, mm := k.Metrics(), m.Metrics()
		t.Logf("seed %d, %d loss evaluations: test RMSE KAN %.4g (%d iterations), MLP %.4g (%d iterations)",
			seed, evals, km.TestRMSE, km.Step, mm.TestRMSE, mm.Step)
		if !(km.TestRMSE <= 2.5e-2) {
			t.Errorf("seed %d: KAN test RMSE %.4g, want <= 2.5e-2", seed, km.TestRMSE)
		}
		if !(km.TestRMSE < mm.TestRMSE) {
			t.Errorf("seed %d: the KAN (%.4g) did not beat the MLP (%.4g)", seed, km.TestRMSE, mm.TestRMSE)
		}
	}
}
