package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// kanBasisRef64 evaluates the three global bases at one point in
// float64, from their definitions rather than the kernels' recurrences:
// T_m(u) = cos(m·arccos u) with dT_m/du = m·sin(mφ)/sin φ (φ = arccos u),
// the Gaussians with exp, and the Fourier terms with cos and sin of pθ.
// kind picks the basis; p1, p2 are the kernel's scalars (invA; lo, hi; w)
// and v the point's input (u; x; θ).
func kanBasisRef64(kind kanBasisKind, v, p1, p2 float64, nb int) (b, db []float64) {
	b, db = make([]float64, nb), make([]float64, nb)
	switch kind {
	case chebyshevKAN:
		phi := math.Acos(v)
		du := (1 - v*v) * p1
		for m := range nb {
			b[m] = math.Cos(float64(m) * phi)
			if m > 0 {
				db[m] = float64(m) * math.Sin(float64(m)*phi) / math.Sin(phi) * du
			}
		}
	case rbfKAN:
		h := (p2 - p1) / float64(nb-1)
		for m := range nb {
			d := (v - (p1 + float64(m)*h)) / h
			b[m] = math.Exp(-d * d)
			db[m] = -2 / h * d * b[m]
		}
	case fourierKAN:
		for p := 1; 2*p <= nb; p++ {
			s, c := math.Sincos(float64(p) * v)
			b[2*p-2], b[2*p-1] = c, s
			db[2*p-2], db[2*p-1] = -float64(p)*p1*s, float64(p)*p1*c
		}
		if nb%2 == 1 {
			b[nb-1] = 1
		}
	}
	return b, db
}

// kanBasisCase is one call of a global-basis kernel.
type kanBasisCase struct {
	name      string
	kind      kanBasisKind
	n, nb     int
	ldb       int
	in        []float32 // u, x or θ at each point
	p1, p2    float32
	s, c      []float32 // Fourier: sin θ and cos θ
	inputOnly bool
}

// kanBasisCases covers every basis with 1 to 13 and 64 points (every tail
// of four), 1 to 12 functions (odd and even Fourier counts), padded
// rows, and points across and beyond the range.
func kanBasisCases(rng *rand.Rand) []kanBasisCase {
	var cases []kanBasisCase
	for _, kind := range []kanBasisKind{chebyshevKAN, rbfKAN, fourierKAN} {
		for _, nb := range []int{1, 2, 3, 5, 8, 12} {
			if kind == rbfKAN && nb < 2 {
				continue
			}
			for _, n := range []int{1, 2, 3, 4, 5, 7, 13, 64} {
				c := kanBasisCase{kind: kind, n: n, nb: nb, ldb: n + n%3}
				c.in = make([]float32, n)
				switch kind {
				case chebyshevKAN:
					c.p1 = 0.5
					for r := range c.in {
						c.in[r] = float32(math.Tanh(rng.Float64()*8 - 4))
					}
				case rbfKAN:
					c.p1, c.p2 = -1.5, 1.5
					for r := range c.in {
						c.in[r] = float32(rng.Float64()*5 - 2.5)
					}
				case fourierKAN:
					c.p1 = math.Pi / 1.5
					c.s, c.c = make([]float32, n), make([]float32, n)
					for r := range c.in {
						c.in[r] = float32(rng.Float64()*2*math.Pi - math.Pi)
						s, co := math.Sincos(float64(c.in[r]))
						c.s[r], c.c[r] = float32(s), float32(co)
					}
				}
				c.name = fmt.Sprintf("kind=%d nb=%d n=%d ldb=%d", kind, nb, n, c.ldb)
				cases = append(cases, c)
			}
		}
	}
	return cases
}

// run calls the case's kernel with the Go API.
func (c kanBasisCase) run(b, db []float32) {
	switch c.kind {
	case chebyshevKAN:
		ChebyshevBasis(c.n, c.in, c.p1, c.nb, b, db, c.ldb)
	case rbfKAN:
		RBFBasis(c.n, c.in, c.p1, c.p2, c.nb, b, db, c.ldb)
	case fourierKAN:
		FourierBasis(c.n, c.s, c.c, c.p1, c.nb, b, db, c.ldb)
	}
}

// checkKANBasis64 compares a kernel's output with kanBasisRef64: every
// value within float32 rounding of the recurrences (relative to the
// function's scale: T'_m grows as m², the Fourier slopes as p·w), and
// the padding between rows untouched (still the sentinel NaN).
func checkKANBasis64(t *testing.T, c kanBasisCase, b, db []float32) {
	t.Helper()
	for r := range c.n {
		want, dwant := kanBasisRef64(c.kind, float64(c.in[r]), float64(c.p1), float64(c.p2), c.nb)
		for m := range c.nb {
			scale := 1.0
			if c.kind != rbfKAN {
				scale = float64((m + 1) * (m + 1))
			}
			dscale := scale * math.Abs(float64(c.p1))
			if c.kind == rbfKAN {
				dscale = 2 * float64(c.nb-1) / float64(c.p2-c.p1)
			}
			got, dgot := float64(b[m*c.ldb+r]), float64(db[m*c.ldb+r])
			if math.Abs(got-want[m]) > 2e-6*scale || math.Abs(dgot-dwant[m]) > 4e-6*scale*dscale {
				t.Fatalf("%s: point %d (%v) basis %d: got %v, %v; want %v, %v", c.name, r, c.in[r], m, got, dgot, want[m], dwant[m])
			}
		}
		for m := range c.nb - 1 {
			for p := m*c.ldb + c.n; p < (m+1)*c.ldb; p++ {
				if !math.IsNaN(float64(b[p])) || !math.IsNaN(float64(db[p])) {
					t.Fatalf("%s: padding [%d] written", c.name, p)
				}
			}
		}
	}
}

func TestKANBasesAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	nan := float32(math.NaN())
	for _, c := range kanBasisCases(rng) {
		b, db := filled(c.nb*c.ldb, nan), filled(c.nb*c.ldb, nan)
		c.run(b, db)
		checkKANBasis64(t, c, b, db)
		// Without derivatives: the same values.
		b2 := filled(c.nb*c.ldb, nan)
		c.run(b2, nil)
		for p := range b {
			if math.Float32bits(b2[p]) != math.Float32bits(b[p]) {
				t.Fatalf("%s: without db, b[%d] = %v, with db %v", c.name, p, b2[p], b[p])
			}
		}
	}
}

func TestKANBasesRejectBadShapes(t *testing.T) {
	u := []float32{0.1, 0.2}
	for name, f := range map[string]func(){
		"chebyshev no functions": func() { ChebyshevBasis(2, u, 1, 0, make([]float32, 4), nil, 2) },
		"rbf one function":       func() { RBFBasis(2, u, 0, 1, 1, make([]float32, 4), nil, 2) },
		"ldb below n":            func() { FourierBasis(2, u, u, 1, 2, make([]float32, 4), nil, 1) },
		"short b":                func() { ChebyshevBasis(2, u, 1, 3, make([]float32, 5), nil, 2) },
		"short input":            func() { RBFBasis(3, u, 0, 1, 2, make([]float32, 6), nil, 3) },
		"short db":               func() { FourierBasis(2, u, u, 1, 2, make([]float32, 4), make([]float32, 3), 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
	// n = 0 does nothing, whatever the operands.
	ChebyshevBasis(0, nil, 1, 3, nil, nil, 0)
}
