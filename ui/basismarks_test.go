package ui

import (
	"image"
	"testing"
)

// TestBasisMarks: a mixing unit gets a one-pixel ring in its leading
// basis's color, a decided one two; layers without marks (nil) stay
// plain; each marked node gets its short label in its box; the hover
// text names the mix, heaviest first.
func TestBasisMarks(t *testing.T) {
	l := NewGraphLayout(400, 300, []int{2, 2, 1})
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	DrawGraph(img, l, nil, nil)
	mixing := BasisMark{Weights: [4]float32{0.1, 0.2, 0.3, 0.4}}
	chosen := BasisMark{Weights: [4]float32{0, 1, 0, 0}, Decided: true}
	marks := [][]BasisMark{{mixing, chosen}, nil}
	DrawBasisMarks(img, l, marks)
	ring := func(col, u, out int) image.Point {
		r := l.NodeRect(col, u)
		return image.Pt(r.Min.X+r.Dx()/2, r.Min.Y-out)
	}
	p := ring(1, 0, 1)
	wantNear(t, "mixing unit's ring", at(img, p.X, p.Y), BasisColors[3], 0)
	p = ring(1, 0, 2)
	wantNear(t, "outside a mixing unit's ring", at(img, p.X, p.Y), PanelColor, 0)
	p = ring(1, 1, 2)
	wantNear(t, "chosen unit's outer ring", at(img, p.X, p.Y), BasisColors[1], 0)
	p = ring(2, 0, 1)
	wantNear(t, "unmarked output", at(img, p.X, p.Y), PanelColor, 0)

	labels := BasisLabels(nil, l, marks)
	if len(labels) != 2 || labels[0].Text != "sin" || labels[1].Text != "T" {
		t.Fatalf("labels %+v, want sin and T", labels)
	}
	if r := l.NodeRect(1, 0); !image.Rect(labels[0].X, labels[0].Y, labels[0].X+3*GlyphWidth, labels[0].Y+GlyphHeight).In(r) {
		t.Errorf("label %+v not in its box %v", labels[0], r)
	}
	if got, want := mixing.String(), "Fourier 40% (Gaussian RBF 30%, Chebyshev 20%, B-spline 10%)"; got != want {
		t.Errorf("mixing: %q, want %q", got, want)
	}
	if got, want := chosen.String(), "Chebyshev, chosen"; got != want {
		t.Errorf("chosen: %q, want %q", got, want)
	}
}
