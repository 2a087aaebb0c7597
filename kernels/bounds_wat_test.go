//go:build !js

package kernels

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKernelsStayInsideTheirOperands guards the contract between
// accel_js.go and the WebAssembly bodies: the hooks check that each slice
// holds the extent its shape spans, and hand over only its address, so a
// kernel that reads or writes one element past that extent (or before
// it) touches Go's heap unchecked. The value tests cannot see this: their
// padding ends three elements past an operand, and a stray read of
// padding shows only if it changes a result.
//
// So every kernel of both bodies runs here against a memory of one page,
// once per operand and placement, with that operand flush against the
// end of memory and then at address 0, and the others apart in the
// middle: a read or write past the end of the operand, or before its
// start (the address wraps around), traps. Operands of no extent sit at
// the end of memory, where any access traps. After each call every byte
// of memory outside the outputs must be as it was. The extents are
// computed from the shapes as accel_js.go computes what it checks, and
// the shapes are those it hands over.
func TestKernelsStayInsideTheirOperands(t *testing.T) {
	var cases []boundsCase
	cases = append(cases, gemmBoundsCases()...)
	cases = append(cases, vectorBoundsCases()...)
	cases = append(cases, rowBoundsCases()...)
	cases = append(cases, bsplineBoundsCases()...)
	cases = append(cases, lifBoundsCases()...)
	cases = append(cases, dclsBoundsCases()...)
	cases = append(cases, kanBasisBoundsCases()...)
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			r := newBoundsRig(t, body)
			for _, c := range cases {
				r.check(c)
				if r.failures >= 20 {
					t.Fatal("stopping after 20 failures")
				}
			}
			t.Logf("%d kernel calls", r.calls)
		})
	}
}

// operand is one pointer argument of a kernel: the number of floats the
// hook checks and hands over, and whether the kernel may write them.
type operand struct {
	name    string
	floats  int
	written bool
}

func input(name string, floats int) operand  { return operand{name, floats, false} }
func output(name string, floats int) operand { return operand{name, floats, true} }

// boundsCase is one kernel call: args turns the operands' addresses (in
// the order of operands) into the kernel's arguments.
type boundsCase struct {
	kernel   string
	shape    string
	operands []operand
	args     func(addr []uint32) []uint64
}

// blockExtent is accel_js.go's extent: the floats a rows x cols block
// with leading dimension ld spans.
func blockExtent(rows, cols, ld int) int {
	if rows <= 0 || cols <= 0 {
		return 0
	}
	return (rows-1)*ld + cols
}

// gemmBoundsCases covers the three products over small shapes, k < 1
// included (accelGemm hands those over with no A or B), with leading
// dimensions padded by 0 to 2, alpha 0 and 1 (0 hands over no A or B)
// and beta 0, 1 and 0.5 (the kernels' three paths for C).
func gemmBoundsCases() []boundsCase {
	var cases []boundsCase
	for _, form := range []string{"nn", "nt", "tn"} {
		for m := 1; m <= 9; m++ {
			for n := 1; n <= 10; n++ {
				for k := -1; k <= 9; k++ {
					// The operands as stored, as accelGemm reads them:
					// A m x k (TN: k x m), B k x n (NT: n x k).
					ar, ac, br, bc := m, k, k, n
					switch form {
					case "nt":
						br, bc = n, k
					case "tn":
						ar, ac = k, m
					}
					// Tight rows, then rows padded by 0 to 2 floats, the
					// padding of each operand varying with the shape.
					p := (m + n + k + 3) % 3
					for _, pad := range [][3]int{{0, 0, 0}, {p, (p + 1) % 3, (p + 2) % 3}} {
						lda, ldb, ldc := max(ac, 0)+pad[0], max(bc, 0)+pad[1], n+pad[2]
						for _, alpha := range []float32{0, 1} {
							for _, beta := range []float32{0, 1, 0.5} {
								na, nb := 0, 0
								if alpha != 0 && k > 0 {
									na, nb = blockExtent(ar, ac, lda), blockExtent(br, bc, ldb)
								}
								cases = append(cases, boundsCase{
									kernel: "gemm_" + form,
									shape:  fmt.Sprintf("m=%d n=%d k=%d lda=%d ldb=%d ldc=%d alpha=%g beta=%g", m, n, k, lda, ldb, ldc, alpha, beta),
									operands: []operand{
										input("a", na), input("b", nb), output("c", blockExtent(m, n, ldc)),
									},
									args: func(p []uint32) []uint64 {
										return []uint64{i32(m), i32(n), i32(k), f32(alpha), uint64(p[0]), i32(lda), uint64(p[1]), i32(ldb), f32(beta), uint64(p[2]), i32(ldc)}
									},
								})
							}
						}
					}
				}
			}
		}
	}
	return cases
}

// activationKernels are the element-wise activations by their kernel
// names; each has a forward and a _backward.
var activationKernels = []string{"relu", "tanh", "sigmoid", "gelu", "silu", "sine"}

// vectorBoundsCases covers the element-wise kernels from 1 element to
// past two passes of the widest unrolled loop (16 floats), so every
// vector loop and every remainder runs. Every operand spans n floats.
func vectorBoundsCases() []boundsCase {
	var cases []boundsCase
	for n := 1; n <= 40; n++ {
		add := func(kernel string, ops []operand, args func(p []uint32) []uint64) {
			cases = append(cases, boundsCase{kernel, fmt.Sprintf("n=%d", n), ops, args})
		}
		for _, kernel := range []string{"axpy", "axpy_sign"} {
			add(kernel, []operand{input("x", n), output("y", n)}, func(p []uint32) []uint64 {
				return []uint64{i32(n), f32(0.5), uint64(p[0]), uint64(p[1])}
			})
		}
		add("scale", []operand{output("x", n)}, func(p []uint32) []uint64 {
			return []uint64{i32(n), f32(0.5), uint64(p[0])}
		})
		add("dot", []operand{input("x", n), input("y", n)}, func(p []uint32) []uint64 {
			return []uint64{i32(n), uint64(p[0]), uint64(p[1])}
		})
		add("sum_abs", []operand{input("x", n)}, func(p []uint32) []uint64 {
			return []uint64{i32(n), uint64(p[0])}
		})
		add("adam_update", []operand{output("w", n), input("g", n), output("m", n), output("v", n)}, func(p []uint32) []uint64 {
			return []uint64{i32(n), uint64(p[0]), uint64(p[1]), uint64(p[2]), uint64(p[3]), f32(0.01), f32(0.9), f32(0.999), f32(1e-8), f32(10), f32(1000)}
		})
		for _, f := range activationKernels {
			add(f, []operand{output("y", n), input("x", n)}, func(p []uint32) []uint64 {
				return []uint64{i32(n), uint64(p[0]), uint64(p[1])}
			})
			add(f+"_backward", []operand{output("dx", n), input("x", n), input("y", n), input("dy", n)}, func(p []uint32) []uint64 {
				return []uint64{i32(n), uint64(p[0]), uint64(p[1]), uint64(p[2]), uint64(p[3])}
			})
		}
	}
	return cases
}

// rowBoundsCases covers the kernels over a rows x cols block: add_bias
// and sum_rows with leading dimensions padded by 0 to 2, the softmaxes
// over contiguous rows.
func rowBoundsCases() []boundsCase {
	var cases []boundsCase
	for rows := 1; rows <= 7; rows++ {
		for cols := 1; cols <= 19; cols++ {
			for pad := range 3 {
				ld := cols + pad
				shape := fmt.Sprintf("rows=%d cols=%d ld=%d", rows, cols, ld)
				cases = append(cases,
					boundsCase{"add_bias", shape, []operand{input("bias", cols), output("c", blockExtent(rows, cols, ld))}, func(p []uint32) []uint64 {
						return []uint64{i32(rows), i32(cols), uint64(p[0]), uint64(p[1]), i32(ld)}
					}},
					boundsCase{"sum_rows", shape, []operand{input("a", blockExtent(rows, cols, ld)), output("dst", cols)}, func(p []uint32) []uint64 {
						return []uint64{i32(rows), i32(cols), uint64(p[0]), i32(ld), uint64(p[1])}
					}},
				)
			}
			shape := fmt.Sprintf("rows=%d cols=%d", rows, cols)
			for _, kernel := range []string{"softmax_rows", "log_softmax_rows"} {
				cases = append(cases, boundsCase{kernel, shape, []operand{output("x", rows*cols)}, func(p []uint32) []uint64 {
					return []uint64{i32(rows), i32(cols), uint64(p[0])}
				}})
			}
		}
	}
	// Two negative sizes make a positive product, which once got past the
	// hooks' size cut-off. accel_js.go must keep them in Go; the kernels
	// must do nothing with them either (no extent: any access traps).
	for _, kernel := range []string{"add_bias", "sum_rows"} {
		cases = append(cases, boundsCase{kernel, "rows=-2 cols=-4 ld=0", []operand{input("first", 0), input("second", 0)}, func(p []uint32) []uint64 {
			return []uint64{i32(-2), i32(-4), uint64(p[0]), uint64(p[1]), i32(0)}
		}})
	}
	return cases
}

// boundsRig is one body instantiated against a memory of one page, small
// enough to compare whole after every call, and the bytes it is refilled
// with before each.
type boundsRig struct {
	t        *testing.T
	w        *wasmBody
	fill     []byte
	calls    int
	failures int
}

// boundsPages is the rig's memory: one page, 64 KiB.
const boundsPages = 1

// boundsGap is where the operands that are not placed at an edge start,
// apart from the edges and from each other, and misaligned.
const boundsGap = 4096

func newBoundsRig(t *testing.T, body string) *boundsRig {
	t.Helper()
	w := newWasmBodyPages(t, body, boundsPages)
	// Bytes below 64 make every float a small positive number: no NaN or
	// infinity sends a kernel down an unusual path.
	rng := rand.New(rand.NewPCG(9, 9))
	fill := make([]byte, w.mem.Size())
	for i := range fill {
		fill[i] = byte(rng.IntN(64))
	}
	return &boundsRig{t: t, w: w, fill: fill}
}

// check calls the kernel once per operand of nonzero extent and
// placement (against the end of memory, at address 0), or once when no
// operand has an extent.
func (r *boundsRig) check(c boundsCase) {
	called := false
	for target, op := range c.operands {
		if op.floats > 0 {
			r.call(c, target, false)
			r.call(c, target, true)
			called = true
		}
	}
	if !called {
		r.call(c, -1, false)
	}
}

// call places the operands, the target at address 0 (atStart) or flush
// against the end of memory (none when target is -1), runs the kernel and reports a trap or a
// change of memory outside the outputs.
func (r *boundsRig) call(c boundsCase, target int, atStart bool) {
	r.calls++
	size := r.w.mem.Size()
	var placed string
	switch {
	case target < 0:
		placed = "no operand of any extent"
	case atStart:
		placed = c.operands[target].name + " at address 0"
	default:
		placed = c.operands[target].name + " at the end of memory"
	}
	addr := make([]uint32, len(c.operands))
	next := uint32(boundsGap + 4)
	for i, op := range c.operands {
		n := uint32(4 * op.floats)
		switch {
		case op.floats == 0:
			addr[i] = size
		case i == target && atStart:
			addr[i] = 0
		case i == target:
			addr[i] = size - n
		default:
			addr[i] = next
			next += n + 64
		}
	}
	if !r.w.mem.Write(0, r.fill) {
		r.t.Fatal("filling the memory")
	}
	if _, err := r.w.fn(c.kernel).Call(r.w.ctx, c.args(addr)...); err != nil {
		r.failf("%s %s, %s: %v", c.kernel, c.shape, placed, err)
		return
	}
	// Every byte outside the outputs is unchanged: compare the gaps
	// between the written operands, in address order.
	type span struct{ from, to uint32 }
	var outputs []span
	for i, op := range c.operands {
		if op.written && op.floats > 0 {
			outputs = append(outputs, span{addr[i], addr[i] + uint32(4*op.floats)})
		}
	}
	slices.SortFunc(outputs, func(a, b span) int { return int(a.from) - int(b.from) })
	after, _ := r.w.mem.Read(0, size)
	from := uint32(0)
	for _, gap := range append(outputs, span{size, size}) {
		if i := firstDifference(r.fill[from:gap.from], after[from:gap.from]); i >= 0 {
			r.failf("%s %s, %s: wrote byte %d, outside its outputs", c.kernel, c.shape, placed, from+uint32(i))
			return
		}
		from = gap.to
	}
}

// firstDifference is the first index where a and b differ, or -1.
func firstDifference(a, b []byte) int {
	if bytes.Equal(a, b) {
		return -1
	}
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

func (r *boundsRig) failf(format string, args ...any) {
	r.t.Helper()
	r.failures++
	r.t.Errorf(format, args...)
}
