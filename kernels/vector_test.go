package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
)

func vec(x []float64) blas64.Vector { return blas64.Vector{N: len(x), Inc: 1, Data: x} }

// Vector kernels run on slices taken at an offset inside a larger buffer,
// so a kernel that assumes alignment or reads past its length is caught.
func TestVectorKernelsAgainstGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range vecLengths {
		off := n % 3
		xb, yb := randSlice(rng, n+off+2), randSlice(rng, n+off+2)
		x, y := xb[off:off+n], yb[off:off+n]
		x64, y64 := to64(x), to64(y)
		tol := float64(n+2) * 0x1p-23

		// Dot, SumSquares, SumAbs: bound relative to the sum of |terms|.
		absDot := blas64.Dot(vec(absAll(x64)), vec(absAll(y64)))
		if got, want := Dot(x, y), blas64.Dot(vec(x64), vec(y64)); !closeTo(got, want, 0, tol*absDot+1e-30) {
			t.Fatalf("Dot n=%d: %v, want %v", n, got, want)
		}
		if got, want := SumSquares(x), blas64.Dot(vec(x64), vec(x64)); !closeTo(got, want, tol, 1e-30) {
			t.Fatalf("SumSquares n=%d: %v, want %v", n, got, want)
		}
		if got, want := SumAbs(x), blas64.Asum(vec(x64)); !closeTo(got, want, tol, 1e-30) {
			t.Fatalf("SumAbs n=%d: %v, want %v", n, got, want)
		}

		for _, alpha := range []float32{0, 1, -0.75, 3} {
			yc := append([]float32(nil), yb...)
			want := append([]float64(nil), y64...)
			blas64.Axpy(float64(alpha), vec(x64), vec(want))
			Axpy(alpha, x, yc[off:off+n])
			checkClose(t, "Axpy", yc[off:off+n], want, 1e-6, 1e-6)
			checkUntouched(t, "Axpy", yb, yc, off, n)

			yc = append([]float32(nil), yb...)
			want = append([]float64(nil), y64...)
			for i, v := range x64 {
				want[i] += float64(alpha) * sign(v)
			}
			AxpySign(alpha, x, yc[off:off+n])
			checkClose(t, "AxpySign", yc[off:off+n], want, 1e-6, 1e-6)
			checkUntouched(t, "AxpySign", yb, yc, off, n)

			xc := append([]float32(nil), xb...)
			want = append([]float64(nil), x64...)
			blas64.Scal(float64(alpha), vec(want))
			Scale(alpha, xc[off:off+n])
			checkClose(t, "Scale", xc[off:off+n], want, 1e-7, 0)
			checkUntouched(t, "Scale", xb, xc, off, n)
		}
	}
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func checkUntouched(t *testing.T, what string, before, after []float32, off, n int) {
	t.Helper()
	for i := range before {
		if (i < off || i >= off+n) && before[i] != after[i] {
			t.Fatalf("%s wrote outside its slice at %d", what, i)
		}
	}
}

func TestAddBiasAndSumRows(t *testing.T) {
	checkAddBiasAndSumRows(t, AddBias, SumRows, [][2]int{{1, 1}, {1, 5}, {5, 1}, {3, 7}, {8, 8}, {17, 9}, {64, 10}}, []float32{777})
}

// checkAddBiasAndSumRows checks a body's AddBias and SumRows against
// float64 sums on rows x cols blocks with 0-2 elements of padding per row
// filled with each of pads, which must stay untouched (a NaN pad also
// poisons a result that reads it).
func checkAddBiasAndSumRows(t *testing.T, addBias func(rows, cols int, bias, c []float32, ldc int),
	sumRows func(rows, cols int, a []float32, lda int, dst []float32), shapes [][2]int, pads []float32) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, sh := range shapes {
		rows, cols := sh[0], sh[1]
		for extra := range 3 {
			for _, pad := range pads {
				a := newStrided(rng, rows, cols, extra, extra+1, pad)
				bias := randSlice(rng, cols)
				a64 := a.dense64()

				// SumRows accumulates into dst: start from non-zero values.
				dst := randSlice(rng, cols)
				want := to64(dst)
				for j := range cols {
					col := make([]float64, rows)
					for i := range rows {
						col[i] = a64[i*cols+j]
					}
					want[j] += floats.Sum(col)
				}
				sumRows(rows, cols, a.data(), a.ld, dst)
				checkClose(t, fmt.Sprintf("SumRows %dx%d+%d", rows, cols, extra), dst, want, float64(rows+2)*0x1p-23, float64(rows+2)*0x1p-23)

				addBias(rows, cols, bias, a.data(), a.ld)
				for i := range rows {
					for j := range cols {
						w := a64[i*cols+j] + float64(bias[j])
						// One rounding of the exact sum.
						if !closeTo(a.at(i, j), w, 0x1p-24, 0x1p-24*math.Abs(float64(bias[j]))) {
							t.Fatalf("AddBias %dx%d: [%d,%d] = %v, want %v", rows, cols, i, j, a.at(i, j), w)
						}
					}
				}
				for p, v := range a.buf {
					if !a.inside(p) && math.Float32bits(v) != math.Float32bits(pad) {
						t.Fatalf("AddBias %dx%d+%d wrote padding at %d", rows, cols, extra, p)
					}
				}
			}
		}
	}
}

func TestDotIsExactOnIntegers(t *testing.T) {
	// Small integers multiply and add exactly in float32: no tolerance.
	x := []float32{1, 2, 3, 4, 5, 6, 7}
	y := []float32{7, 6, 5, 4, 3, 2, 1}
	if got := Dot(x, y); got != 84 {
		t.Fatalf("Dot = %v, want 84", got)
	}
	if got := SumAbs([]float32{-1, 2, -3}); got != 6 {
		t.Fatalf("SumAbs = %v, want 6", got)
	}
	if got := SumSquares(nil); got != 0 || math.Signbit(float64(got)) {
		t.Fatalf("SumSquares(nil) = %v", got)
	}
}
