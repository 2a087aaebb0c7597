package ui

import (
	"image"
	"testing"

	"playground/data"
)

func BenchmarkDrawFieldScalar(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 428, 428))
	f := constField(100, 0.3)
	for b.Loop() {
		DrawField(img, f, false)
	}
}

func BenchmarkDrawFieldClasses8(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 428, 428))
	f := Field{Res: 100, Classes: 8, Values: make([]float32, 100*100*8)}
	for i := range f.Values {
		f.Values[i] = float32(i%8) / 28
	}
	for b.Loop() {
		DrawField(img, f, false)
	}
}

func BenchmarkDrawPoints(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 428, 428))
	pts := data.Generate(data.Spiral, 500, 10, 2, 1)
	for b.Loop() {
		DrawPoints(img, tfSquare, pts, PointColors{Classes: 2}, false)
	}
}

func benchmarkGraph(b *testing.B, cols []int) {
	img := image.NewRGBA(image.Rect(0, 0, 444, 566))
	l := NewGraphLayout(444, 566, cols)
	net := newTinyNet(cols, cols[len(cols)-1], 1)
	_, thumbs := net.picture(20, data.Features()[:cols[0]])
	for b.Loop() {
		DrawGraph(img, l, net.weights(), thumbs)
	}
}

func BenchmarkDrawGraphSmall(b *testing.B) { benchmarkGraph(b, []int{2, 8, 8, 1}) }
func BenchmarkDrawGraphWide(b *testing.B)  { benchmarkGraph(b, []int{7, 256, 256, 8}) }

func BenchmarkDrawChart(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 208, 108))
	h := NewHistory(DefaultHistoryCap)
	for s := range 100000 {
		h.Add(Sample{Step: s, TrainLoss: 1 / float32(s+1), TestLoss: 1.2 / float32(s+1)})
	}
	for b.Loop() {
		DrawChart(img, Series{h.TrainLoss(), TrainCurveColor}, Series{h.TestLoss(), TestCurveColor})
	}
}
