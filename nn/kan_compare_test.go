package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// kanCompareIters is the L-BFGS iterations each basis gets in
// TestKANBasisComparison, with the grids moved to the data every 5 of
// the first 50, as the session does.
const kanCompareIters = 100

// TestKANBasisComparison trains KAN[2,5,1] (G=5, k=3, the option
// defaults) of every basis on pykan's first example, exp(sin πx + y²),
// 1000 training and 1000 test points, for the same L-BFGS iterations from
// the same seed, and prints each one's test RMSE and, for the selectable
// basis, each unit's mixture and winner. It asserts only that every basis
// learns something: a test RMSE below the targets' standard deviation
// (what predicting their mean would score).
func TestKANBasisComparison(t *testing.T) {
	if testing.Short() {
		t.Skip("trains five networks for a second or two")
	}
	rng := rand.New(rand.NewPCG(2024, 1))
	x, y := kanFitData(rng, 1000)
	xTest, yTest := kanFitData(rng, 1000)
	spread := stdDev(yTest.Data)
	t.Logf("KAN[2,5,1], G=5, k=3, %d L-BFGS iterations, grids moved every 5 of the first 50; targets' std %.3g", kanCompareIters, spread)
	for _, basis := range KANBases() {
		start := time.Now()
		net := buildKANWithBasis(t, []int{2, 5, 1}, 5, basis, rand.New(rand.NewPCG(7, 7)))
		tr := kanFitStage(t, net, x, y, kanCompareIters, 5, 50)
		test, train := tr.Score(xTest, yTest).RMSE, tr.Score(x, y).RMSE
		t.Logf("%-12v %4d params: test RMSE %.3g, train RMSE %.3g, %d evaluations (%v)", basis, net.NumParams(),
			test, train, tr.Evals(), time.Since(start).Round(time.Millisecond))
		if !(test < spread) {
			t.Errorf("%v: test RMSE %g, no better than the mean (%g)", basis, test, spread)
		}
		if basis == SelectableBasis {
			for n, l := range net.Layers {
				t.Logf("  layer %d winners: %s", n+1, mixtureSummary(l.(*KAN)))
			}
		}
	}
}

// mixtureSummary lists each unit's winning basis and its weights.
func mixtureSummary(l *KAN) string {
	var parts []string
	for j := range l.Out() {
		w := l.Mixture(j)
		parts = append(parts, fmt.Sprintf("unit %d %v (%.2f %.2f %.2f %.2f)", j+1, KANBasis(l.WinningBasis(j)), w[0], w[1], w[2], w[3]))
	}
	return strings.Join(parts, "; ")
}

// stdDev returns the population standard deviation of v.
func stdDev(v []float32) float32 {
	var mean, sq float64
	for _, x := range v {
		mean += float64(x) / float64(len(v))
	}
	for _, x := range v {
		sq += (float64(x) - mean) * (float64(x) - mean)
	}
	return float32(math.Sqrt(sq / float64(len(v))))
}
