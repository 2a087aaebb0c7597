//go:build browser

package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestKAN2551PresetTrains opens the KAN[2,5,5,1] preset (the issue's
// speed target: 30 L-BFGS iterations a second) and logs the iterations a
// second it reaches while the page draws, beside the same experiment with
// the old L-BFGS step as the baseline (kanRate; a measurement, not an
// assertion: the machine is shared), then steps the preset until its test
// RMSE falls below 0.05, a bound on steps.
func TestKAN2551PresetTrains(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "kan-2551-expsin"); msg != "" {
		t.Fatalf("open: %s", msg)
	}
	opened := call(t, tab, `window.playground.pause()`)
	if opened.Error != "" || opened.Params != 400 || !strings.Contains(opened.Hash, "&lr=1&") {
		t.Fatalf("opened with error %q, %d parameters (want 400), link %q (want lr=1)", opened.Error, opened.Params, opened.Hash)
	}
	hash := opened.Hash
	// The rate at the preset's L-BFGS step (lr 1) and, as the baseline of
	// the same run, at the step it had before (lr 0.01: every line search
	// then extrapolated to the step L-BFGS wanted, 2.8 evaluations an
	// iteration instead of 1.1).
	var end status
	for _, lr := range []string{"0.01", "1"} {
		end = kanRate(t, tab, hash, lr)
	}
	s := end
	for s.Step < 600 && (s.TestRMSE == nil || *s.TestRMSE >= 0.05) {
		s = call(t, tab, `window.playground.step(50)`)
	}
	t.Logf("step %d: test RMSE %s", s.Step, orNull(s.TestRMSE))
	if s.TestRMSE == nil || *s.TestRMSE >= 0.05 {
		t.Errorf("test RMSE %s after %d steps, want below 0.05", orNull(s.TestRMSE), s.Step)
	}
	waitForPicture(t, tab)
	screenshot(t, tab, "kan-2551-expsin")
}

// kanRate loads the experiment of hash with the L-BFGS step lr at the
// pace "max", steps it past the grid schedule (updates before every 5th
// of the first 50 iterations, each a least-squares refit of every edge),
// lets it train for 60 ticks while the page draws and logs the iterations
// a second. It returns the status at the end, paused.
func kanRate(t *testing.T, tab context.Context, hash, lr string) status {
	t.Helper()
	link := regexp.MustCompile(`&speed=\d+`).ReplaceAllString(hash, "") + "&speed=0"
	link = regexp.MustCompile(`&lr=[^&]+`).ReplaceAllString(link, "&lr="+lr)
	if msg := evaluate[*string](t, tab, fmt.Sprintf(`window.playground.load(%q)`, link)); msg != nil {
		t.Fatalf("load %s: %s", link, *msg)
	}
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.step(50)`)
	start := call(t, tab, `window.playground.play()`)
	began := time.Now()
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().ticks >= %d`, start.Ticks+60))
	end := call(t, tab, `window.playground.pause()`)
	took := time.Since(began).Seconds()
	t.Logf("KAN[2,5,5,1], L-BFGS step %s: %d iterations in %.1f s while drawing: %.0f a second, %.1f ticks a second, Go %.1f ms a tick, longest training slice %.1f ms (error %q)",
		lr, end.Step-start.Step, took, float64(end.Step-start.Step)/took, float64(end.Ticks-start.Ticks)/took, end.GoMsPerFrame, end.LongestMs, end.Error)
	return end
}
