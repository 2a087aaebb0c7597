package ui

import (
	"image"
	"math"
	"testing"
)

// A plot of each edge's function sits on the edge: rising curves draw
// blue, falling ones orange; curves that do not fit the layout draw
// nothing.
func TestDrawEdgeCurves(t *testing.T) {
	const w, h, samples = 400, 200, 16
	l := NewGraphLayout(w, h, []int{2, 1})
	c := EdgeCurves{Samples: samples, Out: 1, Lo: []float32{-1, -1}, Hi: []float32{1, 1}, Values: make([]float32, 2*samples)}
	for s := range samples {
		x := -1 + 2*float64(s)/(samples-1)
		c.Values[s] = float32(x * x * x)            // edge 0->0 rises
		c.Values[samples+s] = float32(-math.Sin(x)) // edge 1->0 falls
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	DrawGraph(img, l, [][]float32{{1, 1}}, nil)
	before := image.NewRGBA(img.Rect)
	copy(before.Pix, img.Pix)
	DrawEdgeCurves(img, l, 0, c, []float32{1, 0.5})
	blue, orange := 0, 0
	for y := range h {
		for x := range w {
			p := img.RGBAAt(x, y)
			if p == before.RGBAAt(x, y) {
				continue
			}
			switch {
			case near(p, Blue, 60):
				blue++
			case near(p, Orange, 60):
				orange++
			}
		}
	}
	t.Logf("changed pixels near blue %d, near orange %d", blue, orange)
	if blue < 10 || orange < 5 {
		t.Errorf("the plots are missing: %d blue and %d orange pixels", blue, orange)
	}
	savePNG(t, img, "edge_curves")

	for name, bad := range map[string]EdgeCurves{
		"empty":         {},
		"wrong out":     {Samples: samples, Out: 2, Lo: c.Lo, Hi: c.Hi, Values: c.Values},
		"short values":  {Samples: samples, Out: 1, Lo: c.Lo, Hi: c.Hi, Values: c.Values[:samples]},
		"one sample":    {Samples: 1, Out: 1, Lo: c.Lo, Hi: c.Hi, Values: c.Values[:2]},
		"nan and flats": {Samples: 2, Out: 1, Lo: c.Lo, Hi: c.Hi, Values: []float32{float32(math.NaN()), 1, 3, 3}},
	} {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		DrawEdgeCurves(img, l, 0, bad, []float32{1, 1}) // must not panic
		DrawEdgeCurves(img, l, 5, c, []float32{1, 1})
		_ = name
	}
}
