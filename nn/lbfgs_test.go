package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/optimize/functions"
	"playground/kernels"
)

// objective is a test function in float64: it returns f(x) and writes
// the gradient into g.
type objective func(x, g []float64) float64

// coreRun is what driving the L-BFGS core on an objective gave.
type coreRun struct {
	x            []float32
	f            float64
	iters, evals int // iterations that moved; evaluations
	idle         int // iterations that ended without moving
}

// runCore drives the core on fn from x0 for at most iters iterations,
// stopping early after an iteration that could not move. After every
// accepted iteration it recomputes f and the gradient at the old and new
// points and checks the strong Wolfe conditions along the direction used,
// and that the new point is the old one plus a positive step along it.
func runCore(t *testing.T, fn objective, x0 []float64, m int, rate float64, iters int) coreRun {
	t.Helper()
	n := len(x0)
	o := newLBFGS(n, m)
	x := o.restart()
	for i, v := range x0 {
		x[i] = float32(v)
	}
	x64, g64 := make([]float64, n), make([]float64, n)
	eval := func(x []float32, g []float32) float64 {
		for i, v := range x {
			x64[i] = float64(v)
		}
		f := fn(x64, g64)
		for i, v := range g64 {
			g[i] = float32(v)
		}
		return f
	}
	var r coreRun
	oldX, oldG := make([]float32, n), make([]float32, n)
	for range iters {
		copy(oldX, o.x)
		op := o.next(rate)
		if o.known {
			copy(oldG, o.g)
		}
		for op == lbfgsEvaluate {
			f := eval(o.point(), o.grad())
			r.evals++
			if o.state == lbfgsEvalStart {
				copy(oldG, o.grad())
			}
			op = o.tell(f, 0)
		}
		if !o.moved {
			r.idle++
			if !slices.Equal(oldX, o.x) {
				t.Fatalf("iteration %d did not move, yet x changed", r.iters)
			}
			break
		}
		r.iters++
		checkWolfe(t, eval, oldX, oldG, o.x, o.d, o.ls.t, o.f)
	}
	r.x, r.f = slices.Clone(o.x), o.f
	return r
}

// checkWolfe recomputes f and g at the old and new points and checks that
// the new point is the old one plus the search's step along d, and the
// strong Wolfe conditions there.
func checkWolfe(t *testing.T, eval func(x, g []float32) float64, oldX, oldG, newX, d []float32, step, fTold float64) {
	t.Helper()
	n := len(oldX)
	want := slices.Clone(oldX)
	kernels.Axpy(float32(step), d, want)
	if !slices.Equal(newX, want) {
		t.Fatalf("the accepted point is not x + %v·d", step)
	}
	gNew := make([]float32, n)
	f0 := eval(oldX, make([]float32, n))
	f1 := eval(newX, gNew)
	if f1 != fTold {
		t.Fatalf("f at the accepted point %v, told %v", f1, fTold)
	}
	gtd0, gtd1 := dot64(oldG, d), dot64(gNew, d)
	switch {
	case !(step > 0) || !(gtd0 < 0):
		t.Fatalf("step %v along a direction of slope %v", step, gtd0)
	case f1 > f0+wolfeC1*step*gtd0:
		t.Fatalf("sufficient decrease fails: f %v -> %v at step %v, slope %v", f0, f1, step, gtd0)
	case math.Abs(gtd1) > wolfeC2*math.Abs(gtd0):
		t.Fatalf("curvature fails: slope %v -> %v", gtd0, gtd1)
	}
}

func rosenbrock(x, g []float64) float64 {
	f := functions.ExtendedRosenbrock{}
	f.Grad(g, x)
	return f.Func(x)
}

func maxDist(a []float32, b []float64) float64 {
	var d float64
	for i := range a {
		d = max(d, math.Abs(float64(a[i])-b[i]))
	}
	return d
}

// coreProblem is a smooth function with a known minimizer, and how many
// iterations and evaluations gonum's LBFGS (Store 10, its default line
// search, float64) takes on it from x0, as TestLBFGSAgainstGonum measures.
type coreProblem struct {
	name                   string
	fn                     objective
	x0, minimum            []float64
	gonumIters, gonumEvals int
}

func coreProblems() []coreProblem {
	ones := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = 1
		}
		return v
	}
	quad, c := spdQuadratic(20)
	return []coreProblem{
		{"rosenbrock2", rosenbrock, []float64{-1.2, 1}, ones(2), 37, 48},
		{"rosenbrock10", rosenbrock, []float64{-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1}, ones(10), 90, 108},
		{"quadratic20", quad, make([]float64, 20), c, 54, 58},
	}
}

// spdQuadratic returns ½(x-c)ᵀA(x-c) for a dense A with eigenvalues
// spread over 1..100 in random directions, and c.
func spdQuadratic(n int) (objective, []float64) {
	rng := rand.New(rand.NewPCG(5, 6))
	// Q's rows: random vectors made orthonormal by Gram-Schmidt.
	q := make([][]float64, n)
	for i := range q {
		q[i] = make([]float64, n)
		for j := range q[i] {
			q[i][j] = rng.NormFloat64()
		}
		for _, prev := range q[:i] {
			var dp float64
			for j := range prev {
				dp += prev[j] * q[i][j]
			}
			for j := range prev {
				q[i][j] -= dp * prev[j]
			}
		}
		var norm float64
		for _, v := range q[i] {
			norm += v * v
		}
		for j := range q[i] {
			q[i][j] /= math.Sqrt(norm)
		}
	}
	a := make([]float64, n*n)
	for k := range n {
		ev := 1 + 99*float64(k)/float64(n-1)
		for i := range n {
			for j := range n {
				a[i*n+j] += ev * q[k][i] * q[k][j]
			}
		}
	}
	c := make([]float64, n)
	for i := range c {
		c[i] = rng.Float64()*2 - 1
	}
	return func(x, g []float64) float64 {
		var f float64
		for i := range n {
			g[i] = 0
			for j := range n {
				g[i] += a[i*n+j] * (x[j] - c[j])
			}
			f += 0.5 * (x[i] - c[i]) * g[i]
		}
		return f
	}, c
}

// TestLBFGSConverges runs the core until it stops by itself on Rosenbrock
// (2-D and 10-D) and an ill-conditioned quadratic: it must end at the
// minimizer, within float32's reach, with about as many iterations and
// evaluations as gonum's LBFGS (gradient descent needs thousands on
// Rosenbrock; without the Hessian scale ys/yy, 10-D Rosenbrock takes 580
// evaluations).
func TestLBFGSConverges(t *testing.T) {
	for _, c := range coreProblems() {
		t.Run(c.name, func(t *testing.T) {
			r := runCore(t, c.fn, c.x0, 10, 1, 1000)
			t.Logf("f %.3g, %.2g from the minimizer after %d iterations, %d evaluations (gonum: %d and %d)",
				r.f, maxDist(r.x, c.minimum), r.iters, r.evals, c.gonumIters, c.gonumEvals)
			if d := maxDist(r.x, c.minimum); d > 1e-3 || r.f > 1e-7 {
				t.Errorf("ended at f %v, %v from the minimizer: %v", r.f, d, r.x)
			}
			if 2*r.iters > 3*c.gonumIters+10 || 2*r.evals > 3*c.gonumEvals {
				t.Errorf("%d iterations and %d evaluations, gonum needs %d and %d",
					r.iters, r.evals, c.gonumIters, c.gonumEvals)
			}
			if r.idle != 1 {
				t.Error("ran out of iterations instead of stopping")
			}
		})
	}
}

// TestLBFGSMemorySizes runs Rosenbrock with the smallest memory and more
// than the iterations need: the ring buffer wraps in the first.
func TestLBFGSMemorySizes(t *testing.T) {
	x0 := []float64{-1.2, 1, -1.2, 1}
	for _, m := range []int{1, 3, 200} {
		r := runCore(t, rosenbrock, x0, m, 1, 2000)
		t.Logf("m=%d: f %.3g after %d iterations, %d evaluations", m, r.f, r.iters, r.evals)
		if r.f > 1e-7 || r.idle != 1 {
			t.Errorf("m=%d: f %v after %d iterations", m, r.f, r.iters)
		}
	}
}

// TestLBFGSStopsQuietly covers the iterations that cannot move: each ends
// without NaN and without moving, and once it is clear nothing will
// change, later iterations cost no evaluation at all.
func TestLBFGSStopsQuietly(t *testing.T) {
	for _, c := range []struct {
		name      string
		fn        objective
		rate      float64
		wantEvals int // in the first iteration
	}{
		{"constant", func(x, g []float64) float64 { clear(g); return 3 }, 1, 1},
		{"nan", func(x, g []float64) float64 { clear(g); return math.NaN() }, 1, 1},
		{"nan gradient", func(x, g []float64) float64 { g[0] = math.NaN(); return 1 }, 1, 1},
		{"zero rate", func(x, g []float64) float64 { g[0], g[1] = x[0], x[1]; return (x[0]*x[0] + x[1]*x[1]) / 2 }, 0, 1},
		// Unbounded below: the search extrapolates until its budget is
		// spent, then gives up from steepest descent: stalled.
		{"unbounded", func(x, g []float64) float64 { g[0], g[1] = -1, 0; return -x[0] }, 1, 1 + wolfeMaxEvals},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := newLBFGS(2, 5)
			x := o.restart()
			x[0], x[1] = 0.5, -0.25
			start := slices.Clone(x)
			g64 := make([]float64, 2)
			for iter := range 3 {
				evals := 0
				op := o.next(c.rate)
				for op == lbfgsEvaluate {
					if evals++; evals > 100 {
						t.Fatal("an iteration that does not end")
					}
					f := c.fn([]float64{float64(o.point()[0]), float64(o.point()[1])}, g64)
					o.grad()[0], o.grad()[1] = float32(g64[0]), float32(g64[1])
					op = o.tell(f, 0)
				}
				want := c.wantEvals
				if iter > 0 {
					want = 0
				}
				if evals != want || o.moved || !slices.Equal(o.x, start) || o.busy() {
					t.Errorf("iteration %d: %d evaluations (want %d), moved %v, x %v", iter, evals, want, o.moved, o.x)
				}
			}
		})
	}
}

// TestLBFGSBacksOffFromNaN starts where the first trial step lands in a
// region whose objective is NaN: the search must come back and accept a
// finite point with a lower objective.
func TestLBFGSBacksOffFromNaN(t *testing.T) {
	var at []float64
	fn := func(x, g []float64) float64 {
		at = append(at, x[0])
		g[0] = x[0]
		if math.Abs(x[0]) > 2 {
			return math.NaN()
		}
		return x[0] * x[0] / 2
	}
	// The first step is rate·min(1, 1/|g|) = 100/1.5 along -g = -1.5:
	// to x = -98.5, far into the NaN.
	r := runCore(t, fn, []float64{1.5}, 5, 100, 1)
	t.Logf("x 1.5 -> %v, f %v, %d evaluations", r.x[0], r.f, r.evals)
	if len(at) < 2 || math.Abs(at[1]+98.5) > 1e-3 {
		t.Errorf("evaluated at %v, want the first trial at -98.5", at)
	}
	if r.iters != 1 || !(r.f < 1.125) || math.IsNaN(float64(r.x[0])) {
		t.Errorf("after one iteration: x %v, f %v, moved %d times", r.x, r.f, r.iters)
	}
}

// TestLBFGSFailedSearchRestarts makes a search fail with memory held: the
// iteration must not move, must drop the memory, and the next iteration
// must go on from steepest descent.
func TestLBFGSFailedSearchRestarts(t *testing.T) {
	o := newLBFGS(2, 5)
	x := o.restart()
	x[0], x[1] = -1.2, 1
	g64 := make([]float64, 2)
	iterate := func(fn objective) int {
		evals := 0
		for op := o.next(1); op == lbfgsEvaluate; evals++ {
			f := fn([]float64{float64(o.point()[0]), float64(o.point()[1])}, g64)
			o.grad()[0], o.grad()[1] = float32(g64[0]), float32(g64[1])
			op = o.tell(f, 0)
		}
		return evals
	}
	for range 3 {
		iterate(rosenbrock)
	}
	if o.pairs == 0 || !o.moved {
		t.Fatalf("no memory after 3 Rosenbrock iterations (%d pairs)", o.pairs)
	}
	// An objective that is higher everywhere but at x, with the gradient
	// of Rosenbrock: no step satisfies sufficient decrease.
	at := slices.Clone(o.x)
	f0 := o.f
	spike := func(x, g []float64) float64 {
		rosenbrock(x, g)
		if float32(x[0]) == at[0] && float32(x[1]) == at[1] {
			return f0
		}
		return f0 + 1
	}
	evals := iterate(spike)
	if o.moved || o.pairs != 0 || o.stalled || !slices.Equal(o.x, at) {
		t.Errorf("failed search: moved %v, %d pairs, stalled %v, x %v -> %v", o.moved, o.pairs, o.stalled, at, o.x)
	}
	if evals > wolfeMaxEvals {
		t.Errorf("failed search took %d evaluations", evals)
	}
	iterate(rosenbrock)
	if !o.moved {
		t.Error("the iteration after a failed search did not move")
	}
}

func TestCubicMin(t *testing.T) {
	// f = (t-1)² sampled at 0 and 3: the cubic through it is the parabola,
	// minimum at 1.
	a, b := linePoint{0, 1, -2}, linePoint{3, 4, 4}
	if got := cubicMin(a, b, 0, 3); math.Abs(got-1) > 1e-12 {
		t.Errorf("minimum of (t-1)² at %v", got)
	}
	if got := cubicMin(b, a, 0, 3); math.Abs(got-1) > 1e-12 {
		t.Errorf("minimum with the points swapped at %v", got)
	}
	if got := cubicMin(a, b, 2, 3); got != 2 {
		t.Errorf("clamped minimum at %v, want 2", got)
	}
	if got := cubicMin(a, linePoint{3, math.Inf(1), math.NaN()}, 0, 3); got != 1.5 {
		t.Errorf("with a non-finite end: %v, want the midpoint", got)
	}
}
