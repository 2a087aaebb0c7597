//go:build !js

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// The activations and row softmaxes of wat/activation_{simd,scalar}.wasm
// against float64 references. The Go bodies evaluate these functions in
// float64 and round once; the wasm bodies evaluate them in float32 with
// range reductions and polynomials (see the top of activation_simd.wat),
// so the tolerances below are stated in float32 ulps, with the reason for
// each, and TestWasmActivationErrors logs the measured maxima.

const ulp32 = 0x1p-23 // float32 epsilon: the ulp of 1

// wasmActivation is one body's activation pair with the Go API.
type wasmActivation struct {
	forward  func(y, x []float32)
	backward func(dx, x, y, dy []float32)
}

func (w *wasmBody) activation(name string, viaStub bool) wasmActivation {
	fw, bw := w.kernel(name, viaStub), w.kernel(name+"_backward", viaStub)
	return wasmActivation{
		forward: func(y, x []float32) {
			w.invoke(fw, func(p []uint64) []uint64 { return []uint64{i32(len(x)), p[0], p[1]} }, out(y), in(x))
		},
		backward: func(dx, x, y, dy []float32) {
			w.invoke(bw, func(p []uint64) []uint64 { return []uint64{i32(len(x)), p[0], p[1], p[2], p[3]} },
				out(dx), in(x), in(y), in(dy))
		},
	}
}

// softmax adapts softmax_rows (log = false) or log_softmax_rows.
func (w *wasmBody) softmax(log, viaStub bool) func(rows, cols int, x []float32) {
	name := "softmax_rows"
	if log {
		name = "log_softmax_rows"
	}
	f := w.kernel(name, viaStub)
	return func(rows, cols int, x []float32) {
		w.invoke(f, func(p []uint64) []uint64 { return []uint64{i32(rows), i32(cols), p[0]} }, out(x))
	}
}

func sigmoid64pos(u float64) float64 {
	// 1/(1+e^-u) without overflow for either sign
	if u >= 0 {
		return 1 / (1 + math.Exp(-u))
	}
	e := math.Exp(u)
	return e / (1 + e)
}

// geluW is 2u = 2·sqrt(2/pi)(x + 0.044715x³), so GELU(x) = x·sigmoid(2u):
// 0.5(1 + tanh u) is sigmoid(2u), and this form keeps the float64
// reference itself accurate where 1 + tanh u cancels (for x < -5 the
// literal formula of activation.go loses every digit in float64, and is 0
// below -7.2 where the true value is -2e-16).
func geluW(u float64) float64 { return 2 * geluC * (u + geluA*u*u*u) }

// wasmActivationCase is an activation with its float64 references and
// tolerances: fwdUlps is the allowed error of y in ulps of y; bwdAbs is
// the allowed error of dx in units of ulp32·|dy| (derivatives cross zero,
// so their error is absolute), plus bwdUlps ulps of dx.
type wasmActivationCase struct {
	name    string
	ref     func(float64) float64
	deriv   func(x, y float64) float64 // f' from x and the float32 output y
	fwdUlps float64
	bwdUlps float64
	bwdAbs  float64
}

var wasmActivationCases = []wasmActivationCase{
	// ReLU is exact.
	{"relu", func(u float64) float64 { return math.Max(u, 0) },
		func(u, _ float64) float64 {
			if u > 0 {
				return 1
			}
			return 0
		}, 0, 0, 0},
	// tanh: 1.3 ulp measured (the polynomial below 0.625, exp and a
	// division above). The backward uses y: dy(1 - y²) has three
	// roundings, and 1 - y² cancels near |y| = 1, costing ulp32·|dy|.
	{"tanh", math.Tanh, func(_, y float64) float64 { return 1 - y*y }, 3, 3, 1},
	// sigmoid: 2.2 ulp measured (exp, one division); backward from y as
	// dy·y·(1-y), where 1-y loses ulp32 near y = 1.
	{"sigmoid", sigmoid64pos, func(_, y float64) float64 { return y * (1 - y) }, 4, 3, 1},
	// GELU: x·sigmoid(2u), with 2u and exp's reduction in float64 (in
	// float32 the argument's rounding would cost |2u| ulps): 2.9 ulp
	// measured for |x| <= 3, 5.8 where sigmoid(2u) nears the subnormals
	// (x < -9.9; the absolute floor covers those). The derivative
	// s(1 + 2c·x(1-s)(1+3a·x²)) crosses zero near x = -0.75: 4 ulp32·|dy|
	// absolute (measured 0.23e-6·|dy|, 2 ulp32).
	{"gelu", func(u float64) float64 { return u * sigmoid64pos(geluW(u)) },
		func(u, _ float64) float64 {
			w := geluW(u)
			return sigmoid64pos(w) * (1 + 2*geluC*u*sigmoid64pos(-w)*(1+3*geluA*u*u))
		}, 4, 4, 4},
	// SiLU: x·sigmoid(x): 2.9 ulp measured; s(1 + x(1-s)) crosses zero
	// near x = -1.28: absolute.
	{"silu", func(u float64) float64 { return u * sigmoid64pos(u) },
		func(u, _ float64) float64 { s := sigmoid64pos(u); return s * (1 + u*sigmoid64pos(-u)) }, 4, 4, 4},
	// sine: 1.5 ulp below |x| = 12, 2.3 below 100; the reduction's error
	// grows with |x| but stays under ulp32 absolute up to 1e4 (measured
	// 7.1e-8), which near the zeros of sin is many ulps of the result: an
	// absolute ulp32·min(1, |x|/100) in fwdTol, and 2 ulp32·|dy| for cos.
	{"sine", math.Sin, func(u, _ float64) float64 { return math.Cos(u) }, 3, 3, 2},
}

// activationTestInputs spans the working range, the branch points of the
// approximations and the extremes the task names.
func activationTestInputs(rng *rand.Rand, n int, sine bool) []float32 {
	x := make([]float32, 0, n+64)
	for range n {
		x = append(x, float32(rng.Float64()*24-12))
	}
	special := []float32{0, 1e-8, 1e-3, 0.1, 0.5, 0.624, 0.625, 0.626, 1, 2, 3, 5, 8, 9, 10, 16, 17, 20, 30, 40, 60,
		80, 87, 88, 88.7, 89, 90, 100, 103, 104, 110, 1000, 1e4}
	if !sine {
		special = append(special, 1e20, float32(math.Inf(1)))
	}
	for _, v := range special {
		x = append(x, v, -v)
	}
	return x
}

// forward tolerance of case c at x in absolute terms.
func (c wasmActivationCase) fwdTol(u, want float64) float64 {
	tol := c.fwdUlps * ulp32 * math.Abs(want)
	if c.name == "sine" {
		tol += ulp32 * min(1, math.Abs(u)/100) // the reduction's absolute error
	}
	// Results in the subnormal range keep fewer bits.
	return tol + 0x1p-140
}

func (c wasmActivationCase) bwdTol(d, dy float64) float64 {
	return c.bwdUlps*ulp32*math.Abs(d*dy) + c.bwdAbs*ulp32*math.Abs(dy) + 0x1p-140
}

// forEachWasmBody runs check on every wasm body, called directly and
// through the stub.
func forEachWasmBody(t *testing.T, check func(t *testing.T, w *wasmBody, viaStub bool)) {
	for _, body := range wasmBodies {
		for _, viaStub := range []bool{false, true} {
			name := body
			if viaStub {
				name += "/stub"
			}
			t.Run(name, func(t *testing.T) { check(t, newWasmBody(t, body), viaStub) })
		}
	}
}

func TestWasmActivationsAgainstReference(t *testing.T) {
	forEachWasmBody(t, func(t *testing.T, w *wasmBody, viaStub bool) {
		for _, c := range wasmActivationCases {
			t.Run(c.name, func(t *testing.T) {
				rng := rand.New(rand.NewPCG(7, 8))
				act := w.activation(c.name, viaStub)
				all := activationTestInputs(rng, 1023, c.name == "sine")
				for _, n := range append(append([]int(nil), vecLengths...), len(all)) {
					// Operands at an offset inside padded buffers.
					off := n % 3
					x := padded(all[len(all)-n:], off)
					y := padded(make([]float32, n), off+1)
					act.forward(y[off+1:off+1+n], x[off:off+n])
					checkPadding(t, c.name, y, off+1, n)
					for i, v := range x[off : off+n] {
						u := float64(v)
						want := c.ref(u)
						got := y[off+1+i]
						if math.IsNaN(want) {
							continue // ±Inf where the function is undefined (GELU, SiLU at -Inf, sine)
						}
						if float64(got) != want && !closeTo(got, want, 0, c.fwdTol(u, want)) {
							t.Fatalf("%s(%v) n=%d = %v, want %v", c.name, v, n, got, want)
						}
					}

					yv := y[off+1 : off+1+n]
					dy := padded(randSlice(rng, n), off+2)
					dx := padded(make([]float32, n), 1)
					act.backward(dx[1:1+n], x[off:off+n], yv, dy[off+2:off+2+n])
					checkPadding(t, c.name+"_backward", dx, 1, n)
					for i, v := range x[off : off+n] {
						u, d := float64(v), c.deriv(float64(v), float64(yv[i]))
						g := float64(dy[off+2+i])
						if math.IsNaN(d) {
							continue
						}
						if got, want := dx[1+i], g*d; float64(got) != want && !closeTo(got, want, 0, c.bwdTol(d, g)) {
							t.Fatalf("%s_backward at %v n=%d: %v, want %v (dy %v)", c.name, u, n, got, want, g)
						}
					}

					// In place: y may be x, dx may be dy; same results.
					xc := append([]float32(nil), x[off:off+n]...)
					act.forward(xc, xc)
					for i := range xc {
						if !sameFloat(xc[i], yv[i]) {
							t.Fatalf("%s in place n=%d differs at %d: %v, %v", c.name, n, i, xc[i], yv[i])
						}
					}
					dyc := append([]float32(nil), dy[off+2:off+2+n]...)
					act.backward(dyc, x[off:off+n], yv, dyc)
					for i := range dyc {
						if !sameFloat(dyc[i], dx[1+i]) {
							t.Fatalf("%s_backward in place n=%d differs at %d", c.name, n, i)
						}
					}
				}
			})
		}
	})
}

// padded returns s placed at off in a buffer with NaN padding on both
// sides (3 floats after it).
func padded(s []float32, off int) []float32 {
	buf := make([]float32, off+len(s)+3)
	for i := range buf {
		buf[i] = float32(math.NaN())
	}
	copy(buf[off:], s)
	return buf
}

// checkPadding fails if anything outside buf[off:off+n] is not NaN.
func checkPadding(t *testing.T, what string, buf []float32, off, n int) {
	t.Helper()
	for i, v := range buf {
		if (i < off || i >= off+n) && !isNaN(v) {
			t.Fatalf("%s wrote padding at %d (operand at %d, length %d)", what, i, off, n)
		}
	}
}

func sameFloat(a, b float32) bool { return a == b || (isNaN(a) && isNaN(b)) }

// TestWasmActivationSpecialValues: NaN in gives NaN out in every forward
// and every derivative fed the NaN (ReLUBackward, as the Go body, passes
// 0 where x is NaN, since NaN > 0 is false); saturation is clean: tanh
// is exactly ±1 and sigmoid exactly 1 from moderate |x| on, sigmoid is
// exactly 0 far out, and nothing between is NaN or Inf; ±0 keep their
// sign where the Go bodies do; ±Inf give the Go bodies' results where
// those are defined.
func TestWasmActivationSpecialValues(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	forEachWasmBody(t, func(t *testing.T, w *wasmBody, viaStub bool) {
		for _, c := range wasmActivationCases {
			act := w.activation(c.name, viaStub)
			for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9} {
				for at := range n {
					x := make([]float32, n)
					for i := range x {
						x[i] = float32(i) - 2.5
					}
					x[at] = nan
					y := make([]float32, n)
					act.forward(y, x)
					if !isNaN(y[at]) {
						t.Fatalf("%s: NaN at %d of %d became %v", c.name, at, n, y[at])
					}
					for i := range n {
						if i != at && isNaN(y[i]) {
							t.Fatalf("%s: NaN at %d of %d spread to %d", c.name, at, n, i)
						}
					}
					dy := make([]float32, n)
					for i := range dy {
						dy[i] = 1
					}
					dx := make([]float32, n)
					act.backward(dx, x, y, dy)
					if want := c.name != "relu"; isNaN(dx[at]) != want {
						t.Fatalf("%s_backward: NaN x (and y) at %d of %d gave %v", c.name, at, n, dx[at])
					}
					// A NaN upstream gradient survives wherever f' is not 0.
					x[at] = 1
					act.forward(y, x)
					dy[at] = nan
					act.backward(dx, x, y, dy)
					if !isNaN(dx[at]) {
						t.Fatalf("%s_backward: NaN dy at %d of %d gave %v", c.name, at, n, dx[at])
					}
				}
			}
		}

		tanh, sig := w.activation("tanh", viaStub), w.activation("sigmoid", viaStub)
		var x []float32
		for v := float32(-200); v <= 200; v += 0.125 {
			x = append(x, v)
		}
		x = append(x, 1e4, -1e4, 1e20, -1e20, inf, -inf)
		yt, ys := make([]float32, len(x)), make([]float32, len(x))
		tanh.forward(yt, x)
		sig.forward(ys, x)
		for i, v := range x {
			if isNaN(yt[i]) || yt[i] < -1 || yt[i] > 1 || isNaN(ys[i]) || ys[i] < 0 || ys[i] > 1 {
				t.Fatalf("tanh, sigmoid(%v) = %v, %v", v, yt[i], ys[i])
			}
			if a := math.Abs(float64(v)); a >= 9.1 && float64(yt[i]) != math.Copysign(1, float64(v)) {
				t.Fatalf("tanh(%v) = %v, want exactly ±1", v, yt[i])
			}
			if v >= 17 && ys[i] != 1 {
				t.Fatalf("sigmoid(%v) = %v, want exactly 1", v, ys[i])
			}
			if v <= -104 && ys[i] != 0 {
				t.Fatalf("sigmoid(%v) = %v, want exactly 0", v, ys[i])
			}
		}

		// Signed zeros and infinities, as the Go bodies give them.
		inputs := []float32{0, float32(math.Copysign(0, -1)), inf, -inf}
		for _, c := range activationCases {
			name := map[string]string{"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "GELU": "gelu", "SiLU": "silu", "Sine": "sine"}[c.name]
			act := w.activation(name, viaStub)
			want, got := make([]float32, len(inputs)), make([]float32, len(inputs))
			c.forward(want, inputs)
			act.forward(got, inputs)
			for i := range inputs {
				if !sameFloat(got[i], want[i]) || math.Signbit(float64(got[i])) != math.Signbit(float64(want[i])) && !isNaN(want[i]) {
					t.Fatalf("%s(%v) = %v, the Go body gives %v", name, inputs[i], got[i], want[i])
				}
			}
			dy := []float32{1, 1, 1, 1}
			c.backward(want, inputs, want, dy)
			act.backward(got, inputs, got, dy)
			for i := range inputs {
				if !isNaN(want[i]) && !sameFloat(got[i], want[i]) {
					t.Fatalf("%s_backward(%v) = %v, the Go body gives %v", name, inputs[i], got[i], want[i])
				}
			}
		}
	})
}

// TestWasmActivationBodiesAgree: the scalar body performs the SIMD body's
// float32 operations in the same order, so element-wise they agree bit
// for bit.
func TestWasmActivationBodiesAgree(t *testing.T) {
	simd, scalar := newWasmBody(t, "simd"), newWasmBody(t, "scalar")
	rng := rand.New(rand.NewPCG(21, 22))
	x := activationTestInputs(rng, 4000, false)
	for i := range 2000 {
		x = append(x, float32(math.Ldexp(rng.Float64()*2-1, i%40-20)))
	}
	for _, c := range wasmActivationCases {
		a, b := simd.activation(c.name, false), scalar.activation(c.name, false)
		ya, yb := make([]float32, len(x)), make([]float32, len(x))
		a.forward(ya, x)
		b.forward(yb, x)
		dy := randSlice(rng, len(x))
		da, db := make([]float32, len(x)), make([]float32, len(x))
		a.backward(da, x, ya, dy)
		b.backward(db, x, ya, dy)
		for i := range x {
			if math.Float32bits(ya[i]) != math.Float32bits(yb[i]) || math.Float32bits(da[i]) != math.Float32bits(db[i]) {
				t.Fatalf("%s at %v: SIMD %v, %v; scalar %v, %v", c.name, x[i], ya[i], da[i], yb[i], db[i])
			}
		}
	}
}

// TestWasmActivationErrors logs the largest errors against the float64
// references (run with -v; the numbers in the .wat headers come from it):
// ulps of the result where it is a normal float32, and for derivatives
// the absolute error per unit of dy.
func TestWasmActivationErrors(t *testing.T) {
	w := newWasmBody(t, "simd")
	ranges := [][2]float64{{-3, 3}, {-12, 12}, {-100, 100}, {-1e4, 1e4}}
	const n = 200000
	for _, c := range wasmActivationCases {
		act := w.activation(c.name, false)
		for _, r := range ranges {
			if r[1] > 100 && c.name != "sine" {
				continue
			}
			x := make([]float32, n)
			for i := range x {
				x[i] = float32(r[0] + (r[1]-r[0])*float64(i)/(n-1))
			}
			y, dx, dy := make([]float32, n), make([]float32, n), make([]float32, n)
			for i := range dy {
				dy[i] = 1
			}
			act.forward(y, x)
			act.backward(dx, x, y, dy)
			var maxUlps, maxAbs, maxFwdAbs, atU, atA float64
			for i, v := range x {
				u := float64(v)
				want := c.ref(u)
				maxFwdAbs = max(maxFwdAbs, math.Abs(float64(y[i])-want))
				if math.Abs(want) >= 0x1p-126 {
					if e := math.Abs(float64(y[i])-want) / ulpOf(want); e > maxUlps {
						maxUlps, atU = e, u
					}
				}
				if e := math.Abs(float64(dx[i]) - c.deriv(u, float64(y[i]))); e > maxAbs {
					maxAbs, atA = e, u
				}
			}
			t.Logf("%-8s |x| <= %-6g forward %6.2f ulp (at %.6g; %.2g absolute), backward %.3g·|dy| (at %.6g)",
				c.name, r[1], maxUlps, atU, maxFwdAbs, maxAbs, atA)
		}
	}
}

// TestWasmSoftmaxErrors logs the largest softmax errors in ulps and the
// largest log-softmax errors, absolute, for rows of logits in [-8, 8), of
// the SIMD body and, for comparison, of the Go body (whose x - max is
// rounded to float32 as well).
func TestWasmSoftmaxErrors(t *testing.T) {
	w := newWasmBody(t, "simd")
	bodies := map[string][2]func(rows, cols int, x []float32){
		"simd": {w.softmax(false, false), w.softmax(true, false)},
		"go":   {SoftmaxRows, LogSoftmaxRows},
	}
	for _, cols := range []int{8, 100} {
		for _, body := range []string{"simd", "go"} {
			softmax, logSoftmax := bodies[body][0], bodies[body][1]
			rng := rand.New(rand.NewPCG(23, 24))
			rows := 20000 / cols
			x := randSlice(rng, rows*cols)
			Scale(8, x)
			p, lp := append([]float32(nil), x...), append([]float32(nil), x...)
			softmax(rows, cols, p)
			logSoftmax(rows, cols, lp)
			var maxUlps, maxAbs float64
			for i := range rows {
				row := to64(x[i*cols : (i+1)*cols])
				lse := floats.LogSumExp(row)
				for j, v := range row {
					maxUlps = max(maxUlps, math.Abs(float64(p[i*cols+j])-math.Exp(v-lse))/ulpOf(math.Exp(v-lse)))
					maxAbs = max(maxAbs, math.Abs(float64(lp[i*cols+j])-(v-lse)))
				}
			}
			t.Logf("%-4s cols %3d: softmax %.2f ulp, log-softmax %.2g absolute", body, cols, maxUlps, maxAbs)
		}
	}
}

// ulpOf is the spacing of float32 values at |v| (v normal).
func ulpOf(v float64) float64 {
	_, e := math.Frexp(math.Abs(v))
	return math.Ldexp(1, e-24)
}

// TestWasmSoftmaxRows follows TestSoftmaxRowsAgainstGonum over more shapes,
// with padding around the block. softmax: exp (2 ulp) of x - max, which
// is rounded to float32 first as in the Go body (2^-24·|x - max| absolute,
// so as much relative after exp), the float32 row sum (cols roundings at
// most, relative), the reciprocal and the product: (6 + cols + |x - max|)
// ulps relative. log-softmax: x - (max + log sum): the subtraction
// and addition round at the magnitude of x and of the shift, plus the
// error of log sum, which is that of the sum: 2^-23 (|x| + |shift| + cols).
func TestWasmSoftmaxRows(t *testing.T) {
	forEachWasmBody(t, func(t *testing.T, w *wasmBody, viaStub bool) {
		softmax, logSoftmax := w.softmax(false, viaStub), w.softmax(true, viaStub)
		rng := rand.New(rand.NewPCG(9, 10))
		shapes := [][2]int{{1, 1}, {1, 2}, {3, 5}, {7, 10}, {16, 3}, {5, 4}, {4, 7}, {2, 8}, {3, 9}, {2, 64}, {3, 1023}, {1, 4099}}
		for _, sh := range shapes {
			rows, cols := sh[0], sh[1]
			for _, scale := range []float32{1, 8, 40} {
				x := randSlice(rng, rows*cols)
				Scale(scale, x)
				off := cols % 3
				p := padded(x, off)
				lp := padded(x, off+1)
				softmax(rows, cols, p[off:off+rows*cols])
				logSoftmax(rows, cols, lp[off+1:off+1+rows*cols])
				checkPadding(t, "softmax", p, off, rows*cols)
				checkPadding(t, "log-softmax", lp, off+1, rows*cols)
				for i := range rows {
					row := to64(x[i*cols : (i+1)*cols])
					lse := floats.LogSumExp(row)
					m := floats.Max(row)
					for j, v := range row {
						gotP, gotL := p[off+i*cols+j], lp[off+1+i*cols+j]
						if want := math.Exp(v - lse); !closeTo(gotP, want, (6+float64(cols)+math.Abs(v-m))*ulp32, 0x1p-140) {
							t.Fatalf("softmax %dx%d·%v [%d,%d] = %v, want %v", rows, cols, scale, i, j, gotP, want)
						}
						tol := ulp32 * (math.Abs(v) + math.Abs(lse) + math.Abs(m) + float64(cols))
						if want := v - lse; !closeTo(gotL, want, 0, tol) {
							t.Fatalf("log-softmax %dx%d·%v [%d,%d] = %v, want %v", rows, cols, scale, i, j, gotL, want)
						}
					}
				}
			}
		}
		softmax(0, 5, nil)
		logSoftmax(0, 5, nil)
		softmax(3, 0, nil)
		logSoftmax(3, 0, nil)
	})
}

// TestWasmSoftmaxSpecialValues follows TestSoftmaxBigLogits and adds the
// cases the Go bodies define: a probability that underflows is 0 and its
// log-probability finite; -Inf logits get probability 0 and log -Inf; a
// NaN or +Inf logit makes its row NaN (Go's max propagates NaN, and
// Inf - Inf is NaN) without touching other rows.
func TestWasmSoftmaxSpecialValues(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	forEachWasmBody(t, func(t *testing.T, w *wasmBody, viaStub bool) {
		softmax, logSoftmax := w.softmax(false, viaStub), w.softmax(true, viaStub)
		x := []float32{1000, -1000, 0, 88, 89, 90}
		p := append([]float32(nil), x...)
		softmax(2, 3, p)
		lp := append([]float32(nil), x...)
		logSoftmax(2, 3, lp)
		for i, v := range append(append([]float32(nil), p...), lp...) {
			if isNaN(v) || math.IsInf(float64(v), 0) {
				t.Fatalf("non-finite at %d: %v", i, v)
			}
		}
		if p[0] != 1 || p[1] != 0 {
			t.Fatalf("softmax of [1000 -1000 0] = %v", p[:3])
		}
		if lp[1] != -2000 || lp[0] != 0 {
			t.Fatalf("log-softmax of [1000 -1000 0] = %v, want [0 -2000 -1000]", lp[:3])
		}
		if s := p[3] + p[4] + p[5]; math.Abs(float64(s)-1) > 1e-6 {
			t.Fatalf("row sums to %v", s)
		}

		rows := [][]float32{
			{0, -200, 3, -1e30},          // underflowing probabilities
			{-inf, 2, -inf, 1},           // -Inf logits
			{1, nan, 2, 3},               // NaN
			{1, inf, 2, 3},               // +Inf
			{-inf, -inf, -inf, -inf},     // all -Inf: NaN, as in Go
			{1e30, -1e30, 3e38, -3e38},   // huge finite logits
			{5, 5, 5, 5},                 // ties
			{-1e-30, 1e-30, 0, 1e-45},    // tiny
			{0.5, 0.25, -0.25, -0.5},     // plain
			{88.7, -88.7, 103.9, -103.9}, // exp's range edges
		}
		for _, cols := range []int{4, 3, 1} {
			var flat []float32
			for _, r := range rows {
				flat = append(flat, r[:cols]...)
			}
			for _, log := range []bool{false, true} {
				want := append([]float32(nil), flat...)
				got := append([]float32(nil), flat...)
				if log {
					LogSoftmaxRows(len(rows), cols, want)
					logSoftmax(len(rows), cols, got)
				} else {
					SoftmaxRows(len(rows), cols, want)
					softmax(len(rows), cols, got)
				}
				for i := range got {
					g, w := got[i], want[i]
					ok := sameFloat(g, w) || closeTo(g, float64(w), 8*ulp32, 0x1p-140) ||
						log && closeTo(g, float64(w), 0, 2*ulp32*(1+math.Abs(float64(flat[i]))))
					if !ok {
						t.Fatalf("log=%v cols=%d: row %v [%d] = %v, the Go body gives %v", log, cols, rows[i/cols][:cols], i%cols, g, w)
					}
				}
			}
		}
	})
}
