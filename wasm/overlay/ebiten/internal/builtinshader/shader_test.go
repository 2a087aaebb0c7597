package builtinshader

import (
	"bytes"
	"testing"

	"playground/wasm/overlay"
)

// TestShaderSourceMatchesUpstream runs the upstream file's own template
// for every filter and address and compares its text with the
// replacement's, byte for byte.
func TestShaderSourceMatchesUpstream(t *testing.T) {
	upstream, err := overlay.ReadUpstream("internal/builtinshader/shader.go")
	if err != nil {
		t.Fatal(err)
	}
	for f := range Filter(FilterCount) {
		for a := range Address(AddressCount) {
			want, err := overlay.ExecuteShaderTemplate(upstream, map[string]any{
				"Filter": f, "FilterNearest": FilterNearest, "FilterLinear": FilterLinear, "FilterPixelated": FilterPixelated,
				"Address": a, "AddressUnsafe": AddressUnsafe, "AddressClampToZero": AddressClampToZero, "AddressRepeat": AddressRepeat,
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := ShaderSource(f, a); !bytes.Equal(got, want) {
				t.Errorf("filter %d, address %d:\n got %q\nwant %q", f, a, got, want)
			}
		}
	}
	if !bytes.Contains(upstream, []byte("const ClearShaderSource = `"+ClearShaderSource+"`")) {
		t.Error("ClearShaderSource differs from upstream's")
	}
}
