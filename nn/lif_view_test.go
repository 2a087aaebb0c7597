package nn

import (
	"math/rand/v2"
	"testing"
)

func TestLIFViewAccessors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, mode := range []int{DelayNone, DelayFixed, DelayLearned} {
		l, err := NewLIF(3, 2, LIFConfig{Delays: mode, MaxDelay: 4, Tau: 2, Threshold: 0.7, Sharpness: 5, SharpenSteps: 10}, Glorot, rng)
		if err != nil {
			t.Fatal(err)
		}
		if l.Threshold() != 0.7 || l.DelayMode() != mode {
			t.Errorf("mode %d: threshold %g, mode %d", mode, l.Threshold(), l.DelayMode())
		}
		pos := l.Positions(nil)
		wantMax, wantLen := 4, 6
		if mode == DelayNone {
			wantMax, wantLen = 0, 0
		}
		if l.MaxDelay() != wantMax || len(pos) != wantLen {
			t.Errorf("mode %d: max delay %d, %d positions", mode, l.MaxDelay(), len(pos))
		}
		for _, p := range pos {
			if p < 0 || p > 4 {
				t.Errorf("mode %d: position %g outside 0..4", mode, p)
			}
		}
		if got := l.MembraneRow(nil, 0); len(got) != 0 {
			t.Errorf("mode %d: a membrane before any Forward: %v", mode, got)
		}
		// Two rows of 5 steps: row 1 spikes on input 0 at step 0.
		x := Matrix{Rows: 2, Cols: 5 * 3, Data: make([]float32, 2*5*3)}
		x.Data[5*3] = 1
		l.Forward(x)
		m0, m1 := l.MembraneRow(nil, 0), l.MembraneRow(nil, 1)
		if len(m0) != 5*2 || len(m1) != 5*2 {
			t.Fatalf("mode %d: membrane rows of %d and %d values", mode, len(m0), len(m1))
		}
		for _, v := range m0 {
			if v != 0 {
				t.Errorf("mode %d: a silent row's membrane moved: %v", mode, m0)
				break
			}
		}
		if len(l.MembraneRow(nil, 2)) != 0 || len(l.MembraneRow(nil, -1)) != 0 {
			t.Errorf("mode %d: rows outside the last Forward gave values", mode)
		}
	}
}
