package session

import "testing"

// TestKANSelectPresetChoosesFourier runs the preset kan-select (one
// selectable KAN unit on sin πx + cos 2πy) from three seeds: before step
// kanSelectAt the unit still mixes, from it on it has chosen, and its
// choice is Fourier, the periodic target's basis, with the fit close. It
// prints the mixture at both points.
func TestKANSelectPresetChoosesFourier(t *testing.T) {
	for seed := uint32(1); seed <= 3; seed++ {
		spec := presetSpec(t, "kan-select")
		spec.Seed = seed
		s := newSession(t, spec)
		s.SetRunning(true)
		s.Step(kanSelectAt - 10)
		before := BasisMarks(nil, s.Network())[0][0]
		for s.Steps() < kanSelectAt+5 && s.Step(1) == 1 {
		}
		s.SetRunning(true) // L-BFGS may have converged: the choice starts it again
		s.Step(5)
		after := BasisMarks(nil, s.Network())[0][0]
		m := s.Metrics()
		t.Logf("seed %d: step %d %v; step %d %v, test RMSE %.3g", seed, kanSelectAt-10, before, m.Step, after, m.TestRMSE)
		if before.Decided {
			t.Errorf("seed %d: chose before step %d", seed, kanSelectAt)
		}
		if !after.Decided || after.Winner() != 3 || after.Weights[3] != 1 || after.Weights[0]+after.Weights[1]+after.Weights[2] > 1e-12 {
			t.Errorf("seed %d: after step %d the unit is %v, want Fourier chosen", seed, kanSelectAt, after)
		}
		if !(m.TestRMSE < 0.02) {
			t.Errorf("seed %d: test RMSE %g", seed, m.TestRMSE)
		}
	}
}
