package nn

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// kanFitData draws n points uniform on [-1, 1]² and the targets
// f(x, y) = exp(sin(πx) + y²), pykan's first example.
func kanFitData(rng *rand.Rand, n int) (x, y Matrix) {
	x = Matrix{Rows: n, Cols: 2, Data: make([]float32, 2*n)}
	y = Matrix{Rows: n, Cols: 1, Data: make([]float32, n)}
	for r := range n {
		u, v := 2*rng.Float64()-1, 2*rng.Float64()-1
		x.Data[2*r], x.Data[2*r+1] = float32(u), float32(v)
		y.Data[r] = float32(math.Exp(math.Sin(math.Pi*u) + v*v))
	}
	return x, y
}

// kanFitStage trains net on (x, y) for iters L-BFGS iterations with a new
// trainer, moving the grids to the layers' inputs every gridEvery
// iterations before the last gridStop (pykan's fit: every 5 of the first
// 50 steps), and returns the trainer.
func kanFitStage(t *testing.T, net *Network, x, y Matrix, iters, gridEvery, gridStop int) *Trainer {
	t.Helper()
	tr, err := NewTrainer(TrainerConfig{Net: net, Loss: MSE, LR: 1, Rule: RuleConfig{Kind: LBFGS}}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	for it := range iters {
		if gridEvery > 0 && it%gridEvery == 0 && it < gridStop {
			if err := UpdateKANGrids(net, x); err != nil {
				t.Fatal(err)
			}
			tr.ResetOptimizer() // the knots moved: the curvature pairs are stale
		}
		tr.Step()
	}
	return tr
}

// kanFitResult is what one run of the example reaches.
type kanFitResult struct {
	coarseTest, coarseTrain, fineTest, fineTrain float32
	coarseEvals, fineEvals                       int
}

// runKANExample trains KAN[2,5,1] on exp(sin(πx) + y²), 1000 training
// and 1000 test points, as pykan's tutorial does: iters L-BFGS iterations
// at G=3 with the grids moved to the data every gridEvery iterations, then
// Refine to G=10 and the same again.
func runKANExample(t *testing.T, iters, gridEvery int) kanFitResult {
	t.Helper()
	rng := rand.New(rand.NewPCG(2024, 1))
	x, y := kanFitData(rng, 1000)
	xTest, yTest := kanFitData(rng, 1000)
	net := buildKAN(t, []int{2, 5, 1}, 3, rng)
	var res kanFitResult

	start := time.Now()
	tr := kanFitStage(t, net, x, y, iters, gridEvery, iters)
	res.coarseTest, res.coarseTrain, res.coarseEvals = tr.Score(xTest, yTest).RMSE, tr.Score(x, y).RMSE, tr.Evals()
	t.Logf("G=3: %d iterations, %d evaluations: train RMSE %.3g, test RMSE %.3g (%v)",
		tr.Steps(), res.coarseEvals, res.coarseTrain, res.coarseTest, time.Since(start).Round(time.Millisecond))

	// The refined network has more parameters: L-BFGS's state is sized by
	// the count, so the next stage makes a new trainer.
	if err := RefineKANGrids(net, 10, x); err != nil {
		t.Fatal(err)
	}
	afterRefine := tr.Score(x, y).RMSE
	start = time.Now()
	tr = kanFitStage(t, net, x, y, iters, gridEvery, iters)
	res.fineTest, res.fineTrain, res.fineEvals = tr.Score(xTest, yTest).RMSE, tr.Score(x, y).RMSE, tr.Evals()
	t.Logf("G=10 (train RMSE %.3g right after refining): %d iterations, %d evaluations: train RMSE %.3g, test RMSE %.3g (%v)",
		afterRefine, tr.Steps(), res.fineEvals, res.fineTrain, res.fineTest, time.Since(start).Round(time.Millisecond))
	t.Logf("evaluations in all: %d", res.coarseEvals+res.fineEvals)
	return res
}

// TestKANFitsPykanExample reproduces pykan's first tutorial. pykan
// (float64) reaches test RMSE 1.75e-2 after model.fit(steps=50) at G=3,
// then 1.17e-3 after refine(10) and 50 more steps. Each of pykan's steps
// is a call of its LBFGS.step, which runs up to max_iter = 20 iterations
// (at most 25 evaluations), and fit moves the grids every 5 steps: so the
// like-for-like run is 1000 of our iterations per stage with grid updates
// every 100. 50 iterations per stage, a twentieth of the work, are shown
// too, and only guarded against getting worse.
func TestKANFitsPykanExample(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for a few seconds")
	}
	t.Run("50 iterations per stage", func(t *testing.T) {
		res := runKANExample(t, 50, 5)
		if res.coarseTest > 0.2 || res.fineTest > 0.05 {
			t.Errorf("test RMSE %g at G=3, %g at G=10: worse than before (0.129, 0.026)", res.coarseTest, res.fineTest)
		}
	})
	t.Run("pykan's 50 steps of 20 iterations", func(t *testing.T) {
		res := runKANExample(t, 1000, 100)
		if res.coarseTest > 2.5e-2 {
			t.Errorf("G=3: test RMSE %g, want <= 2.5e-2 (pykan 1.75e-2)", res.coarseTest)
		}
		if res.fineTest > 2e-3 {
			t.Errorf("G=10: test RMSE %g, want <= 2e-3 (pykan 1.17e-3)", res.fineTest)
		}
	})
}
