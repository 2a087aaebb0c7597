//go:build browser

package e2e

import "testing"

// The page picks the SIMD kernels in Chromium, and a hand-edited
// ?kernels= value it does not know is ignored rather than keeping the page
// from starting. (The whole suite checks the body on every page it opens;
// make test-browser runs the core tests again with ?kernels=scalar.)
func TestUnknownKernelsParameterIsIgnored(t *testing.T) {
	if wantKernels() != "simd" {
		t.Skip("this run forces a kernel body")
	}
	p := openPage(t)
	tab := newTab(t, p.browser)
	s := open(t, tab, p.base+"/?kernels=avx512#"+p.opened.Hash)
	if s.Error != "" {
		t.Fatalf("page with ?kernels=avx512 shows %q", s.Error)
	}
	trained := call(t, tab, `window.playground.step(50)`)
	if trained.Step < 50 {
		t.Fatalf("after step(50): step %d", trained.Step)
	}
}
