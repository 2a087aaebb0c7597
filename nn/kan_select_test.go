package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// selectTask is a target for a single KAN layer of len(f) units over two
// inputs uniform on [-1, 1]: unit j fits f[j].
type selectTask struct {
	name string
	want KANBasis
	f    []func(u, v float64) float64
}

var selectTasks = []selectTask{
	{"periodic", FourierBasis, []func(u, v float64) float64{
		func(u, v float64) float64 { return math.Sin(math.Pi*u) + math.Cos(2*math.Pi*v) },
		func(u, v float64) float64 { return math.Cos(math.Pi*u) - math.Sin(2*math.Pi*v) },
		func(u, v float64) float64 { return math.Sin(3*math.Pi*u) + 0.5*math.Sin(math.Pi*v) },
	}},
	{"polynomial", ChebyshevBasis, []func(u, v float64) float64{
		func(u, v float64) float64 { return u*u*u - u + v*v },
		func(u, v float64) float64 { return 2*u*u - v*v*v },
		func(u, v float64) float64 { return 0.5*u - v*v + v },
	}},
}

// selectData draws n points uniform on [-1, 1]^2 with the task's targets.
func selectData(rng *rand.Rand, task selectTask, n int) (x, y Matrix) {
	out := len(task.f)
	x = Matrix{Rows: n, Cols: 2, Data: make([]float32, 2*n)}
	y = Matrix{Rows: n, Cols: out, Data: make([]float32, out*n)}
	for r := range n {
		u, v := 2*rng.Float64()-1, 2*rng.Float64()-1
		x.Data[2*r], x.Data[2*r+1] = float32(u), float32(v)
		for j, f := range task.f {
			y.Data[r*out+j] = float32(f(u, v))
		}
	}
	return x, y
}

// selectWarmup and selectAfter are the L-BFGS iterations before and after
// SelectKANBases in TestKANSelectionPicksTheRightBasis; the session's
// schedule selects at the same step.
const (
	selectWarmup = 100
	selectAfter  = 100
)

// TestKANSelectionPicksTheRightBasis trains a selectable KAN[2,3] on
// three periodic targets, where the Fourier basis is right, and on three
// smooth polynomials, where Chebyshev wins, over several seeds: selectWarmup
// L-BFGS iterations with the grids moved every 5 of the first 50, then
// SelectKANBases, then selectAfter more. It prints each unit's mixture
// before the selection and the RMSE before, right after and at the end,
// and checks that after the warm-up every unit's winner weighs at least
// 0.4 (all start at 0.25) and at least 80% of the units chose the
// expected basis; that selecting keeps the function (the RMSE right
// after at most 1.5 times the RMSE before, the winner refitted to the
// mixture); and that at the end every unit is decided with weight 1 and
// the fit is no worse than 1.5 times the RMSE before. Nothing is timed.
func TestKANSelectionPicksTheRightBasis(t *testing.T) {
	for _, task := range selectTasks {
		chose, total := 0, 0
		for seed := range uint64(4) {
			rng := rand.New(rand.NewPCG(seed, 3))
			x, y := selectData(rng, task, 500)
			net := buildKANWithBasis(t, []int{2, len(task.f)}, 5, SelectableBasis, rng)
			l := net.Layers[0].(*KAN)
			tr := kanFitStage(t, net, x, y, selectWarmup, 5, 50)
			before := tr.Score(x, y).RMSE
			t.Logf("%s seed %d after %d iterations: RMSE %.3g; %s", task.name, seed, selectWarmup, before, mixtureSummary(l))
			for j := range l.Out() {
				total++
				win := l.WinningBasis(j)
				if KANBasis(win) == task.want {
					chose++
				}
				if w := l.Mixture(j)[win]; w < 0.4 {
					t.Errorf("%s seed %d unit %d: winner %v weighs only %.2f", task.name, seed, j+1, KANBasis(win), w)
				}
			}
			if changed, err := SelectKANBases(net, x); err != nil || !changed {
				t.Fatalf("%s seed %d: SelectKANBases changed %v, error %v", task.name, seed, changed, err)
			}
			right := tr.Score(x, y).RMSE
			t.Logf("%s seed %d right after selecting: RMSE %.3g", task.name, seed, right)
			if !(right <= 1.5*before+1e-3) {
				t.Errorf("%s seed %d: selecting lost the function: RMSE %g -> %g", task.name, seed, before, right)
			}
			tr.ResetOptimizer()
			for range selectAfter {
				tr.Step()
			}
			after := tr.Score(x, y).RMSE
			t.Logf("%s seed %d after selecting and %d more: RMSE %.3g", task.name, seed, selectAfter, after)
			for j := range l.Out() {
				if w := l.Mixture(j)[l.WinningBasis(j)]; !l.Decided(j) || w != 1 {
					t.Errorf("%s seed %d unit %d: after selecting, decided %v, weight %g", task.name, seed, j+1, l.Decided(j), w)
				}
			}
			if !(after <= 1.5*before) {
				t.Errorf("%s seed %d: RMSE %g after selecting, %g before", task.name, seed, after, before)
			}
		}
		t.Logf("%s: %d of %d units chose %v", task.name, chose, total, task.want)
		if chose*5 < total*4 {
			t.Errorf("%s: only %d of %d units chose %v", task.name, chose, total, task.want)
		}
	}
}

// TestKANSelectionPenaltyGradient checks the selection penalty's gradient
// in the logits against central differences, with one unit decided
// (no penalty, no gradient) and the others at random logits.
func TestKANSelectionPenaltyGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	l := newTestKANBasis(t, 2, 3, 4, 3, 1, SelectableBasis, 0, 1)
	for n := range l.mix.Value {
		l.mix.Value[n] = float32(2*rng.Float64() - 1)
	}
	copy(l.mix.Value[:kanPool], []float32{0, kanDecidedLogit, kanDecidedLogit, kanDecidedLogit})
	clear(l.mix.Grad)
	l.selectionLoss(true)
	for n := range l.mix.Value {
		z := l.mix.Value[n]
		const h = 1e-3
		l.mix.Value[n] = z + h
		up := l.selectionLoss(false)
		l.mix.Value[n] = z - h
		down := l.selectionLoss(false)
		l.mix.Value[n] = z
		want := (up - down) / (2 * h)
		if got := float64(l.mix.Grad[n]); math.Abs(got-want) > 1e-6+1e-3*math.Abs(want) {
			t.Errorf("logit %d: gradient %g, differences %g", n, got, want)
		}
		if n < kanPool && l.mix.Grad[n] != 0 {
			t.Errorf("decided unit's logit %d has gradient %g", n, l.mix.Grad[n])
		}
	}
	if l.selectionLoss(false) <= 0 || !l.Decided(0) || l.Decided(1) {
		t.Errorf("penalty %g, decided %v %v", l.selectionLoss(false), l.Decided(0), l.Decided(1))
	}
}

// TestKANSelectBasesNeedsSamples: without two finite samples of every
// input SelectBases refuses with an error and leaves the layer as it was.
func TestKANSelectBasesNeedsSamples(t *testing.T) {
	l := newTestKANBasis(t, 2, 3, 4, 3, 1, SelectableBasis, 0, 1)
	coef, mix := slices.Clone(l.coef.Value), slices.Clone(l.mix.Value)
	one := Matrix{Rows: 1, Cols: 2, Data: []float32{0.1, 0.2}}
	nan := Matrix{Rows: 2, Cols: 2, Data: []float32{0.1, 0.2, float32(math.NaN()), 0.3}}
	for name, x := range map[string]Matrix{"one row": one, "NaN": nan} {
		if changed, err := l.SelectBases(x); err == nil || changed {
			t.Errorf("%s: changed %v, error %v", name, changed, err)
		}
		if !slices.Equal(coef, l.coef.Value) || !slices.Equal(mix, l.mix.Value) {
			t.Errorf("%s: the layer changed", name)
		}
	}
}
