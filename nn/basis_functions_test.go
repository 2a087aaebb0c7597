package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// basisRef evaluates all G+k functions of basis b (not SelectableBasis)
// at x in float64 from their closed forms, for an input whose knots are t
// (order k) in a layer of range option a: the references the layer's
// recurrences must agree with.
func basisRef(b KANBasis, t []float64, k int, a, x float64) []float64 {
	if b == BSplineBasis {
		return bsplineRef(t, k, x)
	}
	n := len(t) - k - 1
	lo, hi := t[k], t[len(t)-1-k]
	c, h := (lo+hi)/2, (hi-lo)/2
	v := make([]float64, n)
	switch b {
	case ChebyshevBasis:
		u := math.Tanh(x / a)
		for m := range v {
			v[m] = math.Cos(float64(m) * math.Acos(u))
		}
	case RBFBasis:
		step := (hi - lo) / float64(n-1)
		for m := range v {
			d := (x - lo - float64(m)*step) / step
			v[m] = math.Exp(-d * d)
		}
	case FourierBasis:
		theta := math.Pi * (x - c) / h
		for p := 1; 2*p <= n; p++ {
			v[2*p-2], v[2*p-1] = math.Cos(float64(p)*theta), math.Sin(float64(p)*theta)
		}
		if n%2 == 1 {
			v[n-1] = 1
		}
	default:
		panic(b)
	}
	return v
}

// TestGlobalBasesMatchClosedForms: the Chebyshev, RBF and Fourier
// recurrences against their closed forms (T_m = cos(m·arccos u), the
// Gaussians, cos nθ and sin nθ), and their slopes against central
// differences of the closed forms, inside, at the ends of and far beyond
// the range, for even and odd counts. Chebyshev's scale a is the range's
// half-width here.
func TestGlobalBasesMatchClosedForms(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	for _, b := range []KANBasis{ChebyshevBasis, RBFBasis, FourierBasis} {
		for _, c := range []struct {
			lo, hi float64
			n      int
		}{{-1, 1, 2}, {-1, 1, 8}, {-1, 1, 9}, {-6, 6, 5}, {0.3, 2.9, 13}, {-1, 1, 55}, {-0.1, 0.1, 4}} {
			t.Run(fmt.Sprintf("%v/%g..%g/n=%d", b, c.lo, c.hi, c.n), func(t *testing.T) {
				g, k := c.n-1, 1 // any split of n = g+k will do
				knots := make([]float32, knotCount(g, k))
				for j := range knots {
					knots[j] = float32(c.lo + float64(j-k)*(c.hi-c.lo)/float64(g))
				}
				knots[k], knots[k+g] = float32(c.lo), float32(c.hi)
				t64 := toFloat64(knots)
				w := c.hi - c.lo
				a := w / 2
				xs := []float64{c.lo, c.hi, (c.lo + c.hi) / 2, c.lo - 3*w, c.hi + 0.4*w}
				for range 20 {
					xs = append(xs, c.lo-0.2*w+1.4*w*rng.Float64())
				}
				v, dv := make([]float32, c.n), make([]float32, c.n)
				for _, x := range xs {
					if st := evalKANBasis(b, knots, k, a, x, v, dv); st != 0 {
						t.Fatalf("start %d, want 0", st)
					}
					want := basisRef(b, t64, k, a, x)
					const eps = 1e-6
					hi, lo := basisRef(b, t64, k, a, x+eps), basisRef(b, t64, k, a, x-eps)
					for m := range want {
						if d := math.Abs(float64(v[m]) - want[m]); d > 1e-6 {
							t.Errorf("x=%g: B_%d = %g, closed form %g", x, m, v[m], want[m])
						}
						slope := (hi[m] - lo[m]) / (2 * eps)
						if d := math.Abs(float64(dv[m]) - slope); d > 1e-5*(1+math.Abs(slope)) {
							t.Errorf("x=%g: B'_%d = %g, central difference %g", x, m, dv[m], slope)
						}
					}
					// Without slopes, the same values.
					v2 := make([]float32, c.n)
					evalKANBasis(b, knots, k, a, x, v2, nil)
					for m := range v {
						if v2[m] != v[m] {
							t.Fatalf("x=%g: B_%d = %g without slopes, %g with", x, m, v2[m], v[m])
						}
					}
				}
			})
		}
	}
}

// TestKANBasisNames: the option's values, their names in menus, and the
// per-point work each basis is counted at.
func TestKANBasisNames(t *testing.T) {
	want := []string{"B-spline", "Chebyshev", "Gaussian RBF", "Fourier", "selectable"}
	bases := KANBases()
	if len(bases) != len(want) {
		t.Fatalf("%d bases, want %d", len(bases), len(want))
	}
	for n, b := range bases {
		if int(b) != n || b.String() != want[n] {
			t.Errorf("basis %d: %d %q, want %q", n, int(b), b, want[n])
		}
	}
	if s := KANBasis(7).String(); s != "unknown(7)" {
		t.Errorf("KANBasis(7) is %q", s)
	}
	for _, b := range []KANBasis{BSplineBasis, ChebyshevBasis, RBFBasis, FourierBasis} {
		for _, g := range []int{1, 5, 50} {
			small, large := kanBasisFLOPs(b, g, 3), kanBasisFLOPs(b, g+10, 3)
			if small <= 0 || large < small {
				t.Errorf("%v: %d FLOPs per point at G=%d, %d at G=%d", b, small, g, large, g+10)
			}
		}
	}
}
