//go:build browser

package e2e

import (
	"fmt"
	"strings"
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

// TestSpikeTaskFromThePanel picks the interval task in the panel: the
// layers become spiking, the controls for drawn examples stay and the
// features go, it trains, and its link opens the same experiment.
func TestSpikeTaskFromThePanel(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	shown := func(id string) bool { t.Helper(); return controlShown(t, tab, id) }
	setControl(t, tab, "#dataset", "interval")
	waitForHash(t, tab, "d=interval")
	for id, want := range map[string]bool{"classes": true, "points": true, "noise": true, "data-seed": true, "feature-x1": false, "brush": false} {
		if shown(id) != want {
			t.Errorf("interval: #%s shown %v, want %v", id, !want, want)
		}
	}
	s := call(t, tab, `window.playground.step(50)`)
	if s.Error != "" || s.TrainAcc == nil || !strings.Contains(s.Hash, "l=lif:") {
		t.Fatalf("interval from the panel: error %q, train accuracy %s, hash %q", s.Error, orNull(s.TrainAcc), s.Hash)
	}
	t.Logf("interval with the default widths: step %d, train accuracy %s", s.Step, orNull(s.TrainAcc))
	again := call(t, tab, fmt.Sprintf(`window.playground.load(%q)`, s.Hash))
	if again.Hash != s.Hash || again.Error != "" || again.Step != 0 {
		t.Errorf("loading its own link: hash %q, error %q, step %d", again.Hash, again.Error, again.Step)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "spiking-interval-panel")
}
