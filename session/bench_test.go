package session

import (
	"testing"

	"playground/kernels"
)

// benchSurfaceRes is the page's picture resolution (surfaceRes in
// wasm/game.go).
const benchSurfaceRes = 50

// BenchmarkKANPreset times what the page does with a KAN preset trained by
// L-BFGS: one iteration after the grid schedule's updates (Step(1): a
// line search of about two to three forward and backward passes over 1000
// points) and one picture (Snapshot at the page's resolution, with the
// edge curves and importances), so a profile shows where an iteration's
// time goes. Under Node, body=wasm uses the WebAssembly kernels (and the
// KAN layers' batched path) and body=go the Go bodies (and the
// point-by-point path), in the same run; make bench reports both.
func BenchmarkKANPreset(b *testing.B) {
	bodies := []string{"go"}
	if kernels.Accelerated() {
		bodies = []string{"wasm", "go"}
	}
	for _, id := range []string{"kan-expsin", "kan-2551-expsin"} {
		spec := presetSpec(b, id)
		for _, body := range bodies {
			run := func(name string, f func(s *Session)) {
				b.Run(id+"/"+name+"/body="+body, func(b *testing.B) {
					defer kernels.SetAccelerated(kernels.Accelerated())
					kernels.SetAccelerated(body == "wasm")
					s, err := New(spec)
					if err != nil {
						b.Fatal(err)
					}
					s.Step(kanGridStop)
					b.ResetTimer()
					for range b.N {
						f(s)
					}
					b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), name+"s/s")
				})
			}
			run("iteration", func(s *Session) { s.Step(1) })
			// A picture of the network as it is would come from the cache:
			// invalidate it, so each one is made in full, as after a step.
			run("picture", func(s *Session) { s.surface.invalidate(); s.Snapshot(benchSurfaceRes) })
		}
	}
}
