package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bsplineRef evaluates every order-k basis on knots t at x in float64 by
// the textbook recursion over whole arrays, as pykan's B_batch does
// (0/0 = 0): the reference splineBasis must agree with.
func bsplineRef(t []float64, k int, x float64) []float64 {
	b := make([]float64, len(t)-1)
	for j := range b {
		if t[j] <= x && x < t[j+1] {
			b[j] = 1
		}
	}
	div := func(a, d float64) float64 {
		if d == 0 {
			return 0
		}
		return a / d
	}
	for p := 1; p <= k; p++ {
		next := make([]float64, len(t)-1-p)
		for j := range next {
			next[j] = div(x-t[j], t[j+p]-t[j])*b[j] + div(t[j+p+1]-x, t[j+p+1]-t[j+1])*b[j+1]
		}
		b = next
	}
	return b
}

// fullBasis expands splineBasis's window into all len(t)-k-1 bases.
func fullBasis(t []float32, k int, x float64) (b, db []float64) {
	w, dw := make([]float32, k+1), make([]float32, k+1)
	st := splineBasis(t, k, x, w, dw)
	b, db = make([]float64, len(t)-k-1), make([]float64, len(t)-k-1)
	for q := range w {
		b[st+q], db[st+q] = float64(w[q]), float64(dw[q])
	}
	return b, db
}

func toFloat64(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// testKnots returns knot vectors to test on: uniform ones of several
// sizes and ranges, one with uneven spacing and one with a repeated knot.
func testKnots(rng *rand.Rand) [][]float32 {
	var all [][]float32
	for _, c := range []struct {
		g, k int
		a    float64
	}{{1, 1, 1}, {1, 3, 1}, {3, 3, 1}, {5, 3, 1}, {5, 1, 6}, {10, 2, 0.5}, {7, 5, 2}, {2, 5, 1}, {50, 3, 0.1}} {
		t := make([]float32, knotCount(c.g, c.k))
		uniformKnots(t, c.g, c.k, c.a)
		all = append(all, t)
	}
	uneven := make([]float64, knotCount(6, 3))
	v := -1.0
	for j := range uneven {
		uneven[j] = v
		v += 0.05 + rng.Float64()
	}
	repeated := []float64{-3, -2, -1, 0, 0, 1, 2, 3, 4}
	for _, t := range [][]float64{uneven, repeated} {
		t32 := make([]float32, len(t))
		for j, x := range t {
			t32[j] = float32(x)
		}
		all = append(all, t32)
	}
	return all
}

// orderFor returns the spline order a test knot vector was built for.
func orderFor(t []float32) []int {
	var ks []int
	for k := 1; k <= maxSplineOrder && len(t) >= 2*k+2; k++ {
		ks = append(ks, k)
	}
	return ks
}

// TestSplineBasisMatchesRecursion compares the windowed evaluation with
// the whole-array recursion, inside the knots, in the extensions and
// outside, for every order the knots allow.
func TestSplineBasisMatchesRecursion(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, knots := range testKnots(rng) {
		t64 := toFloat64(knots)
		lo, hi := t64[0], t64[len(t64)-1]
		span := hi - lo
		for _, k := range orderFor(knots) {
			xs := []float64{lo, hi, lo - 1e-3, math.Nextafter(hi, math.Inf(-1))}
			xs = append(xs, t64...) // every knot itself
			for range 200 {
				xs = append(xs, lo-0.2*span+rng.Float64()*1.4*span)
			}
			for _, x := range xs {
				want := bsplineRef(t64, k, x)
				got, _ := fullBasis(knots, k, x)
				for m := range want {
					if math.Abs(got[m]-want[m]) > 1e-6 {
						t.Fatalf("knots %v k=%d x=%g: basis %d = %g, recursion %g", knots, k, x, m, got[m], want[m])
					}
				}
			}
		}
	}
}

// TestSplineBasisPartitionOfUnity: inside the interior [t_k, t_{len-k-1})
// the bases sum to 1 (and are never negative); the derivatives sum to 0.
func TestSplineBasisPartitionOfUnity(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	worst := 0.0
	for _, knots := range testKnots(rng) {
		for _, k := range orderFor(knots) {
			lo, hi := float64(knots[k]), float64(knots[len(knots)-k-1])
			for range 500 {
				x := lo + rng.Float64()*(hi-lo)
				b, db := fullBasis(knots, k, x)
				var sum, dsum float64
				for m := range b {
					if b[m] < -1e-7 {
						t.Fatalf("k=%d x=%g: basis %d is negative: %g", k, x, m, b[m])
					}
					sum += b[m]
					dsum += db[m]
				}
				worst = max(worst, math.Abs(sum-1))
				if math.Abs(sum-1) > 1e-6 {
					t.Fatalf("knots %v k=%d x=%g: bases sum to %.9g", knots, k, x, sum)
				}
				scale := 0.0
				for _, d := range db {
					scale += math.Abs(d)
				}
				if math.Abs(dsum) > 1e-5*(1+scale) {
					t.Fatalf("knots %v k=%d x=%g: derivatives sum to %g", knots, k, x, dsum)
				}
			}
		}
	}
	t.Logf("largest |sum of bases - 1| inside the grids: %.3g", worst)
}

// TestSplineBasisDerivative compares the derivatives with central
// differences of the float64 recursion, away from the knots (where order 1
// bases have kinks).
func TestSplineBasisDerivative(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, knots := range testKnots(rng) {
		t64 := toFloat64(knots)
		for _, k := range orderFor(knots) {
			for range 200 {
				x := t64[0] + rng.Float64()*(t64[len(t64)-1]-t64[0])
				const h = 1e-6
				near := false
				for _, kn := range t64 {
					near = near || math.Abs(x-kn) < 10*h
				}
				if near {
					continue
				}
				_, db := fullBasis(knots, k, x)
				up, down := bsplineRef(t64, k, x+h), bsplineRef(t64, k, x-h)
				for m := range db {
					num := (up[m] - down[m]) / (2 * h)
					if math.Abs(db[m]-num) > 1e-4*(1+math.Abs(num)) {
						t.Fatalf("knots %v k=%d x=%g: basis %d slope %g, finite difference %g", knots, k, x, m, db[m], num)
					}
				}
			}
		}
	}
}

// TestSplineBasisOutside: outside [t_0, t_last), and at NaN, every basis
// and derivative is 0; the buffers are overwritten, not left stale.
func TestSplineBasisOutside(t *testing.T) {
	knots := make([]float32, knotCount(4, 3))
	uniformKnots(knots, 4, 3, 1)
	b, db := make([]float32, 4), make([]float32, 4)
	for _, x := range []float64{-3, -2.5000001, float64(knots[len(knots)-1]), 2.6, 100, math.Inf(1), math.Inf(-1), math.NaN()} {
		for q := range b {
			b[q], db[q] = 7, 7
		}
		if st := splineBasis(knots, 3, x, b, db); st != 0 || slices.ContainsFunc(b, func(v float32) bool { return v != 0 }) ||
			slices.ContainsFunc(db, func(v float32) bool { return v != 0 }) {
			t.Errorf("x=%g: start %d, bases %v, slopes %v", x, st, b, db)
		}
	}
}

func TestUniformKnots(t *testing.T) {
	knots := make([]float32, knotCount(5, 3))
	uniformKnots(knots, 5, 3, 1)
	want := []float32{-2.2, -1.8, -1.4, -1, -0.6, -0.2, 0.2, 0.6, 1, 1.4, 1.8, 2.2}
	for j := range want {
		if math.Abs(float64(knots[j]-want[j])) > 1e-6 {
			t.Fatalf("knots %v, want %v", knots, want)
		}
	}
	// extendKnots continues at the interior's mean spacing, (4-0)/3.
	ext := []float64{0, 0, 0, 0, 1, 2, 4, 0, 0, 0}
	extendKnots(ext, 3, 3)
	h := 4.0 / 3
	wantExt := []float64{-3 * h, -2 * h, -h, 0, 1, 2, 4, 4 + h, 4 + 2*h, 4 + 3*h}
	for j := range wantExt {
		if math.Abs(ext[j]-wantExt[j]) > 1e-12 {
			t.Fatalf("extended %v, want %v", ext, wantExt)
		}
	}
}
