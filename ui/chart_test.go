package ui

import (
	"image"
	"math"
	"testing"
)

func TestDrawChartDrawsCurves(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 208, 108))
	rising := Series{Values: []float32{0, 0.5, 1}, Color: Blue}
	flat := Series{Values: []float32{0.25, 0.25, 0.25}, Color: Orange}
	DrawChartRange(img, 0, 1, rising, flat)
	plot := img.Rect.Inset(chartPad)
	// The flat curve at a quarter of the height, halfway across.
	y := plot.Max.Y - int(0.25*float32(plot.Dy()))
	found := false
	for dy := -2; dy <= 1; dy++ {
		found = found || near(at(img, 104, y+dy), Orange, 0)
	}
	if !found {
		t.Errorf("flat series not at y≈%d", y)
	}
	// The rising curve crosses the centre.
	c := plot.Min.Add(plot.Max).Div(2)
	if !near(at(img, c.X, c.Y), Blue, 10) && !near(at(img, c.X, c.Y-1), Blue, 10) {
		t.Errorf("rising series not through the centre: %v", at(img, c.X, c.Y))
	}
	// Above the curves: background or grid only.
	if p := at(img, 30, plot.Min.Y+5); p != PanelColor && p != GridColor {
		t.Errorf("stray pixel %v above the curves", p)
	}
}

func TestDrawChartSkipsNaN(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 108, 58))
	nan := float32(math.NaN())
	s := Series{Values: []float32{1, 1, nan, nan, nan, 1, 1}, Color: Blue}
	DrawChartRange(img, 0, 2, s)
	plot := img.Rect.Inset(chartPad)
	y := (plot.Min.Y + plot.Max.Y) / 2
	gapX := plot.Min.X + plot.Dx()/2 // over value 3 of 0..6
	for dy := -2; dy <= 2; dy++ {
		if near(at(img, gapX, y+dy), Blue, 60) {
			t.Fatalf("the curve bridges its NaN gap at (%d, %d)", gapX, y+dy)
		}
	}
	if !near(at(img, plot.Min.X+plot.Dx()/12, y), Blue, 10) {
		t.Error("the curve before the gap is missing")
	}
}

func TestNiceMax(t *testing.T) {
	for _, c := range []struct {
		peak, want float32
	}{{0.7, 1}, {0.23, 0.25}, {1.3, 2}, {0.049, 0.05}, {0, 1}, {5, 5}} {
		if got := NiceMax(Series{Values: []float32{c.peak, float32(math.Inf(1)), float32(math.NaN())}}); math.Abs(float64(got-c.want)) > 1e-6 {
			t.Errorf("NiceMax(%v) = %v, want %v", c.peak, got, c.want)
		}
	}
}

func TestDrawChartDoesNotAllocate(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 120))
	h := NewHistory(DefaultHistoryCap)
	for s := range 5000 {
		h.Add(Sample{Step: s, TrainLoss: 1 / float32(s+1), TestLoss: 1.1 / float32(s+1)})
	}
	allocs := testing.AllocsPerRun(10, func() {
		DrawChart(img, Series{h.TrainLoss(), Blue}, Series{h.TestLoss(), Orange})
		DrawChartRange(img, 0, 1, Series{h.TrainMetric(), Blue})
	})
	if allocs != 0 {
		t.Errorf("DrawChart allocated %v times per frame", allocs)
	}
}
