package ui

import (
	"fmt"
	"image"
	"math"
	"slices"
	"testing"
)

// logColumn is where the log-step axis of a chart buffer r from first to
// last puts step s, worked out from the documented mapping (step s at
// log10(s+1), the plot inset by chartPad, pixel centres at its edges).
func logColumn(r image.Rectangle, first, last, s int) int {
	plot := r.Inset(chartPad)
	u := func(s int) float64 { return math.Log10(float64(s) + 1) }
	t := (u(s) - u(first)) / (u(last) - u(first))
	return int(math.Floor(float64(plot.Min.X) + 0.5 + t*float64(plot.Dx()-1)))
}

// columnsWith lists the columns of row y of img whose pixel is c.
func columnsWith(img *image.RGBA, y int, c func(x int) bool) []int {
	var xs []int
	for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
		if c(x) {
			xs = append(xs, x)
		}
	}
	return xs
}

func TestDrawChartLogStepsPlacesSteps(t *testing.T) {
	for _, r := range []image.Rectangle{image.Rect(0, 0, 208, 108), image.Rect(5, -3, 5+151, -3+77)} {
		img := image.NewRGBA(r)
		// A peak at step 10 between steps 1 and 1000.
		steps := []int{1, 10, 1000}
		DrawChartLogSteps(img, steps, 0, 1, Series{Values: []float32{0, 1, 0}, Color: Blue})
		plot := r.Inset(chartPad)
		want := logColumn(r, 1, 1000, 10)
		if mid := (logColumn(r, 1, 1000, 1) + logColumn(r, 1, 1000, 1000)) / 2; want >= mid-10 {
			t.Fatalf("step 10 at column %d, not well left of the middle %d: the test is wrong", want, mid)
		}
		// The peak is the curve's only part in the plot's top row.
		top := columnsWith(img, plot.Min.Y, func(x int) bool { return near(at(img, x, plot.Min.Y), Blue, 40) })
		if len(top) == 0 || top[0] > want || top[len(top)-1] < want {
			t.Errorf("%v: the peak at step 10 covers columns %v of the top row, want %d", r, top, want)
		}
		// LogStepX agrees, and the grid line of step 10 is there.
		if got := LogStepX(r, 1, 1000, 10); got != want {
			t.Errorf("%v: LogStepX(10) = %d, want %d", r, got, want)
		}
		y := plot.Min.Y + plot.Dy()/8 // between grid rows, above the curve's flanks
		for _, s := range []int{1, 10, 100, 1000} {
			if x := LogStepX(r, 1, 1000, s); at(img, x, y) != GridColor && s != 10 {
				t.Errorf("%v: no grid line at step %d, column %d: %v", r, s, x, at(img, x, y))
			}
		}
		if c := at(img, (LogStepX(r, 1, 1000, 100)+LogStepX(r, 1, 1000, 1000))/2, y); c != PanelColor {
			t.Errorf("%v: a grid line between the decades: %v", r, c)
		}
	}
}

func TestDrawChartLogStepsStepZero(t *testing.T) {
	// Step 0 sits at the left edge, step 1 at log10(2) of the way to
	// step 9 (at log10(10) = 1).
	img := image.NewRGBA(image.Rect(0, 0, 108, 58))
	DrawChartLogSteps(img, []int{0, 1, 9}, 0, 1, Series{Values: []float32{0.5, 0.5, 0.5}, Color: Orange})
	plot := img.Rect.Inset(chartPad)
	if got, want := LogStepX(img.Rect, 0, 9, 1), plot.Min.X+int(math.Log10(2)*float64(plot.Dx()-1)+0.5); got != want {
		t.Errorf("step 1 at column %d, want %d", got, want)
	}
	y := plot.Min.Y + plot.Dy()/2
	xs := columnsWith(img, y, func(x int) bool { return near(at(img, x, y), Orange, 40) })
	if len(xs) == 0 || xs[0] > plot.Min.X || xs[len(xs)-1] < plot.Max.X-1 {
		t.Errorf("the curve from step 0 to 9 covers %v, want the plot's width [%d, %d)", xs, plot.Min.X, plot.Max.X)
	}
}

func TestDrawChartLogStepsSkipsNaN(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 208, 58))
	nan := float32(math.NaN())
	steps := []int{1, 10, 100, 1000, 10000}
	DrawChartLogSteps(img, steps, 0, 2, Series{Values: []float32{1, 1, nan, 1, 1}, Color: Blue})
	plot := img.Rect.Inset(chartPad)
	y := plot.Min.Y + plot.Dy()/2
	gap := LogStepX(img.Rect, 1, 10000, 100)
	for dy := -2; dy <= 2; dy++ {
		for dx := -15; dx <= 15; dx++ {
			if near(at(img, gap+dx, y+dy), Blue, 60) {
				t.Fatalf("the curve bridges its NaN gap at (%d, %d)", gap+dx, y+dy)
			}
		}
	}
	for _, s := range []int{3, 3000} {
		if x := LogStepX(img.Rect, 1, 10000, s); !near(at(img, x, y), Blue, 10) && !near(at(img, x, y-1), Blue, 10) {
			t.Errorf("the curve around step %d is missing", s)
		}
	}
}

func TestDrawChartLogStepsMismatchedLengths(t *testing.T) {
	long := Series{Values: []float32{0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, Color: Blue}
	img := image.NewRGBA(image.Rect(0, 0, 208, 58))
	plot := img.Rect.Inset(chartPad)
	y := plot.Min.Y + plot.Dy()/2

	// Fewer steps than values: the values without a step are left out,
	// and the curve ends with its dot at the newest step.
	DrawChartLogSteps(img, []int{0, 10, 100}, 0, 1, long)
	if !near(at(img, plot.Max.X-1, y), Blue, 10) && !near(at(img, plot.Max.X-1, y-1), Blue, 10) {
		t.Error("the curve does not reach the newest step")
	}

	// More steps than values: the curve stops where its values do.
	short := Series{Values: []float32{0.5, 0.5}, Color: Blue}
	DrawChartLogSteps(img, []int{0, 10, 100}, 0, 1, short)
	end := LogStepX(img.Rect, 0, 100, 10)
	if !near(at(img, end, y), Blue, 10) && !near(at(img, end, y-1), Blue, 10) {
		t.Error("the short curve does not reach its last step")
	}
	for x := end + 5; x < plot.Max.X; x++ {
		if near(at(img, x, y), Blue, 60) {
			t.Fatalf("the short curve runs on to column %d", x)
		}
	}

	// One step, or steps that do not grow: everything at the right edge.
	for _, steps := range [][]int{{7}, {50, 50}, {100, 3}} {
		DrawChartLogSteps(img, steps, 0, 1, long)
		if !near(at(img, plot.Max.X-1, y), Blue, 10) {
			t.Errorf("steps %v: no dot at the right edge", steps)
		}
	}
}

func TestDrawChartLogStepsEmpty(t *testing.T) {
	s := Series{Values: []float32{0, 1, 0.5}, Color: Blue}
	nan := float32(math.NaN())
	for name, draw := range map[string]func(*image.RGBA){
		"no steps":     func(img *image.RGBA) { DrawChartLogSteps(img, nil, 0, 1, s) },
		"no series":    func(img *image.RGBA) { DrawChartLogSteps(img, []int{0, 10, 100}, 0, 1) },
		"empty series": func(img *image.RGBA) { DrawChartLogSteps(img, []int{0, 10, 100}, 0, 1, Series{Color: Blue}) },
		"empty range":  func(img *image.RGBA) { DrawChartLogSteps(img, []int{0, 10, 100}, 1, 1, s) },
		"NaN range":    func(img *image.RGBA) { DrawChartLogSteps(img, []int{0, 10, 100}, nan, 1, s) },
	} {
		img := image.NewRGBA(image.Rect(0, 0, 60, 40))
		draw(img)
		for y := range 40 {
			for x := range 60 {
				if c := at(img, x, y); c != PanelColor && c != GridColor {
					t.Fatalf("%s: pixel (%d, %d) is %v, want background or grid", name, x, y, c)
				}
			}
		}
		if at(img, 2, 2) != PanelColor {
			t.Errorf("%s: no background", name)
		}
	}
	// Buffers too small for a plot must not panic.
	for _, r := range []image.Rectangle{{}, image.Rect(0, 0, 8, 30), image.Rect(3, 3, 12, 12)} {
		DrawChartLogSteps(image.NewRGBA(r), []int{0, 10, 100}, 0, 1, s)
	}
}

func TestLogStepTicks(t *testing.T) {
	for _, c := range []struct {
		first, last int
		want        []int
	}{
		{0, 5000, []int{1, 10, 100, 1000}},
		{1, 1000, []int{1, 10, 100, 1000}},
		{11, 99, nil},
		{11, 100, []int{100}},
		{0, 0, nil},
		{-5, 3, []int{1}},
		{100, 10, nil},
		{1, math.MaxInt, []int{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}},
		{math.MaxInt - 1, math.MaxInt, nil},
	} {
		if got := LogStepTicks(nil, c.first, c.last); !slices.Equal(got, c.want) {
			t.Errorf("LogStepTicks(%d, %d) = %v, want %v", c.first, c.last, got, c.want)
		}
	}
}

func TestDrawChartLogStepsDoesNotAllocate(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 120))
	h := grokkingHistory(20000)
	allocs := testing.AllocsPerRun(10, func() {
		DrawChartLogSteps(img, h.Steps(), 0, 1, Series{h.TrainMetric(), TrainCurveColor}, Series{h.TestMetric(), TestCurveColor})
	})
	if allocs != 0 {
		t.Errorf("DrawChartLogSteps allocated %v times per frame", allocs)
	}
}

// grokkingHistory records the accuracies of a network that groks: it
// fits its training set around step 300 and the test set around 5000.
func grokkingHistory(steps int) *History {
	sigmoid := func(x float64) float32 { return float32(1 / (1 + math.Exp(-x))) }
	h := NewHistory(DefaultHistoryCap)
	for s := range steps + 1 {
		l := math.Log10(float64(s) + 1)
		h.Add(Sample{
			Step:        s,
			TrainMetric: 0.01 + 0.99*sigmoid(12*(l-math.Log10(300))),
			TestMetric:  0.01 + 0.99*sigmoid(10*(l-math.Log10(5000))),
		})
	}
	return h
}

// TestPreviewLogChart saves the accuracy of a grokking run on the log-step
// axis, with its decades labelled as a caller would, over the same run on
// DrawChartRange's even axis.
func TestPreviewLogChart(t *testing.T) {
	const w, h = 320, 120
	hist := grokkingHistory(20000)
	train, test := Series{hist.TrainMetric(), TrainCurveColor}, Series{hist.TestMetric(), TestCurveColor}
	img := image.NewRGBA(image.Rect(0, 0, w, 2*h+2*GlyphHeight+8))
	fill(img, img.Rect, PageColor)

	chart := image.NewRGBA(image.Rect(0, 0, w, h))
	steps := hist.Steps()
	first, last := steps[0], steps[len(steps)-1]
	DrawChartLogSteps(chart, steps, 0, 1, train, test)
	paste(img, chart, chart.Rect)
	for _, s := range LogStepTicks(nil, first, last) {
		label := fmt.Sprint(s)
		printAt(img, label, LogStepX(chart.Rect, first, last, s)-GlyphWidth*len(label)/2, h)
	}

	DrawChartRange(chart, 0, 1, train, test)
	paste(img, chart, image.Rect(0, h+GlyphHeight+8, w, 2*h+GlyphHeight+8))
	savePNG(t, img, "chart_log_grokking")
}
