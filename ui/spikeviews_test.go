package ui

import (
	"image"
	"testing"
)

// testSample is a 2-3-2 network over 6 steps: input 0 spikes at step 0,
// input 1 at step 2; hidden unit 1 spikes at step 3 (its synapse from
// input 0 delays by 2), the readout favours unit 1.
func testSample() SpikeSample {
	s := SpikeSample{Example: 4, Class: 1, Predicted: 1, Steps: 6}
	in := SpikeColumn{Units: 2, Spikes: make([]float32, 6*2)}
	in.Spikes[0*2+0], in.Spikes[2*2+1] = 1, 1
	hid := SpikeColumn{Units: 3, Spikes: make([]float32, 6*3), Membrane: make([]float32, 6*3), Threshold: 1,
		Delays: []float32{0, 2, 5, 1, 0, 0}, MaxDelay: 5}
	for t := range 6 {
		hid.Membrane[t*3+1] = float32(t) * 0.3
	}
	hid.Membrane[3*3+1], hid.Spikes[3*3+1] = 1.4, 1
	out := SpikeColumn{Units: 2, Membrane: make([]float32, 6*2), Readout: true, Delays: make([]float32, 6)}
	for t := range 6 {
		out.Membrane[t*2+0], out.Membrane[t*2+1] = -4, float32(t)
	}
	s.Columns = []SpikeColumn{in, hid, out}
	return s
}

func countColor(img *image.RGBA, r image.Rectangle, pred func(x, y int) bool) int {
	n := 0
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if pred(x, y) {
				n++
			}
		}
	}
	return n
}

func TestSpikeRasterDrawsEverySpikeInItsCell(t *testing.T) {
	s := testSample()
	img := image.NewRGBA(image.Rect(0, 0, 200, 120))
	DrawSpikeRaster(img, s, -1)
	bands := RasterBands(img.Rect, s)
	if len(bands) != 3 {
		t.Fatalf("%d bands", len(bands))
	}
	for i := 1; i < len(bands); i++ {
		if bands[i].Min.Y <= bands[i-1].Max.Y || !bands[i].In(img.Rect) {
			t.Errorf("band %d %v overlaps or leaves %v", i, bands[i], bands[i-1])
		}
	}
	spiky := func(r image.Rectangle) int {
		return countColor(img, r, func(x, y int) bool { return at(img, x, y) == SpikeColor })
	}
	if got := spiky(rasterCell(bands[0], 0, 0, 6, 2)); got == 0 {
		t.Error("input 0's spike at step 0 is not drawn")
	}
	if got := spiky(rasterCell(bands[0], 1, 0, 6, 2)); got != 0 {
		t.Error("a spike drawn where input 0 is silent")
	}
	if got := spiky(bands[1]); got == 0 || got != spiky(rasterCell(bands[1], 3, 1, 6, 3)) {
		t.Errorf("hidden band: %d spike pixels, %d in unit 1 at step 3", got, spiky(rasterCell(bands[1], 3, 1, 6, 3)))
	}
	// The readout: unit 1 grows blue, unit 0 stays orange; unit 1, the
	// prediction, framed.
	if c := at(img, rasterCell(bands[2], 5, 1, 6, 2).Min.X+1, rasterCell(bands[2], 5, 1, 6, 2).Min.Y+1); !bluer(c) {
		t.Errorf("readout unit 1 at the end is %v, want blue", c)
	}
	if c := at(img, rasterCell(bands[2], 5, 0, 6, 2).Min.X+1, rasterCell(bands[2], 5, 0, 6, 2).Min.Y+1); !oranger(c) {
		t.Errorf("readout unit 0 is %v, want orange", c)
	}
	if countColor(img, bands[2].Inset(-2), func(x, y int) bool { return at(img, x, y) == HighlightColor }) == 0 {
		t.Error("the predicted unit is not framed")
	}
	labels := RasterLabels(nil, image.Rect(10, 20, 210, 140), s)
	if len(labels) != 3 || labels[0].Text != "in" || labels[1].Text != "1" || labels[2].Text != "out" || labels[0].X != 11 {
		t.Errorf("labels %+v", labels)
	}
	// A cursor draws a line across every band, at its step.
	x := bands[0].Min.X + 3*bands[0].Dx()/6
	for _, y := range []int{bands[0].Min.Y + 1, bands[1].Min.Y + 1, bands[2].Min.Y + 1} {
		DrawSpikeRaster(img, s, -1)
		before := at(img, x, y)
		DrawSpikeRaster(img, s, 3)
		if got := at(img, x, y); got == before || int(got.R)-int(got.B) < 40 {
			t.Errorf("cursor at (%d, %d): %v, before %v", x, y, got, before)
		}
	}
}

// Degenerate samples and buffers draw a plain panel and never panic.
func TestSpikeViewsDegenerateInputs(t *testing.T) {
	one := SpikeSample{Steps: 1, Columns: []SpikeColumn{{Units: 1, Spikes: []float32{1}}, {Units: 1, Membrane: []float32{0.3}, Readout: true}}}
	short := testSample()
	short.Columns[1].Spikes = short.Columns[1].Spikes[:3] // too few values
	short.Columns[1].Membrane = nil
	short.Columns[2].Delays = []float32{1}
	samples := []SpikeSample{{}, {Steps: 5}, one, short, {Steps: 3, Columns: []SpikeColumn{{Units: 0}}}}
	sizes := []image.Rectangle{image.Rect(0, 0, 0, 0), image.Rect(0, 0, 1, 1), image.Rect(0, 0, 3, 200), image.Rect(5, 5, 300, 200)}
	for _, r := range sizes {
		img := image.NewRGBA(r)
		for _, s := range samples {
			DrawSpikeRaster(img, s, 0.5)
			l := NewGraphLayout(r.Dx(), r.Dy(), []int{1, 1})
			DrawSpikeFlight(img, l, s, 0.5, MaxFlightDots)
			for c := -1; c <= len(s.Columns); c++ {
				var col SpikeColumn
				if c >= 0 && c < len(s.Columns) {
					col = s.Columns[c]
				}
				for u := -1; u <= 3; u++ {
					DrawMembraneTrace(img, col, s.Steps, u)
					TraceThresholdY(img.Rect, col, s.Steps, u)
				}
			}
		}
		for _, h := range [][]DelayHistory{nil, {{Mode: 0}}, {{Mode: 2, MaxDelay: 0}}, {{Mode: 2, MaxDelay: 3}},
			{{Mode: 2, MaxDelay: 3, Steps: []int{0}, Counts: []float32{1}}}} {
			if n := DrawDelayHistory(img, h); n > 0 && r.Dx() < 20 {
				t.Errorf("%v: %d bands in a sliver", r, n)
			}
			DrawWeightByDelay(img, h, [][]float32{{1, 2}}, [][]float32{{1}})
			DrawWeightByDelay(img, h, nil, nil)
		}
	}
}

func TestMembraneTraceShowsThresholdAndSpikes(t *testing.T) {
	s := testSample()
	img := image.NewRGBA(image.Rect(0, 0, 240, 120))
	hid := s.Columns[1]
	DrawMembraneTrace(img, hid, s.Steps, 1)
	y, ok := TraceThresholdY(img.Rect, hid, s.Steps, 1)
	if !ok || y <= chartPad || y >= 120-chartPad {
		t.Fatalf("threshold at y=%d, %v", y, ok)
	}
	if n := countColor(img, image.Rect(0, y, 240, y+1), func(x, yy int) bool { return at(img, x, yy) == HighlightColor }); n < 60 {
		t.Errorf("threshold line: %d dashed pixels", n)
	}
	marks, chart := traceAreas(img.Rect)
	if n := countColor(img, marks, func(x, yy int) bool { return at(img, x, yy) == SpikeColor }); n == 0 {
		t.Error("no spike mark")
	}
	// The peak at step 3 (1.4, over the threshold) is drawn above it.
	x := int(float32(chart.Min.X) + 3.5*float32(chart.Dx())/6)
	if n := countColor(img, image.Rect(x-1, chart.Min.Y, x+2, y-2), func(xx, yy int) bool { return at(img, xx, yy) == TestCurveColor }); n == 0 {
		t.Error("the membrane's peak is not above the threshold")
	}
	// Inputs have no membrane and a readout no threshold.
	if _, ok := TraceThresholdY(img.Rect, s.Columns[0], s.Steps, 0); ok {
		t.Error("an input has a threshold")
	}
	if _, ok := TraceThresholdY(img.Rect, s.Columns[2], s.Steps, 1); ok {
		t.Error("a readout has a threshold")
	}
	DrawMembraneTrace(img, s.Columns[0], s.Steps, 0)
	if n := countColor(img, marks, func(x, yy int) bool { return at(img, x, yy) == SpikeColor }); n == 0 {
		t.Error("an input's spike is not marked")
	}
}

func TestDelayHistoryDrawsDensityOverTime(t *testing.T) {
	// Two steps: all synapses at delay 0, then all at delay 3 (the top).
	h := DelayHistory{Layer: 0, Mode: 2, MaxDelay: 3, Steps: []int{0, 100}}
	bins := h.Bins()
	h.Counts = make([]float32, 2*bins)
	h.Counts[0], h.Counts[bins+h.DelayBin(3)] = 1, 1
	img := image.NewRGBA(image.Rect(0, 0, 100, 80))
	none := []DelayHistory{{Layer: 1, Mode: 0}}
	if n := DrawDelayHistory(img, append(none, h)); n != 1 {
		t.Fatalf("%d bands, want the one layer with delays", n)
	}
	band := DelayBands(img.Rect, append(none, h))[0]
	bright := func(x, y int) bool { return at(img, x, y) == HighlightColor }
	left, right := image.Rect(band.Min.X, band.Min.Y, band.Min.X+band.Dx()/2, band.Max.Y), image.Rect(band.Min.X+band.Dx()/2, band.Min.Y, band.Max.X, band.Max.Y)
	if countColor(img, left.Intersect(image.Rect(0, band.Max.Y-band.Dy()/bins, 100, band.Max.Y)), bright) == 0 {
		t.Error("the first histogram is not bright at delay 0, the bottom")
	}
	if countColor(img, right.Intersect(image.Rect(0, band.Min.Y, 100, band.Min.Y+band.Dy()/bins)), bright) == 0 {
		t.Error("the second histogram is not bright at delay 3, the top")
	}
	if countColor(img, left.Intersect(image.Rect(0, band.Min.Y, 100, band.Min.Y+band.Dy()/bins)), bright) != 0 {
		t.Error("the first histogram is bright at the top")
	}
	if got := DelayedLayers(append(none, h)); len(got) != 1 || got[0] != 0 {
		t.Errorf("delayed layers %v", got)
	}
	if n := DrawDelayHistory(img, none); n != 0 {
		t.Errorf("no delays drew %d bands", n)
	}
	if h.DelayBin(-1) != 0 || h.DelayBin(0.74) != 1 || h.DelayBin(99) != bins-1 {
		t.Errorf("bins %d %d %d", h.DelayBin(-1), h.DelayBin(0.74), h.DelayBin(99))
	}
}

func TestWeightByDelayPlacesEverySynapse(t *testing.T) {
	h := []DelayHistory{{Layer: 0, Mode: 1, MaxDelay: 4}}
	pos := [][]float32{{0, 4}}
	w := [][]float32{{1, -1}}
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	if n := DrawWeightByDelay(img, h, pos, w); n != 1 {
		t.Fatalf("%d bands", n)
	}
	band := DelayBands(img.Rect, h)[0]
	// Delay 0, weight +1: top left, blue; delay 4, weight -1: bottom right, orange.
	topLeft := image.Rect(band.Min.X, band.Min.Y, band.Min.X+10, band.Min.Y+10)
	bottomRight := image.Rect(band.Max.X-10, band.Max.Y-10, band.Max.X, band.Max.Y)
	if countColor(img, topLeft, func(x, y int) bool { return bluer(at(img, x, y)) }) == 0 {
		t.Error("no blue dot at the top left")
	}
	if countColor(img, bottomRight, func(x, y int) bool { return oranger(at(img, x, y)) }) == 0 {
		t.Error("no orange dot at the bottom right")
	}
	if countColor(img, bottomRight, func(x, y int) bool { return bluer(at(img, x, y)) }) != 0 {
		t.Error("a blue dot at the bottom right")
	}
}

func TestSpikeFlightTravelsAlongDelayedSynapses(t *testing.T) {
	s := testSample()
	l := NewGraphLayout(300, 200, []int{2, 3, 2})
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	// At t = 0.5 input 0's spike (step 0) is in flight on its three
	// synapses (delays 0, 2, 5): half way on the first, a sixth on the
	// second, a twelfth on the third.
	if n := DrawSpikeFlight(img, l, s, 0.5, MaxFlightDots); n != 3 {
		t.Fatalf("%d dots at t=0.5, want 3", n)
	}
	from := l.NodeRect(0, 0)
	to := l.NodeRect(1, 0)
	mx, my := (from.Max.X+to.Min.X)/2, (from.Min.Y+from.Max.Y+to.Min.Y+to.Max.Y)/4
	if c := at(img, mx, my); c != SpikeColor {
		t.Errorf("no dot half way along the undelayed synapse: %v at (%d,%d)", c, mx, my)
	}
	// Input 0 spikes at step 0: its node is ringed then, not at step 1.
	ring := l.NodeRect(0, 0).Inset(-2)
	if at(img, ring.Min.X, ring.Min.Y+ring.Dy()/2) != SpikeColor {
		t.Error("the spiking input is not ringed")
	}
	// At t = 2.5: the first synapse has arrived, the second is at 5/6,
	// the third at 5/12, input 1's spike is half way on its undelayed
	// synapses (delays 1, 0, 0: 1/4, 1/2, 1/2).
	if n := DrawSpikeFlight(img, l, s, 2.5, MaxFlightDots); n != 5 {
		t.Errorf("%d dots at t=2.5, want 5", n)
	}
	if at(img, ring.Min.X, ring.Min.Y+ring.Dy()/2) == SpikeColor {
		t.Error("input 0 ringed at step 2")
	}
	if n := DrawSpikeFlight(img, l, s, 2.5, 2); n != 2 {
		t.Errorf("the bound: %d dots, want 2", n)
	}
	// At t = 3.5: input 0's spike is still on its 5-step synapse, input
	// 1's on its 1-step one, and the hidden unit's spike at step 3
	// travels undelayed to both readout units. The readout does not
	// spike: nothing leaves it.
	if n := DrawSpikeFlight(img, l, s, 3.5, MaxFlightDots); n != 1+1+2 {
		t.Errorf("%d dots at t=3.5", n)
	}
	// A layout that does not match draws nothing.
	if n := DrawSpikeFlight(img, NewGraphLayout(300, 200, []int{2, 2}), s, 0.5, MaxFlightDots); n != 0 {
		t.Errorf("%d dots over another network", n)
	}
}

func TestFieldNodeAt(t *testing.T) {
	for _, c := range []struct{ x, y, want int }{{0, 0, 0}, {99, 0, 4}, {0, 99, 20}, {99, 99, 24}, {50, 50, 12}, {-1, 0, -1}, {100, 5, -1}} {
		if got := FieldNodeAt(c.x, c.y, 100, 100, 5); got != c.want {
			t.Errorf("(%d, %d): node %d, want %d", c.x, c.y, got, c.want)
		}
	}
	if got := FieldNodeAt(3, 3, 10, 10, 1); got != 0 {
		t.Errorf("a 1x1 grid: node %d", got)
	}
}
