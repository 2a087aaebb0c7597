//go:build browser

package e2e

import (
	"fmt"
	"testing"
)

// TestSpikingPresetsTrain opens the spiking presets as the Papers panel
// would and trains them for their schedule's period: learned delays solve
// the interval task, no delays stay near chance. The screenshots show the
// network drawn over examples.
func TestSpikingPresetsTrain(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	for _, tc := range []struct {
		id   string
		good func(acc float64) bool
		what string
	}{
		{"interval-learned-delays", func(a float64) bool { return a >= 0.9 }, "test accuracy at least 90%"},
		{"interval-no-delays", func(a float64) bool { return a <= 0.35 }, "test accuracy at most 35%"},
	} {
		if msg := openPreset(t, tab, tc.id); msg != "" {
			t.Errorf("open(%q): %s", tc.id, msg)
			continue
		}
		opened := call(t, tab, `window.playground.pause()`)
		if want := presetHash(t, tc.id); opened.Hash != want || opened.Error != "" {
			t.Errorf("%s: hash %q (want %q), error %q", tc.id, opened.Hash, want, opened.Error)
			continue
		}
		const steps = 1400 // the presets' cosine period
		s := opened
		for s.Step < steps {
			s = call(t, tab, fmt.Sprintf(`window.playground.step(%d)`, steps/7))
			if s.Error != "" {
				t.Fatalf("%s: %s", tc.id, s.Error)
			}
		}
		t.Logf("%s: %d parameters; step %d: test loss %.4f, test acc %s", tc.id, s.Params, s.Step, loss(s.TestLoss), orNull(s.TestAcc))
		if s.TestAcc == nil || !tc.good(*s.TestAcc) {
			t.Errorf("%s: after %d steps test accuracy %s, want %s", tc.id, s.Step, orNull(s.TestAcc), tc.what)
		}
		waitForPicture(t, tab)
		screenshot(t, tab, "spiking-"+tc.id)
	}
}
