package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The spiking kernels against float64 references. Natively this checks
// the Go bodies; under Node (go_js_wasm_exec_kernels) the WebAssembly body
// the loader chose (SIMD, or scalar with PLAYGROUND_KERNELS=scalar).

// activeRowsCase is a random spike vector (0s, 1s, some other values, a
// negative zero) over n inputs, rows of length values at stride lda.
type activeRowsCase struct {
	x           []float32
	lda, length int
}

func activeRowsCases(rng *rand.Rand) []activeRowsCase {
	var cases []activeRowsCase
	for _, n := range []int{1, 2, 3, 7, 64, 129, 700} {
		for _, length := range []int{1, 3, 4, 5, 8, 17, 64} {
			for _, pad := range []int{0, 3} {
				// 40% of the values set, or 5% as in spike trains, where the
				// SIMD body skips blocks of zeros
				zeros := 0.6
				if pad > 0 {
					zeros = 0.95
				}
				x := make([]float32, n)
				for i := range x {
					u := rng.Float64()
					if u < zeros {
						continue
					}
					switch u = (u - zeros) / (1 - zeros); {
					case u < 0.125:
						x[i] = float32(math.Copysign(0, -1))
					case u < 0.75:
						x[i] = 1
					default:
						x[i] = float32(rng.Float64()*4 - 2)
					}
				}
				cases = append(cases, activeRowsCase{x, length + pad, length})
			}
		}
	}
	return cases
}

// paddedRows returns n rows of length values in [-1, 1) at stride lda,
// the padding between them set to pad.
func paddedRows(rng *rand.Rand, n, lda, length int, pad float32) []float32 {
	a := filled(n*lda, pad)
	for i := range n {
		for j := range length {
			a[i*lda+j] = float32(rng.Float64()*2 - 1)
		}
	}
	return a
}

// activeRowsTolerance is the float32 error bound of a sum of terms whose
// magnitudes add up to mag, accumulated one term at a time over n terms.
func activeRowsTolerance(n int, mag float64) float64 { return float64(n+2) * 0x1p-23 * mag }

func TestGatherActiveRowsAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	const pad = -7.5 // a row's padding: read by mistake, it shows
	for _, c := range activeRowsCases(rng) {
		n := len(c.x)
		a := paddedRows(rng, n, c.lda, c.length, pad)
		y := randSlice(rng, c.length+2)
		want, mag := make([]float64, c.length), make([]float64, c.length)
		for j := range c.length {
			want[j], mag[j] = float64(y[j]), math.Abs(float64(y[j]))
			for i, v := range c.x {
				if v != 0 {
					want[j] += float64(v) * float64(a[i*c.lda+j])
					mag[j] += math.Abs(float64(v) * float64(a[i*c.lda+j]))
				}
			}
		}
		tail := y[c.length:]
		tail0 := []float32{tail[0], tail[1]}
		GatherActiveRows(c.x, a, c.lda, c.length, y)
		for j := range c.length {
			if d := math.Abs(float64(y[j]) - want[j]); !(d <= activeRowsTolerance(n, mag[j])) {
				t.Fatalf("n %d length %d lda %d: y[%d] = %v, want %v", n, c.length, c.lda, j, y[j], want[j])
			}
		}
		if tail[0] != tail0[0] || tail[1] != tail0[1] {
			t.Fatalf("n %d length %d: wrote past y", n, c.length)
		}
	}
}

func TestScatterActiveRowsAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	const pad = -7.5
	for _, c := range activeRowsCases(rng) {
		n := len(c.x)
		a := paddedRows(rng, n, c.lda, c.length, pad)
		y := randSlice(rng, c.length)
		want := make([]float64, len(a))
		for p, v := range a {
			want[p] = float64(v)
		}
		for i, v := range c.x {
			if v != 0 {
				for j := range c.length {
					want[i*c.lda+j] += float64(v) * float64(y[j])
				}
			}
		}
		ScatterActiveRows(c.x, y, c.length, a, c.lda)
		for p := range a {
			if p%c.lda >= c.length {
				if a[p] != pad {
					t.Fatalf("n %d length %d lda %d: padding a[%d] = %v", n, c.length, c.lda, p, a[p])
				}
				continue
			}
			// One product and one sum, each rounded once.
			if d := math.Abs(float64(a[p]) - want[p]); !(d <= 0x1p-23*(math.Abs(want[p])+2)) {
				t.Fatalf("n %d length %d lda %d: a[%d] = %v, want %v", n, c.length, c.lda, p, a[p], want[p])
			}
		}
	}
}

// lifCase is a batch of currents for the recurrence.
type lifCase struct {
	rows, steps, n      int
	beta, thresh, alpha float32
	cur, ds             []float32
}

func lifCases(rng *rand.Rand) []lifCase {
	var cases []lifCase
	for _, rows := range []int{1, 3} {
		for _, steps := range []int{1, 2, 9} {
			for _, n := range []int{1, 3, 4, 6, 13} {
				size := rows * steps * n
				c := lifCase{rows: rows, steps: steps, n: n,
					beta: float32(rng.Float64()), thresh: float32(0.1 + rng.Float64()*2), alpha: float32(0.5 + rng.Float64()*5),
					cur: make([]float32, size), ds: randSlice(rng, size)}
				for k := range c.cur {
					c.cur[k] = float32(rng.Float64()*3 - 1)
				}
				cases = append(cases, c)
			}
		}
	}
	return cases
}

// lifAmbiguous is how close to the threshold a membrane may be for float32
// and float64 to disagree on whether it spiked: far more than their
// difference after a few steps.
const lifAmbiguous = 1e-4

func TestLIFForwardBackwardAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(65, 66))
	const sentinel = -9.25
	for _, c := range lifCases(rng) {
		size := c.rows * c.steps * c.n
		h, s, g := filled(size+3, sentinel), filled(size+3, sentinel), filled(size+3, sentinel)
		LIFForward(c.rows, c.steps, c.n, c.beta, c.thresh, c.cur, h, s)
		LIFBackward(c.rows, c.steps, c.n, c.beta, c.thresh, c.alpha, h, c.ds, g)
		for _, buf := range [][]float32{h, s, g} {
			if buf[size] != sentinel || buf[size+2] != sentinel {
				t.Fatalf("rows %d steps %d n %d: wrote past the output", c.rows, c.steps, c.n)
			}
		}
		// The reference in float64, neuron by neuron. Where a membrane is
		// within lifAmbiguous of θ, it follows the kernel's spike.
		beta, th, alpha := float64(c.beta), float64(c.thresh), float64(c.alpha)
		for r := range c.rows {
			for j := range c.n {
				at := func(t int) int { return (r*c.steps+t)*c.n + j }
				h64 := make([]float64, c.steps)
				spike := make([]bool, c.steps)
				var v float64
				for tt := range c.steps {
					k := at(tt)
					h64[tt] = beta*v + float64(c.cur[k])
					spike[tt] = h64[tt] > th
					if math.Abs(h64[tt]-th) < lifAmbiguous {
						spike[tt] = s[k] == 1
					}
					v = h64[tt]
					if spike[tt] {
						v = 0
					}
					if d := math.Abs(float64(h[k]) - h64[tt]); !(d <= 1e-5*(1+math.Abs(h64[tt]))) {
						t.Fatalf("rows %d steps %d n %d: h[%d] = %v, want %v", c.rows, c.steps, c.n, k, h[k], h64[tt])
					}
					if want := map[bool]float32{true: 1, false: 0}[spike[tt]]; s[k] != want {
						t.Fatalf("rows %d steps %d n %d: s[%d] = %v, want %v (h %v, θ %v)", c.rows, c.steps, c.n, k, s[k], want, h[k], c.thresh)
					}
				}
				var next float64
				for tt := c.steps - 1; tt >= 0; tt-- {
					k := at(tt)
					a := math.Pi / 2 * alpha * (h64[tt] - th)
					gh := float64(c.ds[k]) * alpha / 2 / (1 + a*a)
					if !spike[tt] {
						gh += beta * next
					}
					next = gh
					if d := math.Abs(float64(g[k]) - gh); !(d <= 1e-4*(1+math.Abs(gh))) {
						t.Fatalf("rows %d steps %d n %d: g[%d] = %v, want %v", c.rows, c.steps, c.n, k, g[k], gh)
					}
				}
			}
		}
	}
}

func TestSpikingKernelsRefuseShortOperands(t *testing.T) {
	mustPanic := func(name string, f func()) {
		t.Helper()
		if _, err := panicOf(f); err == nil {
			t.Errorf("%s did not panic", name)
		}
	}
	x := []float32{0, 0, 1}
	mustPanic("gather, short a", func() { GatherActiveRows(x, make([]float32, 3*4-1), 4, 4, make([]float32, 4)) })
	mustPanic("gather, short y", func() { GatherActiveRows(x, make([]float32, 3*4), 4, 4, make([]float32, 3)) })
	mustPanic("gather, lda < length", func() { GatherActiveRows(x, make([]float32, 12), 3, 4, make([]float32, 4)) })
	mustPanic("scatter, short a", func() { ScatterActiveRows(x, make([]float32, 4), 4, make([]float32, 11), 4) })
	mustPanic("LIFForward, short s", func() {
		LIFForward(2, 3, 4, 0.5, 1, make([]float32, 24), make([]float32, 24), make([]float32, 23))
	})
	mustPanic("LIFBackward, short g", func() {
		LIFBackward(2, 3, 4, 0.5, 1, 5, make([]float32, 24), make([]float32, 24), make([]float32, 23))
	})
	mustPanic("LIFForward, negative", func() { LIFForward(-1, 3, 4, 0.5, 1, nil, nil, nil) })
}
