package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// strided is a rows x cols matrix placed at off inside a larger buffer with
// leading dimension ld; everything outside the matrix is padding.
type strided struct {
	rows, cols, ld, off int
	buf                 []float32
}

// newStrided fills the matrix with values in [-1, 1) and the padding with
// pad, so a kernel that reads padding (NaN) or writes it is caught.
func newStrided(rng *rand.Rand, rows, cols, extraLd, off int, pad float32) strided {
	ld := max(cols, 1) + extraLd
	s := strided{rows: rows, cols: cols, ld: ld, off: off}
	s.buf = make([]float32, off+rows*ld+3)
	for i := range s.buf {
		s.buf[i] = pad
	}
	for i := range rows {
		for j := range cols {
			s.buf[off+i*ld+j] = float32(rng.Float64()*2 - 1)
		}
	}
	return s
}

func (s strided) data() []float32 { return s.buf[s.off:] }

func (s strided) at(i, j int) float32 { return s.buf[s.off+i*s.ld+j] }

// dense64 copies the matrix out in float64, contiguous.
func (s strided) dense64() []float64 {
	out := make([]float64, s.rows*s.cols)
	for i := range s.rows {
		for j := range s.cols {
			out[i*s.cols+j] = float64(s.at(i, j))
		}
	}
	return out
}

// inside reports whether buffer index p belongs to the matrix.
func (s strided) inside(p int) bool {
	p -= s.off
	if p < 0 || p >= s.rows*s.ld {
		return false
	}
	return p%s.ld < s.cols
}

func randSlice(rng *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(rng.Float64()*2 - 1)
	}
	return x
}

func to64(x []float32) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// closeTo reports whether got is within rel*|want| + abs of want.
func closeTo(got float32, want, rel, abs float64) bool {
	return math.Abs(float64(got)-want) <= rel*math.Abs(want)+abs
}

func checkClose(t *testing.T, what string, got []float32, want []float64, rel, abs float64) {
	t.Helper()
	for i := range want {
		if !closeTo(got[i], want[i], rel, abs) {
			t.Fatalf("%s: [%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

// vecLengths covers empty, tiny, around every small power of two, and long.
var vecLengths = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 1023}
