//go:build !js

package session

import "testing"

// The spiking presets do what their summaries say, trained as the page
// trains them (one schedule period): the learned-delay preset solves the
// interval task, the no-delay one stays near chance, and fixed random
// delays land between, at the presets' weight seed 3 (on other seeds fixed
// delays may solve it too or stay near chance; nn's claims test gives the
// numbers over seeds). Numbers are printed; nothing is timed.
func TestClaimSpikingPresets(t *testing.T) {
	acc := map[string]float32{}
	for _, id := range []string{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays", "sequence-learned-delays"} {
		spec := presetSpec(t, id)
		sess := newSession(t, spec)
		sess.Step(spec.Schedule.Period)
		m := sess.Metrics()
		acc[id] = m.TestAcc
		t.Logf("%s: after %d steps, test accuracy %.3f (train %.3f)", id, m.Step, m.TestAcc, m.TrainAcc)
	}
	if a := acc["interval-learned-delays"]; a < 0.9 {
		t.Errorf("learned delays reach %.3f test accuracy, want at least 0.9", a)
	}
	if a := acc["interval-no-delays"]; a > 0.35 {
		t.Errorf("no delays reach %.3f test accuracy, want at most 0.35", a)
	}
	if f := acc["interval-fixed-delays"]; f <= acc["interval-no-delays"] || f >= acc["interval-learned-delays"] {
		t.Errorf("fixed random delays %.3f are not between none %.3f and learned %.3f", f, acc["interval-no-delays"], acc["interval-learned-delays"])
	}
	if a := acc["sequence-learned-delays"]; a < 0.75 {
		t.Errorf("learned delays reach %.3f on the sequence task, want at least 0.75", a)
	}
}
