//go:build !js

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tetratelabs/wazero/api"
	"gonum.org/v1/gonum/blas/blas64"
)

// The vector kernels of wat/vector_{simd,scalar}.wasm against the same
// references as the Go bodies (gonum's float64 BLAS and sums), run through
// adapters with the Go API's signatures. Every check also runs on the Go
// body itself, so the two stay held to one standard.

// guardBits fills four words on either side of every operand copied into
// wasm memory: a NaN with a payload no kernel computes, so a write past
// either end of an operand is caught.
const guardBits = 0x7fa5a5a5

type wasmArg struct {
	s   []float32
	out bool
}

func in(s []float32) wasmArg  { return wasmArg{s, false} }
func out(s []float32) wasmArg { return wasmArg{s, true} }

// invoke calls the kernel f on operands copied into wasm memory. Each
// operand is copied whole up to its capacity, framed by guard words, at
// the unaligned addresses w.put hands out; operands that start at the same
// element share one copy, so in-place calls stay in place. args builds the
// call's arguments from the operands' addresses. Afterwards outputs are
// copied back up to their capacity (the callers' checks of padding see
// any stray write), and the test fails if a guard word or an input changed.
func (w *wasmBody) invoke(f api.Function, args func(p []uint64) []uint64, ops ...wasmArg) []uint64 {
	w.t.Helper()
	type copied struct {
		addr uint32
		s    []float32
		out  bool
	}
	var copies []*copied
	p := make([]uint64, len(ops))
	guard := math.Float32frombits(guardBits)
	for i, op := range ops {
		full := op.s[:cap(op.s)]
		var c *copied
		for _, o := range copies {
			if len(full) > 0 && len(o.s) > 0 && &o.s[0] == &full[0] {
				c = o
			}
		}
		if c == nil {
			buf := make([]float32, 0, len(full)+8)
			buf = append(buf, guard, guard, guard, guard)
			buf = append(buf, full...)
			buf = append(buf, guard, guard, guard, guard)
			c = &copied{addr: w.put(buf) + 16, s: full}
			copies = append(copies, c)
		}
		c.out = c.out || op.out
		p[i] = i32(int(c.addr))
	}
	name := f.Definition().Name()
	res := w.call(f, args(p)...)
	for _, c := range copies {
		got := make([]float32, len(c.s)+8)
		w.get(c.addr-16, got)
		for j := range 4 {
			if math.Float32bits(got[j]) != guardBits || math.Float32bits(got[len(got)-1-j]) != guardBits {
				w.t.Fatalf("%s wrote outside its operands", name)
			}
		}
		got = got[4 : len(got)-4]
		if c.out {
			copy(c.s, got)
			continue
		}
		for j := range got {
			if math.Float32bits(got[j]) != math.Float32bits(c.s[j]) {
				w.t.Fatalf("%s wrote its input at %d", name, j)
			}
		}
	}
	return res
}

// kernel finds name in the body's modules, or the stub's forwarder to it.
func (w *wasmBody) kernel(name string, viaStub bool) api.Function {
	if viaStub {
		return w.viaStub(name)
	}
	return w.fn(name)
}

// vectorBody is one body of the vector kernels with the Go API.
type vectorBody struct {
	name           string
	axpy, axpySign func(alpha float32, x, y []float32)
	scale          func(alpha float32, x []float32)
	dot            func(x, y []float32) float32
	sumAbs         func(x []float32) float32
	addBias        func(rows, cols int, bias, c []float32, ldc int)
	sumRows        func(rows, cols int, a []float32, lda int, dst []float32)
	adam           func(w, g, m, v []float32, lr, beta1, beta2, eps, corr1, corr2 float32)
}

var goVectorBody = vectorBody{"go", Axpy, AxpySign, Scale, Dot, SumAbs, AddBias, SumRows, AdamUpdate}

// vectorBody adapts the body's vector kernels, called directly or through
// the stub's table slots.
func (w *wasmBody) vectorBody(name string, viaStub bool) vectorBody {
	axpy, axpySign, scale := w.kernel("axpy", viaStub), w.kernel("axpy_sign", viaStub), w.kernel("scale", viaStub)
	dot, sumAbs := w.kernel("dot", viaStub), w.kernel("sum_abs", viaStub)
	addBias, sumRows := w.kernel("add_bias", viaStub), w.kernel("sum_rows", viaStub)
	adam := w.kernel("adam_update", viaStub)
	ax := func(f api.Function) func(alpha float32, x, y []float32) {
		return func(alpha float32, x, y []float32) {
			w.invoke(f, func(p []uint64) []uint64 { return []uint64{i32(len(x)), f32(alpha), p[0], p[1]} }, in(x), out(y))
		}
	}
	return vectorBody{
		name:     name,
		axpy:     ax(axpy),
		axpySign: ax(axpySign),
		scale: func(alpha float32, x []float32) {
			w.invoke(scale, func(p []uint64) []uint64 { return []uint64{i32(len(x)), f32(alpha), p[0]} }, out(x))
		},
		dot: func(x, y []float32) float32 {
			r := w.invoke(dot, func(p []uint64) []uint64 { return []uint64{i32(len(x)), p[0], p[1]} }, in(x), in(y))
			return api.DecodeF32(r[0])
		},
		sumAbs: func(x []float32) float32 {
			r := w.invoke(sumAbs, func(p []uint64) []uint64 { return []uint64{i32(len(x)), p[0]} }, in(x))
			return api.DecodeF32(r[0])
		},
		addBias: func(rows, cols int, bias, c []float32, ldc int) {
			w.invoke(addBias, func(p []uint64) []uint64 {
				return []uint64{i32(rows), i32(cols), p[0], p[1], i32(ldc)}
			}, in(bias), out(c))
		},
		sumRows: func(rows, cols int, a []float32, lda int, dst []float32) {
			w.invoke(sumRows, func(p []uint64) []uint64 {
				return []uint64{i32(rows), i32(cols), p[0], i32(lda), p[1]}
			}, in(a), out(dst))
		},
		adam: func(wt, g, m, v []float32, lr, beta1, beta2, eps, corr1, corr2 float32) {
			w.invoke(adam, func(p []uint64) []uint64 {
				return []uint64{i32(len(wt)), p[0], p[1], p[2], p[3],
					f32(lr), f32(beta1), f32(beta2), f32(eps), f32(corr1), f32(corr2)}
			}, out(wt), in(g), out(m), out(v))
		},
	}
}

// forEachVectorBody runs check on the Go body and on every wasm body,
// called directly and through the stub (which checks the slot wiring).
func forEachVectorBody(t *testing.T, check func(t *testing.T, b vectorBody)) {
	t.Run("go", func(t *testing.T) { check(t, goVectorBody) })
	for _, body := range wasmBodies {
		for _, viaStub := range []bool{false, true} {
			name := body
			if viaStub {
				name += "/stub"
			}
			t.Run(name, func(t *testing.T) {
				check(t, newWasmBody(t, body).vectorBody(name, viaStub))
			})
		}
	}
}

// vecLengthsWasm adds lengths around the 16-element blocks of the SIMD dot.
var vecLengthsWasm = append(append([]int(nil), vecLengths...), 6, 10, 11, 12, 13, 14, 18, 19, 20, 47, 48, 49, 4099)

// TestWasmVectorKernelsAgainstGonum follows TestVectorKernelsAgainstGonum,
// adding in-place calls and the wasm guards. Tolerances: an element-wise
// result is at most two float32 roundings from the float64 value (the
// product, then the sum), 2^-24 of each operand's magnitude; Scale is one
// rounding. Sums carry the (n+2)·2^-23 bound of the Go tests relative to
// the sum of |terms|, whatever the order the partial sums are added in.
func TestWasmVectorKernelsAgainstGonum(t *testing.T) {
	forEachVectorBody(t, func(t *testing.T, b vectorBody) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, n := range vecLengthsWasm {
			off := n % 3
			xb, yb := randSlice(rng, n+off+2), randSlice(rng, n+off+2)
			x, y := xb[off:off+n], yb[off:off+n]
			x64, y64 := to64(x), to64(y)
			tol := float64(n+2) * 0x1p-23

			absDot := blas64.Dot(vec(absAll(x64)), vec(absAll(y64)))
			if got, want := b.dot(x, y), blas64.Dot(vec(x64), vec(y64)); !closeTo(got, want, 0, tol*absDot+1e-30) {
				t.Fatalf("Dot n=%d: %v, want %v", n, got, want)
			}
			if got, want := b.dot(x, x), blas64.Dot(vec(x64), vec(x64)); !closeTo(got, want, tol, 1e-30) {
				t.Fatalf("Dot(x, x) n=%d: %v, want %v", n, got, want)
			}
			if got, want := b.sumAbs(x), blas64.Asum(vec(x64)); !closeTo(got, want, tol, 1e-30) {
				t.Fatalf("SumAbs n=%d: %v, want %v", n, got, want)
			}

			for _, alpha := range []float32{0, 1, -0.75, 3} {
				a := float64(alpha)
				yc := append([]float32(nil), yb...)
				want := append([]float64(nil), y64...)
				blas64.Axpy(a, vec(x64), vec(want))
				b.axpy(alpha, x, yc[off:off+n])
				for i := range want {
					if !closeTo(yc[off+i], want[i], 0, 1.01*0x1p-24*(math.Abs(y64[i])+2*math.Abs(a*x64[i]))) {
						t.Fatalf("Axpy n=%d alpha=%v [%d] = %v, want %v", n, alpha, i, yc[off+i], want[i])
					}
				}
				checkUntouched(t, "Axpy", yb, yc, off, n)

				// In place: x += alpha x.
				xc := append([]float32(nil), xb...)
				b.axpy(alpha, xc[off:off+n], xc[off:off+n])
				for i, v := range x64 {
					if !closeTo(xc[off+i], v+a*v, 0, 0x1p-24*(3*math.Abs(v*(1+math.Abs(a))))) {
						t.Fatalf("Axpy in place n=%d alpha=%v [%d] = %v, want %v", n, alpha, i, xc[off+i], v+a*v)
					}
				}
				checkUntouched(t, "Axpy in place", xb, xc, off, n)

				yc = append([]float32(nil), yb...)
				want = append([]float64(nil), y64...)
				for i, v := range x64 {
					want[i] += a * sign(v)
				}
				b.axpySign(alpha, x, yc[off:off+n])
				checkClose(t, "AxpySign", yc[off:off+n], want, 0x1p-24, 0x1p-24*math.Abs(a))
				checkUntouched(t, "AxpySign", yb, yc, off, n)

				xc = append([]float32(nil), xb...)
				b.axpySign(alpha, xc[off:off+n], xc[off:off+n])
				for i, v := range x64 {
					if w := v + a*sign(v); !closeTo(xc[off+i], w, 0x1p-24, 0x1p-24*math.Abs(a)) {
						t.Fatalf("AxpySign in place n=%d [%d] = %v, want %v", n, i, xc[off+i], w)
					}
				}

				xc = append([]float32(nil), xb...)
				want = append([]float64(nil), x64...)
				blas64.Scal(a, vec(want))
				b.scale(alpha, xc[off:off+n])
				checkClose(t, "Scale", xc[off:off+n], want, 0x1p-24, 0)
				checkUntouched(t, "Scale", xb, xc, off, n)
			}
		}
	})
}

// TestWasmVectorSpecialValues: NaN and Inf follow IEEE arithmetic as in
// the Go bodies (a NaN in x reaches y and every sum; AxpySign leaves y
// alone where x is NaN or zero, -0 included), and exact small-integer
// sums come out exact.
func TestWasmVectorSpecialValues(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	forEachVectorBody(t, func(t *testing.T, b vectorBody) {
		for _, n := range []int{1, 3, 4, 5, 8, 17, 33} {
			for _, at := range []int{0, n / 2, n - 1} {
				x := make([]float32, n)
				for i := range x {
					x[i] = float32(i%5) - 2
				}
				x[at] = nan
				y := make([]float32, n)
				b.axpy(0.5, x, y)
				if !isNaN(y[at]) {
					t.Fatalf("Axpy n=%d: NaN at %d became %v", n, at, y[at])
				}
				b.scale(2, y)
				if !isNaN(y[at]) {
					t.Fatalf("Scale n=%d: NaN at %d became %v", n, at, y[at])
				}
				if d := b.dot(x, x); !isNaN(d) {
					t.Fatalf("Dot n=%d with NaN at %d = %v", n, at, d)
				}
				if s := b.sumAbs(x); !isNaN(s) {
					t.Fatalf("SumAbs n=%d with NaN at %d = %v", n, at, s)
				}
				ones := make([]float32, n)
				for i := range ones {
					ones[i] = 1
				}
				x[at] = inf
				if d := b.dot(x, ones); d != inf {
					t.Fatalf("Dot n=%d with +Inf at %d = %v", n, at, d)
				}
				if s := b.sumAbs(x); s != inf {
					t.Fatalf("SumAbs n=%d with +Inf at %d = %v", n, at, s)
				}

				// sign(0) = 0 and sign(NaN) adds nothing: y keeps its bits.
				x[at] = nan
				y = make([]float32, n)
				for i := range y {
					y[i] = float32(math.Copysign(0, -1))
				}
				b.axpySign(0.25, x, y)
				for i, v := range x {
					want := float32(sign(float64(v))) * 0.25
					if v == 0 || isNaN(v) {
						if math.Float32bits(y[i]) != 1<<31 {
							t.Fatalf("AxpySign n=%d: x[%d] = %v changed y -0 to %v", n, i, v, y[i])
						}
					} else if y[i] != want {
						t.Fatalf("AxpySign n=%d [%d] = %v, want %v", n, i, y[i], want)
					}
				}
			}
		}
		x := []float32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
		y := []float32{19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
		if got := b.dot(x, y); got != 1330 {
			t.Fatalf("Dot of small integers = %v, want 1330", got)
		}
		if got := b.sumAbs([]float32{-1, 2, -3, 4, -5}); got != 15 {
			t.Fatalf("SumAbs of small integers = %v, want 15", got)
		}
		if got := b.dot(nil, nil); got != 0 || math.Signbit(float64(got)) {
			t.Fatalf("Dot(nil, nil) = %v", got)
		}
		if got := b.sumAbs(nil); got != 0 || math.Signbit(float64(got)) {
			t.Fatalf("SumAbs(nil) = %v", got)
		}
		// Length 0 touches nothing (the wasm guards check the operands).
		b.axpy(1, nil, nil)
		b.axpySign(1, nil, nil)
		b.scale(2, nil)
		b.addBias(0, 5, make([]float32, 5), nil, 5)
		b.addBias(3, 0, nil, make([]float32, 3), 1)
		b.sumRows(0, 3, nil, 3, make([]float32, 3))
		b.adam(nil, nil, nil, nil, 0.1, 0.9, 0.999, 1e-8, 1, 1)
	})
}

// TestWasmAddBiasAndSumRows follows TestAddBiasAndSumRows on more shapes
// (widths on either side of every multiple of 4), with NaN padding so a
// kernel that reads padding poisons its result.
func TestWasmAddBiasAndSumRows(t *testing.T) {
	forEachVectorBody(t, func(t *testing.T, b vectorBody) {
		shapes := [][2]int{{1, 1}, {1, 5}, {5, 1}, {3, 7}, {8, 8}, {17, 9}, {64, 10}, {2, 2}, {3, 3}, {4, 4}, {2, 6}, {7, 13}, {5, 16}, {3, 31}}
		checkAddBiasAndSumRows(t, b.addBias, b.sumRows, shapes, []float32{777, float32(math.NaN())})
	})
}

// TestWasmAdamUpdate follows TestAdamUpdateAgainstFormula (same
// tolerances: the kernel is the Go body's float32 operations in order,
// about five roundings of w's update) and adds NaN propagation.
func TestWasmAdamUpdate(t *testing.T) {
	forEachVectorBody(t, func(t *testing.T, b vectorBody) {
		rng := rand.New(rand.NewPCG(11, 12))
		const lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
		for _, n := range vecLengthsWasm {
			w, g, m, v := randSlice(rng, n), randSlice(rng, n), randSlice(rng, n), randSlice(rng, n)
			for i := range v {
				v[i] *= v[i]
			}
			for step := 1; step <= 3; step++ {
				c1 := 1 / (1 - math.Pow(b1, float64(step)))
				c2 := 1 / (1 - math.Pow(b2, float64(step)))
				// The kernel is handed float32 hyperparameters: the
				// reference uses exactly those (1-beta2 in float32 is
				// 1.3e-5 off 0.001, which shows where v is tiny).
				lr, b1, b2, eps, c1, c2 := r32(lr), r32(b1), r32(b2), r32(eps), r32(c1), r32(c2)
				wantW, wantM, wantV := make([]float64, n), make([]float64, n), make([]float64, n)
				update := make([]float64, n)
				for i := range n {
					gi := float64(g[i])
					wantM[i] = b1*float64(m[i]) + (1-b1)*gi
					wantV[i] = b2*float64(v[i]) + (1-b2)*gi*gi
					update[i] = lr * wantM[i] * c1 / (math.Sqrt(wantV[i]*c2) + eps)
					wantW[i] = float64(w[i]) - update[i]
				}
				b.adam(w, g, m, v, float32(lr), float32(b1), float32(b2), float32(eps), float32(c1), float32(c2))
				checkClose(t, "m", m, wantM, 1e-6, 1e-7)
				checkClose(t, "v", v, wantV, 1e-6, 1e-7)
				// The update carries about eight float32 roundings (m, v,
				// the products, the sqrt, the sum, the division); where v
				// is tiny it is large: bound it by 2^-21 of its size on
				// top of the Go test's tolerance.
				for i := range n {
					if !closeTo(w[i], wantW[i], 1e-6, 1e-6+0x1p-21*math.Abs(update[i])) {
						t.Fatalf("w n=%d step %d: [%d] = %v, want %v", n, step, i, w[i], wantW[i])
					}
				}
			}
		}
		for _, n := range []int{1, 5, 9} {
			w, g, m, v := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
			at := n - 1
			g[at] = float32(math.NaN())
			b.adam(w, g, m, v, 0.01, 0.9, 0.999, 1e-8, 10, 1000)
			if !isNaN(w[at]) || !isNaN(m[at]) || !isNaN(v[at]) {
				t.Fatalf("Adam n=%d: NaN gradient gave w, m, v = %v %v %v", n, w[at], m[at], v[at])
			}
			for i := range n - 1 {
				if w[i] != 0 || m[i] != 0 || v[i] != 0 {
					t.Fatalf("Adam n=%d: zero gradient moved element %d", n, i)
				}
			}
		}
	})
}

func isNaN(v float32) bool { return v != v }

// r32 rounds to float32 and back.
func r32(v float64) float64 { return float64(float32(v)) }
