package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

type gemmFunc func(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int)

var gemmForms = []struct {
	name   string
	f      gemmFunc
	tA, tB blas.Transpose
}{
	{"NN", GemmNN, blas.NoTrans, blas.NoTrans},
	{"NT", GemmNT, blas.NoTrans, blas.Trans},
	{"TN", GemmTN, blas.Trans, blas.NoTrans},
}

// gemmImpl is one body's form of gemm under test.
type gemmImpl struct {
	name   string // body/form
	f      gemmFunc
	tA, tB blas.Transpose
}

// gemmImpls lists every gemm this build can test: the Go API (under Node
// that is the WebAssembly body the loader chose, see accel_js_test.go),
// and natively also both assembled bodies run in wazero
// (gemm_wat_test.go), directly and through the stub's table.
func gemmImpls(t *testing.T) []gemmImpl {
	var impls []gemmImpl
	for _, form := range gemmForms {
		impls = append(impls, gemmImpl{"api/" + form.name, form.f, form.tA, form.tB})
	}
	return append(impls, wasmGemmImpls(t)...)
}

// gemmShapes has 1x1, odd sizes, sizes off multiples of 4 and 8, a zero
// inner dimension and a few playground layers; random shapes are added.
func gemmShapes(rng *rand.Rand) [][3]int {
	shapes := [][3]int{
		{1, 1, 1}, {1, 7, 3}, {3, 1, 5}, {5, 9, 13}, {8, 8, 8}, {16, 4, 33},
		{17, 31, 7}, {64, 10, 3}, {2, 3, 0}, {4, 4, 4}, {9, 9, 9}, {10, 8, 8},
		{33, 2, 65},
	}
	for range 20 {
		shapes = append(shapes, [3]int{1 + rng.IntN(40), 1 + rng.IntN(40), 1 + rng.IntN(40)})
	}
	return shapes
}

func general(rows, cols int, data []float64) blas64.General {
	return blas64.General{Rows: rows, Cols: cols, Stride: max(cols, 1), Data: data}
}

func absAll(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.Abs(v)
	}
	return out
}

func TestGemmAgainstGonum(t *testing.T) {
	alphas := []float32{1, -0.5, 0, 2.5}
	betas := []float32{0, 1, 0.3, -1}
	for _, impl := range gemmImpls(t) {
		rng := rand.New(rand.NewPCG(1, 2))
		for si, sh := range gemmShapes(rng) {
			m, n, k := sh[0], sh[1], sh[2]
			for _, alpha := range alphas {
				for _, beta := range betas {
					name := fmt.Sprintf("%s/m%d_n%d_k%d/alpha%g/beta%g", impl.name, m, n, k, alpha, beta)
					// Strides and offsets vary with the case so every
					// combination of padded and tight operands shows up.
					extra, off := si%3, (si*7)%5
					checkGemm(t, rng, name, impl.f, impl.tA, impl.tB, m, n, k, alpha, beta, extra, off)
				}
			}
		}
	}
}

// TestGemmLargeShapes runs shapes where full register blocks and every
// kind of row, column and inner-dimension tail meet in one call.
func TestGemmLargeShapes(t *testing.T) {
	shapes := [][3]int{
		{67, 45, 129}, {256, 8, 3}, {3, 300, 17}, {64, 64, 64}, {13, 27, 5},
		{6, 6, 6}, {7, 11, 4}, {32, 33, 31}, {100, 3, 50}, {2, 100, 7},
	}
	params := [][2]float32{{1, 0}, {-0.5, 1}, {2.5, 0.3}, {1, -1}}
	for _, impl := range gemmImpls(t) {
		rng := rand.New(rand.NewPCG(3, 4))
		for si, sh := range shapes {
			for pi, p := range params {
				m, n, k := sh[0], sh[1], sh[2]
				name := fmt.Sprintf("%s/m%d_n%d_k%d/alpha%g/beta%g", impl.name, m, n, k, p[0], p[1])
				checkGemm(t, rng, name, impl.f, impl.tA, impl.tB, m, n, k, p[0], p[1], (si+pi)%3, (si*3+pi)%5)
			}
		}
	}
}

// TestGemmTailGrid runs every combination of small sizes, so each row
// tail (m mod 4), column tail (n mod 8, mod 4, mod 2), inner tail (k mod 4)
// and both NT paths of the SIMD body (k below and above its short-k
// switch) meet each other.
func TestGemmTailGrid(t *testing.T) {
	ks := []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 13}
	for _, impl := range gemmImpls(t) {
		rng := rand.New(rand.NewPCG(7, 8))
		for m := 1; m <= 9; m++ {
			for n := 1; n <= 17; n++ {
				for ki, k := range ks {
					alpha, beta := float32(1), float32(0)
					if (m+n+ki)%2 == 1 {
						alpha, beta = -1.5, 0.3
					}
					name := fmt.Sprintf("%s/grid/m%d_n%d_k%d", impl.name, m, n, k)
					checkGemm(t, rng, name, impl.f, impl.tA, impl.tB, m, n, k, alpha, beta, (m+k)%3, (n+k)%5)
				}
			}
		}
	}
}

func checkGemm(t *testing.T, rng *rand.Rand, name string, f gemmFunc, tA, tB blas.Transpose, m, n, k int, alpha, beta float32, extra, off int) {
	t.Helper()
	nan := float32(math.NaN())
	ar, ac := m, k
	if tA == blas.Trans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB == blas.Trans {
		br, bc = n, k
	}
	// NaN padding in A and B catches reads outside the operands.
	a := newStrided(rng, ar, ac, extra, off, nan)
	b := newStrided(rng, br, bc, (extra+1)%3, (off+2)%5, nan)
	const sentinel = 12345
	c := newStrided(rng, m, n, (extra+2)%3, (off+3)%5, sentinel)
	if beta == 0 {
		// With beta 0, C is output only: NaN in it must not leak.
		for i := range m {
			for j := range n {
				c.buf[c.off+i*c.ld+j] = nan
			}
		}
	}

	a64, b64, c64 := a.dense64(), b.dense64(), c.dense64()
	want := append([]float64(nil), c64...)
	if beta == 0 {
		clear(want)
	}
	// Error bound per entry: a few float32 roundings per term of the sum.
	bound := absAll(c64)
	if beta == 0 {
		clear(bound)
	}
	if k > 0 {
		blas64.Gemm(tA, tB, float64(alpha), general(ar, ac, a64), general(br, bc, b64), float64(beta), general(m, n, want))
		blas64.Gemm(tA, tB, math.Abs(float64(alpha)), general(ar, ac, absAll(a64)), general(br, bc, absAll(b64)), math.Abs(float64(beta)), general(m, n, bound))
	} else {
		// gonum rejects empty operands; the product is empty, C = beta*C.
		for i := range want {
			want[i] *= float64(beta)
			bound[i] *= math.Abs(float64(beta))
		}
	}

	f(m, n, k, alpha, a.data(), a.ld, b.data(), b.ld, beta, c.data(), c.ld)

	tol := float64(k+4) * 0x1p-23
	for i := range m {
		for j := range n {
			got, w := c.at(i, j), want[i*n+j]
			if !closeTo(got, w, 0, tol*bound[i*n+j]+1e-30) {
				t.Fatalf("%s: C[%d,%d] = %v, want %v", name, i, j, got, w)
			}
		}
	}
	for p, v := range c.buf {
		if !c.inside(p) && v != sentinel {
			t.Fatalf("%s: wrote padding at buffer index %d", name, p)
		}
	}
}

func TestGemmEmptyShapesTouchNothing(t *testing.T) {
	for _, impl := range gemmImpls(t) {
		c := []float32{1, 2, 3}
		impl.f(0, 3, 2, 1, nil, 2, nil, 3, 0, c, 3)
		impl.f(3, 0, 2, 1, nil, 2, nil, 0, 0, c, 1)
		impl.f(-1, 3, 2, 1, nil, 2, nil, 3, 0, c, 3)
		impl.f(3, -2, 2, 1, nil, 2, nil, 0, 0, c, 1)
		if c[0] != 1 || c[1] != 2 || c[2] != 3 {
			t.Fatalf("%s changed C on an empty shape: %v", impl.name, c)
		}
	}
}

func TestGemmAlphaZeroDoesNotReadOperands(t *testing.T) {
	// BLAS leaves A and B unreferenced when alpha is 0; NaN there must not
	// reach C.
	nan := float32(math.NaN())
	a := []float32{nan, nan, nan, nan}
	b := []float32{nan, nan, nan, nan}
	for _, impl := range gemmImpls(t) {
		c := []float32{1, 2, 3, 4}
		impl.f(2, 2, 2, 0, a, 2, b, 2, 0.5, c, 2)
		for i, want := range []float32{0.5, 1, 1.5, 2} {
			if c[i] != want {
				t.Fatalf("%s: C = %v", impl.name, c)
			}
		}
		// k = 0 with beta 0 zeroes C even where it held NaN.
		c = []float32{nan, nan, nan, nan, nan, nan}
		impl.f(2, 3, 0, 1, a, 1, b, 3, 0, c, 3)
		for i, v := range c {
			if v != 0 {
				t.Fatalf("%s k 0, beta 0: C[%d] = %v", impl.name, i, v)
			}
		}
	}
}
