package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// withBatchedKAN runs f with KAN layers on the batched path (on) or
// the point-by-point one, whatever this build would pick.
func withBatchedKAN(on bool, f func()) {
	saved := batchedKAN
	batchedKAN = func() bool { return on }
	defer func() { batchedKAN = saved }()
	f()
}

// kanPass is what one Forward and Backward of a layer gives.
type kanPass struct {
	y, dx, coef, sb, sp, mix, edges, curve []float32
	extra                                  float32
}

// runKANPass runs Forward and Backward (dy fixed) on a fresh layer
// made by mk, with the sparsity penalty's gradient, then Edges and an
// edge's curve.
func runKANPass(mk func() *KAN, x, dy Matrix, params bool) kanPass {
	l := mk()
	var p kanPass
	p.y = append([]float32(nil), l.Forward(x).Data...)
	if params {
		l.BackwardParams(dy)
	} else {
		p.dx = append([]float32(nil), l.Backward(dy).Data...)
	}
	l.SetSparsity(0.01)
	p.extra = l.ExtraLoss(true)
	p.coef = append([]float32(nil), l.coef.Grad...)
	p.sb = append([]float32(nil), l.scaleBase.Grad...)
	p.sp = append([]float32(nil), l.scaleSp.Grad...)
	p.mix = append([]float32(nil), l.mix.Grad...)
	p.edges = l.Edges(nil)
	lo, hi := l.InputRange(l.in - 1)
	xs := make([]float32, 37)
	for n := range xs {
		xs[n] = lo - 0.1 + (hi-lo+0.2)*float32(n)/36
	}
	p.curve = l.EdgeCurve(l.in-1, l.out-1, xs, nil)
	return p
}

// The batched path (kan_batched.go) computes what the point-by-point path
// does, to float32 rounding, for every basis and the selectable mixture
// (with unequal weights): outputs, every gradient (the sparsity
// penalty's and the mixing logits' included), dx, the edges' importances
// and curves; on the starting grid and on uneven knots after a grid
// update; with and without dx; for odd batch sizes, points outside the
// grid, and one unit.
func TestKANBatchedMatchesPointPath(t *testing.T) {
	for _, basis := range KANBases() {
		t.Run(basis.String(), func(t *testing.T) { checkKANBatchedMatchesPointPath(t, basis) })
	}
}

func checkKANBatchedMatchesPointPath(t *testing.T, basis KANBasis) {
	rng := rand.New(rand.NewPCG(61, 62+uint64(basis)))
	for _, c := range []struct{ in, out, g, k, rows int }{
		{2, 5, 5, 3, 1000}, {5, 1, 5, 3, 999}, {3, 4, 3, 1, 7}, {1, 1, 1, 2, 2}, {4, 3, 10, 5, 13},
	} {
		for _, uneven := range []bool{false, true} {
			for _, params := range []bool{false, true} {
				name := fmt.Sprintf("%dx%d g=%d k=%d rows=%d uneven=%v params=%v", c.in, c.out, c.g, c.k, c.rows, uneven, params)
				seed := rng.Uint64()
				x := randMatrix(rng, c.rows, c.in, 1.3) // some points outside [-1, 1]
				dy := randMatrix(rng, c.rows, c.out, 1)
				mix := randMatrix(rng, c.out, kanPool, 1)
				mk := func() *KAN {
					l := newTestKANBasis(t, c.in, c.out, c.g, c.k, 1, basis, 0.5, seed)
					copy(l.mix.Value, mix.Data)
					if uneven {
						sq := Matrix{Rows: x.Rows, Cols: x.Cols, Data: make([]float32, len(x.Data))}
						for n, v := range x.Data {
							sq.Data[n] = v * float32(math.Abs(float64(v))) // denser near 0
						}
						if err := l.UpdateGrid(sq); err != nil {
							t.Fatal(err)
						}
					}
					return l
				}
				var want, got kanPass
				withBatchedKAN(false, func() { want = runKANPass(mk, x, dy, params) })
				withBatchedKAN(true, func() { got = runKANPass(mk, x, dy, params) })
				// Sums over up to 1000 rows in float32 against float64.
				tol := 2e-4
				for _, s := range []struct {
					what      string
					got, want []float32
				}{
					{"y", got.y, want.y}, {"dx", got.dx, want.dx}, {"coef grad", got.coef, want.coef},
					{"scale_base grad", got.sb, want.sb}, {"scale_sp grad", got.sp, want.sp}, {"mix grad", got.mix, want.mix},
					{"edges", got.edges, want.edges}, {"curve", got.curve, want.curve},
				} {
					if len(s.got) != len(s.want) {
						t.Fatalf("%s: %s has %d values, want %d", name, s.what, len(s.got), len(s.want))
					}
					scale := 0.0
					for _, v := range s.want {
						scale = max(scale, math.Abs(float64(v)))
					}
					for n := range s.want {
						if d := math.Abs(float64(s.got[n] - s.want[n])); d > tol*(1+scale) || math.IsNaN(d) {
							t.Fatalf("%s: %s[%d] = %v batched, %v point by point", name, s.what, n, s.got[n], s.want[n])
						}
					}
				}
				if d := math.Abs(float64(got.extra - want.extra)); d > tol*(1+math.Abs(float64(want.extra))) {
					t.Fatalf("%s: sparsity loss %v batched, %v point by point", name, got.extra, want.extra)
				}
			}
		}
	}
}

// The registry's gradient check passes on the batched path too (natively
// the tests otherwise see the point-by-point one).
func TestKANBatchedGradients(t *testing.T) {
	k := KANLayer.Info()
	withBatchedKAN(true, func() {
		rng := rand.New(rand.NewPCG(41, kindSeed(KANLayer)))
		for _, c := range drawKindCases(t, rng, k, kindConfigs) {
			for _, err := range checkKindGradients(k, c, rng, nil) {
				t.Errorf("%v: %v", c, err)
			}
		}
	})
}

// TestKANBasisGradients on the batched path, natively: every basis and
// the selectable mix, through the kernels' Go bodies.
func TestKANBatchedBasisGradients(t *testing.T) {
	withBatchedKAN(true, func() { everyBasis(t, checkKANBasisGradients) })
}

// TestKANBatchedDoesNotAllocate: on the batched path, once warm, a layer
// of every basis allocates nothing in Forward, Backward, BackwardParams,
// the sparsity penalty, Edges and EdgeCurve, also at a batch smaller
// than the largest so far and for a curve of more points than rows.
func TestKANBatchedDoesNotAllocate(t *testing.T) {
	withBatchedKAN(true, func() {
		for _, basis := range KANBases() {
			rng := rand.New(rand.NewPCG(19, 20))
			l := newTestKANBasis(t, 4, 3, 5, 3, 1, basis, 0.3, 2)
			step := kanWarmStep(l, rng, 90)
			step()
			if n := testing.AllocsPerRun(10, step); n != 0 {
				t.Errorf("%v: a warm step allocates %v times", basis, n)
			}
		}
	})
}
