//go:build !js

package kernels

import (
	"context"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// The assembled kernel modules are tested here, natively, by running the
// very .wasm files in wazero (which executes v128 code) against the same
// references as the Go bodies. A wasmBody instantiates one body's modules
// against a memory and a table of their own, exactly as the page does
// against Go's memory, and offers each kernel as a Go function with the
// Go API's signature: the arguments are copied into wasm memory, the
// kernel is called, and every output slice is copied back whole, so a
// write into padding is seen by the same checks that guard the Go bodies.

// kernelModules are the modules of one body, in slot order (see stub.wat).
var kernelModules = []string{"gemm", "vector", "activation", "bspline", "lif", "kanbasis"}

// wasmBodies are the bodies under test: SIMD128 and the scalar fallback.
var wasmBodies = []string{"simd", "scalar"}

type wasmBody struct {
	t    testing.TB
	ctx  context.Context
	mem  api.Memory
	mods []api.Module // kernel modules, then the stub
	next uint32       // bump allocator for argument copies
	skew uint32       // rotates the alignment of copies
}

// Pages of the test memory: 16 MiB, ample for the largest test operands.
const harnessPages = 256

// newWasmBody instantiates the stub and the kernel modules of body
// ("simd" or "scalar") in a fresh wazero runtime, against a memory of
// harnessPages.
func newWasmBody(t testing.TB, body string) *wasmBody {
	return newWasmBodyPages(t, body, harnessPages)
}

// newWasmBodyPages is newWasmBody with a memory of the given pages (64 KiB
// each). A module missing from wat/ fails the test: every body is whole.
func newWasmBodyPages(t testing.TB, body string, pages uint32) *wasmBody {
	t.Helper()
	ctx := context.Background()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2))
	t.Cleanup(func() { rt.Close(ctx) })
	instantiate := func(name string, bin []byte) api.Module {
		mod, err := rt.InstantiateWithConfig(ctx, bin, wazero.NewModuleConfig().WithName(name))
		if err != nil {
			t.Fatalf("instantiating %s: %v", name, err)
		}
		return mod
	}
	goMod := instantiate("go", hostModule(wasmSection(5, append([]byte{1, 0}, uleb128(pages)...)), wasmExport("mem", 2)))
	instantiate("env", hostModule(wasmSection(4, []byte{1, 0x70, 0, 64}), wasmExport("kernels", 1)))
	w := &wasmBody{t: t, ctx: ctx, mem: goMod.Memory(), next: 64}
	for _, m := range kernelModules {
		bin, err := os.ReadFile(filepath.Join("wat", m+"_"+body+".wasm"))
		if err != nil {
			t.Fatalf("%v: run scripts/assemble-kernels.sh", err)
		}
		w.mods = append(w.mods, instantiate(m+"_"+body, bin))
	}
	stub, err := os.ReadFile(filepath.Join("wat", "stub.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	w.mods = append(w.mods, instantiate("kernels", stub))
	return w
}

// uleb128 encodes v as the binary format's unsigned LEB128.
func uleb128(v uint32) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// hostModule assembles a module from its sections.
func hostModule(sections ...[]byte) []byte {
	m := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	for _, s := range sections {
		m = append(m, s...)
	}
	return m
}

// wasmSection frames a section's contents (shorter than 128 bytes).
func wasmSection(id byte, contents []byte) []byte {
	return append([]byte{id, byte(len(contents))}, contents...)
}

// wasmExport is an export section of one item of the given kind
// (1 table, 2 memory) at index 0.
func wasmExport(name string, kind byte) []byte {
	c := append([]byte{1, byte(len(name))}, name...)
	return wasmSection(7, append(c, kind, 0))
}

// fn finds an exported kernel in the body's own modules (not the stub).
func (w *wasmBody) fn(name string) api.Function {
	for _, m := range w.mods[:len(w.mods)-1] {
		if f := m.ExportedFunction(name); f != nil {
			return f
		}
	}
	w.t.Fatalf("no kernel module exports %s", name)
	return nil
}

// viaStub finds the stub's export of name: calling it goes through the
// shared table, as Go's calls do.
func (w *wasmBody) viaStub(name string) api.Function {
	f := w.mods[len(w.mods)-1].ExportedFunction(name)
	if f == nil {
		w.t.Fatalf("the stub does not export %s", name)
	}
	return f
}

// put copies x into wasm memory and returns its address. Successive
// copies start at addresses 4, 8 and 12 bytes past a multiple of 16 in
// turn, so kernels meet unaligned operands.
func (w *wasmBody) put(x []float32) uint32 {
	w.skew = (w.skew + 4) % 16
	addr := (w.next+15)&^15 + w.skew
	if uint64(addr)+4*uint64(len(x)) > uint64(w.mem.Size()) {
		w.t.Fatalf("test operands exceed the %d-byte harness memory", w.mem.Size())
	}
	buf := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
	}
	w.mem.Write(addr, buf)
	w.next = addr + uint32(len(buf)) + 16
	return addr
}

// get copies wasm memory at addr back into x.
func (w *wasmBody) get(addr uint32, x []float32) {
	buf, ok := w.mem.Read(addr, uint32(4*len(x)))
	if !ok {
		w.t.Fatalf("reading %d floats at %d: out of range", len(x), addr)
	}
	for i := range x {
		x[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
	}
}

// call runs f and resets the argument area for the next call.
func (w *wasmBody) call(f api.Function, args ...uint64) []uint64 {
	w.t.Helper()
	res, err := f.Call(w.ctx, args...)
	if err != nil {
		w.t.Fatalf("%s: %v", f.Definition().Name(), err)
	}
	w.next = 64
	return res
}

func i32(v int) uint64     { return uint64(uint32(int32(v))) }
func f32(v float32) uint64 { return api.EncodeF32(v) }

// gemm returns the body's kernel name (gemm_nn, gemm_nt or gemm_tn) as a
// gemmFunc, called through the stub when viaStub is set.
func (w *wasmBody) gemm(name string, viaStub bool) gemmFunc {
	f := w.fn(name)
	if viaStub {
		f = w.viaStub(name)
	}
	return func(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
		pa, pb, pc := w.put(a), w.put(b), w.put(c)
		w.call(f, i32(m), i32(n), i32(k), f32(alpha), i32(int(pa)), i32(lda), i32(int(pb)), i32(ldb), f32(beta), i32(int(pc)), i32(ldc))
		w.get(pc, c)
	}
}
