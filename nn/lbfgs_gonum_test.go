//go:build gonumref

package nn

// This file compares the L-BFGS core with gonum's optimize.LBFGS and
// checks the iteration counts coreProblems records from it. gonum's
// optimize package imports golang.org/x/tools, which go.mod does not
// require, so it builds only with that module added (a scratch -modfile
// will do):
//
//	cp go.mod /tmp/ref.mod && cp go.sum /tmp/ref.sum
//	go get -modfile=/tmp/ref.mod golang.org/x/tools/container/intsets
//	go test -modfile=/tmp/ref.mod -tags gonumref -run Gonum -v ./nn

import (
	"testing"

	"gonum.org/v1/gonum/optimize"
)

func TestLBFGSAgainstGonum(t *testing.T) {
	for _, c := range coreProblems() {
		t.Run(c.name, func(t *testing.T) {
			p := optimize.Problem{
				Func: func(x []float64) float64 { return c.fn(x, make([]float64, len(x))) },
				Grad: func(g, x []float64) { c.fn(x, g) },
			}
			ref, err := optimize.Minimize(p, c.x0, &optimize.Settings{GradientThreshold: 1e-10}, &optimize.LBFGS{Store: 10})
			if err != nil {
				t.Fatal(err)
			}
			r := runCore(t, c.fn, c.x0, 10, 1, 1000)
			t.Logf("nn: f %.3g after %d iterations, %d evaluations; gonum: f %.3g after %d iterations, %d evaluations",
				r.f, r.iters, r.evals, ref.F, ref.Stats.MajorIterations, ref.Stats.FuncEvaluations)
			if d := maxDist(r.x, ref.X); d > 1e-3 {
				t.Errorf("%v from gonum's answer %v", d, ref.X)
			}
			if ref.Stats.MajorIterations != c.gonumIters || ref.Stats.FuncEvaluations != c.gonumEvals {
				t.Errorf("gonum takes %d iterations and %d evaluations, coreProblems records %d and %d",
					ref.Stats.MajorIterations, ref.Stats.FuncEvaluations, c.gonumIters, c.gonumEvals)
			}
		})
	}
}
