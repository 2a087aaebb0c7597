//go:build browser

package e2e

import (
	"fmt"
	"testing"
)

// TestLatencyPresetDrawsTheBoundary opens the latency-coded XOR preset
// and trains it: it reaches high test accuracy, and the heatmap is the
// plane's decision surface (the screenshot shows XOR's quadrants).
func TestLatencyPresetDrawsTheBoundary(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	const id = "xor-latency"
	if msg := openPreset(t, tab, id); msg != "" {
		t.Fatalf("open(%q): %s", id, msg)
	}
	s := call(t, tab, `window.playground.pause()`)
	if want := presetHash(t, id); s.Hash != want || s.Error != "" {
		t.Fatalf("hash %q (want %q), error %q", s.Hash, want, s.Error)
	}
	const steps = 1500
	for s.Step < steps {
		s = call(t, tab, fmt.Sprintf(`window.playground.step(%d)`, steps/5))
		if s.Error != "" {
			t.Fatal(s.Error)
		}
	}
	t.Logf("%s: %d parameters; step %d: test loss %.4f, test acc %s", id, s.Params, s.Step, loss(s.TestLoss), orNull(s.TestAcc))
	if s.TestAcc == nil || *s.TestAcc < 0.95 {
		t.Errorf("after %d steps test accuracy %s, want at least 95%%", s.Step, orNull(s.TestAcc))
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "spiketasks-xor-latency")
}

// TestTimingOptionsInTheLink sets the interval task's gaps and onsets and a
// plane set's latency code in the panel: each reaches the link, the link
// opens the same experiment, and the CSV upload is offered for points
// only.
func TestTimingOptionsInTheLink(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	shown := func(id string) bool { t.Helper(); return controlShown(t, tab, id) }
	if !shown("upload-csv") || shown("gap-first") {
		t.Errorf("circle: upload shown %v (want true), gap shown %v (want false)", shown("upload-csv"), shown("gap-first"))
	}
	setControl(t, tab, "#dataset", "interval")
	waitForHash(t, tab, "d=interval")
	if shown("upload-csv") || shown("latency") {
		t.Errorf("interval: upload shown %v, latency shown %v; want neither", shown("upload-csv"), shown("latency"))
	}
	setControl(t, tab, "#gap-first", "4")
	waitForHash(t, tab, "&gap=4")
	setControl(t, tab, "#gap-step", "5")
	waitForHash(t, tab, "&gapstep=5")
	setControl(t, tab, "#onsets", "6")
	waitForHash(t, tab, "&onsets=6")
	s := call(t, tab, `window.playground.step(20)`)
	if s.Error != "" {
		t.Fatalf("interval with its options: %s", s.Error)
	}
	again := call(t, tab, fmt.Sprintf(`window.playground.load(%q)`, s.Hash))
	if again.Hash != s.Hash || again.Error != "" || again.Step != 0 {
		t.Errorf("loading %q: hash %q, error %q, step %d", s.Hash, again.Hash, again.Error, again.Step)
	}

	setControl(t, tab, "#dataset", "xor")
	waitForHash(t, tab, "d=xor")
	setControl(t, tab, "#latency", "12")
	waitForHash(t, tab, "&lat=12")
	s = call(t, tab, `window.playground.step(20)`)
	if s.Error != "" {
		t.Fatalf("xor with a latency code: %s", s.Error)
	}
	again = call(t, tab, fmt.Sprintf(`window.playground.load(%q)`, s.Hash))
	if again.Hash != s.Hash || again.Error != "" {
		t.Errorf("loading %q: hash %q, error %q", s.Hash, again.Hash, again.Error)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "spiketasks-xor-latency-panel")
	// A hand-edited link out of bounds is refused with a message.
	bad := call(t, tab, `window.playground.load("v=2&d=interval&k=4&gap=999&l=lif:8:linear,lif:4:linear")`)
	if bad.Error == "" {
		t.Errorf("a link with gap=999 opened without a message: hash %q", bad.Hash)
	}
}
