package session

import "testing"

// benchSurfaceRes is the page's picture resolution (surfaceRes in
// wasm/game.go).
const benchSurfaceRes = 50

// BenchmarkKANPreset times what the page does with a KAN preset trained by
// L-BFGS: one iteration after the grid schedule's updates (Step(1): a
// line search of about two to three forward and backward passes over 1000
// points) and one picture (Snapshot at the page's resolution, with
// the edge curves and importances), so a profile shows where an
// iteration's time goes. Under Node, make bench reads the iterations a
// second of kan-2551-expsin from it.
func BenchmarkKANPreset(b *testing.B) {
	for _, id := range []string{"kan-expsin", "kan-2551-expsin"} {
		spec := presetSpec(b, id)
		b.Run(id+"/iteration", func(b *testing.B) {
			s, err := New(spec)
			if err != nil {
				b.Fatal(err)
			}
			s.Step(kanGridStop)
			b.ResetTimer()
			for range b.N {
				s.Step(1)
			}
		})
		b.Run(id+"/picture", func(b *testing.B) {
			s, err := New(spec)
			if err != nil {
				b.Fatal(err)
			}
			s.Step(5)
			b.ResetTimer()
			for range b.N {
				s.Snapshot(benchSurfaceRes)
			}
		})
	}
}
