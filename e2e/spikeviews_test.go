//go:build browser

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// spikeStatus is status().spikes: what the spiking pictures show.
type spikeStatus struct {
	Example, Class, Predicted, Spikes int
	Neuron                            *struct{ Column, Unit int }
	RasterHash                        float64
	Delays                            *struct {
		Layer, Histograms, LastStep int
		MeanDelay, Hash             float64
	}
}

func spikesOf(t *testing.T, ctx contextLike) spikeStatus {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[*spikeStatus](`window.playground.status().spikes`))
	if err != nil {
		t.Fatal(err)
	}
	if s == nil {
		t.Fatal("status().spikes is null on a task of spike trains")
	}
	return *s
}

// TestSpikeViewsFollowTraining opens the learned-delay preset, trains it
// and checks that the spiking pictures follow: the raster of the chosen
// example and the delays' histograms change as the delays are learned;
// a click on the example grid and spikeExample choose the example,
// hovering a neuron traces its membrane. The no-delay preset has no
// delay pictures. The screenshots show each state.
func TestSpikeViewsFollowTraining(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	if msg := openPreset(t, tab, "interval-learned-delays"); msg != "" {
		t.Fatalf("open: %s", msg)
	}
	s := call(t, tab, `window.playground.pause()`) // it may have played a few steps
	waitForPicture(t, tab)
	start := spikesOf(t, tab)
	if start.Example != 0 || start.Neuron == nil || start.Neuron.Column != 1 || start.Spikes < 2 ||
		start.Delays == nil || start.Delays.Histograms < 1 || start.Delays.LastStep != s.Step {
		t.Fatalf("at step %d: %+v", s.Step, start)
	}
	t.Logf("step %d: %+v, delays %+v", s.Step, start, *start.Delays)
	screenshot(t, tab, "spikeviews-1-start")
	// The texts follow the preset's network (the graph may be drawn a
	// frame after the rest), and the example grid is named as such.
	text, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`window.playground.status().canvasText`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"EXAMPLES", "24 neurons", "2 inputs"} {
		if !slices.Contains(text, want) {
			t.Errorf("the canvas does not say %q: %q", want, text)
		}
	}

	call(t, tab, `window.playground.step(700)`)
	waitForPicture(t, tab)
	mid := spikesOf(t, tab)
	s = call(t, tab, `window.playground.step(700)`)
	waitForPicture(t, tab)
	end := spikesOf(t, tab)
	t.Logf("step %d: test accuracy %s; %+v, delays %+v", s.Step, orNull(s.TestAcc), end, *end.Delays)
	if end.Delays.Histograms != start.Delays.Histograms+2 || end.Delays.LastStep != s.Step {
		t.Errorf("after two pictures of training: %d histograms, the newest at step %d (want %d, %d)", end.Delays.Histograms, end.Delays.LastStep, start.Delays.Histograms+2, s.Step)
	}
	if end.Delays.Hash == start.Delays.Hash || end.Delays.MeanDelay == start.Delays.MeanDelay {
		t.Errorf("the delays' histogram did not change with training: %+v then %+v", *start.Delays, *end.Delays)
	}
	if end.RasterHash == start.RasterHash || mid.RasterHash == end.RasterHash && mid.RasterHash == start.RasterHash {
		t.Errorf("the raster did not change with training: %v, %v, %v", start.RasterHash, mid.RasterHash, end.RasterHash)
	}
	if end.Example != 0 || end.Class != start.Class {
		t.Errorf("the example changed by itself: %+v", end)
	}
	// The playback sends spikes along the graph's synapses, a few seconds
	// an example: wait for a frame with spikes on their way.
	waitFor(t, tab, `window.playground.status().spikes.playbackDots >= 3`)
	screenshot(t, tab, "spikeviews-2-trained")

	// A click on the example grid's 4th node of the top row shows example
	// 3: the grid's 50 x 50 nodes span its square, corner to corner.
	heat, err := chromedp.Run(tab, chromedp.Evaluate[struct{ X, Y, W, H float64 }](`window.playground.layout().heatmap`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.MouseClickXY(heat.X+3*heat.W/49, heat.Y+1)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `window.playground.status().spikes.example === 3`)
	if got := call(t, tab, `window.playground.spikeExample(7)`); got.Error != "" {
		t.Fatalf("spikeExample(7): %s", got.Error)
	}
	waitFor(t, tab, `window.playground.status().spikes.example === 7`)

	// Hovering hidden neuron 3 traces its membrane, and it stays traced.
	n, err := chromedp.Run(tab, chromedp.Evaluate[struct{ X, Y, W, H float64 }](`window.playground.layout().nodes[1][2]`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.MouseEvent(chromedp.MouseMoved, n.X+n.W/2, n.Y+n.H/2)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `(n => n && n.column === 1 && n.unit === 2)(window.playground.status().spikes.neuron)`)
	if err := chromedp.Do(tab, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `window.playground.status().hover === null`)
	waitForPicture(t, tab)
	if got := spikesOf(t, tab); got.Neuron == nil || got.Neuron.Column != 1 || got.Neuron.Unit != 2 || got.Example != 7 {
		t.Errorf("after the pointer left: %+v", got)
	}
	screenshot(t, tab, "spikeviews-3-example7-neuron3")

	// The panel chooses them too, without a pointer, and follows the
	// canvas's choices.
	waitFor(t, tab, `document.getElementById("spike-example").value === "7" && document.getElementById("spike-neuron").value === "1/2"`)
	// choose sets a control as a person would and returns what it reads
	// after: a refused value is put back.
	choose := func(id, value string) string {
		t.Helper()
		js := fmt.Sprintf(`(e => { e.value = %q; e.dispatchEvent(new Event("change")); return e.value; })(document.getElementById(%q))`, value, id)
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := choose("spike-example", "12") + " " + choose("spike-neuron", "2/1"); got != "12 2/1" {
		t.Fatalf("the controls read %q after choosing example 12 and readout 1", got)
	}
	waitFor(t, tab, `(s => s.example === 12 && s.neuron.column === 2 && s.neuron.unit === 1)(window.playground.status().spikes)`)
	if got := choose("spike-example", "-3"); got != "12" {
		t.Errorf("a refused example left %q in the field, not the example shown", got)
	}
	if msg, shown := messageText(t, tab); !shown || !strings.Contains(msg, "example must be") {
		t.Errorf("a negative example: the panel says %q (shown: %v)", msg, shown)
	}
	if got := spikesOf(t, tab); got.Example != 12 {
		t.Errorf("a refused example changed the one shown: %+v", got)
	}
	screenshot(t, tab, "spikeviews-3b-panel-example12-readout1")

	// Paused, a frame's Go time is the playback's (over the stats'
	// window of 120 frames, two seconds at 60 Hz): logged, not asserted.
	frames := currentStatus(t, tab).Ticks
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().ticks >= %d`, frames+150))
	st := currentStatus(t, tab)
	t.Logf("paused, while the playback runs: %.2f ms of Go per frame, %d pictures drawn", st.GoMsPerFrame, st.Frames)

	// The sequence task: 12 inputs, 16 spiking neurons.
	if msg := openPreset(t, tab, "sequence-learned-delays"); msg != "" {
		t.Fatalf("open: %s", msg)
	}
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.step(400)`)
	waitForPicture(t, tab)
	waitFor(t, tab, `window.playground.status().spikes.playbackDots >= 3`)
	screenshot(t, tab, "spikeviews-5-sequence")

	// Without delays: no histogram, and the pictures say so.
	if msg := openPreset(t, tab, "interval-no-delays"); msg != "" {
		t.Fatalf("open: %s", msg)
	}
	call(t, tab, `window.playground.pause()`)
	call(t, tab, `window.playground.step(200)`)
	waitForPicture(t, tab)
	if got := spikesOf(t, tab); got.Delays != nil {
		t.Errorf("no delays, yet a histogram: %+v", *got.Delays)
	}
	screenshot(t, tab, "spikeviews-4-no-delays")

	// The plane has no spiking pictures.
	call(t, tab, fmt.Sprintf(`window.playground.load(%q)`, ""))
	waitForPicture(t, tab)
	if v, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.playground.status().spikes === null`)); err != nil || !v {
		t.Errorf("spiking status on the plane: %v %v", v, err)
	}
}
