package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bsplineRef64 evaluates the order-k B-splines on the knots t at x as
// pykan's B_batch does, in float64 with divisions: the Cox-de Boor
// recursion over the whole knot vector, 0/0 (any x/0) as 0. It returns
// the nt-k-1 values and their derivatives.
func bsplineRef64(t []float64, k int, x float64) (b, db []float64) {
	nt := len(t)
	div := func(a, d float64) float64 {
		if d == 0 {
			return 0
		}
		return a / d
	}
	level := make([]float64, nt-1)
	for j := range level {
		if t[j] <= x && x < t[j+1] {
			level[j] = 1
		}
	}
	var prev []float64
	for p := 1; p <= k; p++ {
		prev = level
		level = make([]float64, nt-1-p)
		for j := range level {
			level[j] = div(x-t[j], t[j+p]-t[j])*prev[j] + div(t[j+p+1]-x, t[j+p+1]-t[j+1])*prev[j+1]
		}
	}
	db = make([]float64, len(level))
	for j := range db {
		db[j] = float64(k) * (div(prev[j], t[j+k]-t[j]) - div(prev[j+1], t[j+k+1]-t[j+1]))
	}
	return level, db
}

// bsplineCase is one call of BSplineBasis: knots, order, points (with
// their stride) and the leading dimension of the outputs.
type bsplineCase struct {
	name    string
	k       int
	t, x    []float32 // x holds n points at stride incx
	n, incx int
	ldb     int
}

// bsplineCases covers orders 1 to 5 on uniform grids, random uneven
// grids and grids with repeated knots, points inside, on the knots,
// outside, infinite and NaN, odd counts (tails of 1-3 points), strides
// of x and padded rows.
func bsplineCases(rng *rand.Rand) []bsplineCase {
	var cases []bsplineCase
	for _, k := range []int{1, 2, 3, 4, 5} {
		for _, g := range []int{1, 3, 5, 10} {
			nt := g + 2*k + 1
			for _, grid := range []string{"uniform", "uneven", "repeated"} {
				t := make([]float32, nt)
				switch grid {
				case "uniform":
					for j := range t {
						t[j] = float32(-1 + float64(j-k)*2/float64(g))
					}
				default:
					for j := range t {
						t[j] = float32(rng.Float64()*4 - 2)
					}
					if grid == "repeated" {
						t[nt/2] = t[nt/2-1]
						t[1] = t[0]
					}
					slices.Sort(t)
				}
				for _, n := range []int{1, 3, 4, 5, 7, 8, 13, 64} {
					incx := 1 + n%3
					x := make([]float32, n*incx)
					lo, hi := float64(t[0]), float64(t[nt-1])
					for r := range n {
						v := float32(lo - 0.2 + rng.Float64()*(hi-lo+0.4))
						switch r % 11 {
						case 3:
							v = t[rng.IntN(nt)] // on a knot
						case 5:
							v = t[nt-1] // the last knot: outside
						case 7:
							v = [...]float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}[r%3]
						}
						x[r*incx] = v
						for q := 1; q < incx; q++ {
							x[r*incx+q] = float32(math.NaN()) // stride padding: never read
						}
					}
					cases = append(cases, bsplineCase{fmt.Sprintf("k=%d g=%d %s n=%d incx=%d", k, g, grid, n, incx), k, t, x, n, incx, n + n%2})
				}
			}
		}
	}
	return cases
}

// checkBSpline compares a call's outputs with the float64 reference and
// checks that the padding between rows kept its sentinel. The tolerance
// is float32 rounding of the recursion's terms: each value is a sum of
// products of ratios (x-t)·inv of size up to |x|·max inv.
func checkBSpline(t *testing.T, c bsplineCase, b, db []float32, sentinel float32) {
	t.Helper()
	nt := len(c.t)
	nb := nt - c.k - 1
	t64 := make([]float64, nt)
	maxInv, maxX := 0.0, 1.0
	for j, v := range c.t {
		t64[j] = float64(v)
		maxX = max(maxX, math.Abs(float64(v)))
	}
	for j := 0; j+1 < nt; j++ {
		if d := t64[j+1] - t64[j]; d > 0 {
			maxInv = max(maxInv, 1/d)
		}
	}
	tol := 4e-7 * float64(c.k+1) * (1 + maxX*maxInv)
	for r := range c.n {
		want, dwant := bsplineRef64(t64, c.k, float64(c.x[r*c.incx]))
		for m := range nb {
			if got := b[m*c.ldb+r]; math.Abs(float64(got)-want[m]) > tol {
				t.Fatalf("%s: B_%d(x_%d = %v) = %v, want %v", c.name, m, r, c.x[r*c.incx], got, want[m])
			}
			if db == nil {
				continue
			}
			if got := db[m*c.ldb+r]; math.Abs(float64(got)-dwant[m]) > tol*float64(c.k)*(1+maxInv) {
				t.Fatalf("%s: B'_%d(x_%d = %v) = %v, want %v", c.name, m, r, c.x[r*c.incx], got, dwant[m])
			}
		}
	}
	for _, out := range [][]float32{b, db} {
		for p, v := range out {
			if p%c.ldb >= c.n && v != sentinel && !(math.IsNaN(float64(v)) && math.IsNaN(float64(sentinel))) {
				t.Fatalf("%s: padding [%d] written: %v", c.name, p, v)
			}
		}
	}
}

// filled returns n copies of v.
func filled(n int, v float32) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestBSplineBasisAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	sentinel := float32(math.NaN())
	for _, c := range bsplineCases(rng) {
		nt := len(c.t)
		nb := nt - c.k - 1
		inv := make([]float32, BSplineInvLen(nt, c.k))
		BSplineInverses(c.t, c.k, inv)
		work := make([]float32, BSplineWorkLen(nt))
		b, db := filled(nb*c.ldb, sentinel), filled(nb*c.ldb, sentinel)
		BSplineBasis(c.n, c.x, c.incx, c.k, c.t, inv, b, db, c.ldb, work)
		checkBSpline(t, c, b, db, sentinel)
		// Without derivatives: the same values.
		b2 := filled(nb*c.ldb, sentinel)
		BSplineBasis(c.n, c.x, c.incx, c.k, c.t, inv, b2, nil, c.ldb, work)
		for p := range b {
			if b2[p] != b[p] && !math.IsNaN(float64(b[p])) {
				t.Fatalf("%s: without db, b[%d] = %v, with db %v", c.name, p, b2[p], b[p])
			}
		}
	}
}

// TestBSplineBasisSumsToOne checks the partition of unity inside the
// grid's interior [t_k, t_{nt-1-k}), a property the reference shares.
func TestBSplineBasisSumsToOne(t *testing.T) {
	const k, g, n = 3, 5, 101
	tk := make([]float32, g+2*k+1)
	for j := range tk {
		tk[j] = float32(-1 + float64(j-k)*2/g)
	}
	x := make([]float32, n)
	for r := range x {
		x[r] = float32(-1 + 2*float64(r)/n)
	}
	nb := len(tk) - k - 1
	inv := make([]float32, BSplineInvLen(len(tk), k))
	BSplineInverses(tk, k, inv)
	b, db := make([]float32, nb*n), make([]float32, nb*n)
	BSplineBasis(n, x, 1, k, tk, inv, b, db, n, make([]float32, BSplineWorkLen(len(tk))))
	for r := range n {
		var s, ds float64
		for m := range nb {
			s += float64(b[m*n+r])
			ds += float64(db[m*n+r])
		}
		if math.Abs(s-1) > 1e-6 || math.Abs(ds) > 1e-4 {
			t.Fatalf("x = %v: bases sum to %v, derivatives to %v", x[r], s, ds)
		}
	}
}

func TestBSplineBasisRejectsBadShapes(t *testing.T) {
	tk := make([]float32, 10) // k=3 needs 8, k=5 needs 12
	for j := range tk {
		tk[j] = float32(j)
	}
	inv := make([]float32, BSplineInvLen(10, 5))
	out := make([]float32, 100)
	for _, c := range []struct {
		name           string
		k, incx, ldb   int
		shortB, shortX bool
	}{
		{"k=0", 0, 1, 4, false, false},
		{"too few knots", 5, 1, 4, false, false},
		{"incx 0", 3, 0, 4, false, false},
		{"ldb < n", 3, 1, 3, false, false},
		{"short b", 3, 1, 4, true, false},
		{"short x", 3, 1, 4, false, true},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", c.name)
				}
			}()
			x, b := make([]float32, 4), out
			if c.shortX {
				x = x[:3]
			}
			if c.shortB {
				b = b[:(10-3-1-1)*4+3]
			}
			BSplineBasis(4, x, c.incx, c.k, tk, inv, b, nil, c.ldb, make([]float32, BSplineWorkLen(10)))
		}()
	}
}
