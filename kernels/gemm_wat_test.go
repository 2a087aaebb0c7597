//go:build !js

package kernels

import (
	"strings"
	"testing"
)

// The assembled matrix-product kernels (wat/gemm_simd.wasm and
// wat/gemm_scalar.wasm) meet exactly the checks the Go bodies meet: the
// tests in gemm_test.go run over every implementation gemmImpls lists.

// wasmGemmImpls adds each form of both WebAssembly bodies, called
// directly and through the stub: through the table, a form wired to the
// wrong slot reads its operands with the wrong shapes and fails.
func wasmGemmImpls(t *testing.T) []gemmImpl {
	var impls []gemmImpl
	for _, body := range wasmBodies {
		w := newWasmBody(t, body)
		for _, viaStub := range []bool{false, true} {
			for _, form := range gemmForms {
				name := body + "/" + form.name
				if viaStub {
					name = body + "/stub/" + form.name
				}
				f := w.gemm("gemm_"+strings.ToLower(form.name), viaStub)
				impls = append(impls, gemmImpl{name, f, form.tA, form.tB})
			}
		}
	}
	return impls
}
