package ui

import (
	"image"
	"image/color"
	"testing"

	"playground/data"
)

// centre returns the pixel a plane point lands on in img.
func centre(img *image.RGBA, x1, x2 float32) image.Point {
	x, y := tfSquare.FromPlane(x1, x2, img.Rect.Dx(), img.Rect.Dy())
	return image.Pt(img.Rect.Min.X+int(x), img.Rect.Min.Y+int(y))
}

func TestDrawPointsClassColors(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 200, 200))
	DrawField(img, constField(2, 0), false)
	pts := []data.Point{{X1: -3, X2: 3, Label: 0}, {X1: 3, X2: -3, Label: 1}, {X1: 0, X2: 0, Label: 5}}
	DrawPoints(img, tfSquare, pts, PointColors{Classes: 6}, false)
	for _, p := range pts {
		c := centre(img, p.X1, p.X2)
		wantNear(t, "centre of a class "+string(rune('0'+p.Label))+" point", at(img, c.X, c.Y), Palette[p.Label], 0)
	}
	// Walking right from the centre crosses a dark rim, then reaches the
	// untouched background.
	c := centre(img, -3, 3)
	r := int(PointRadius(200, 200))
	darkest := 255
	for x := c.X; x <= c.X+r+1; x++ {
		darkest = min(darkest, int(at(img, x, c.Y).G))
	}
	if darkest > 0x50 {
		t.Errorf("no dark rim around the point: darkest green level %#x", darkest)
	}
	wantNear(t, "background next to a point", at(img, c.X+r+2, c.Y), Washed(Neutral), 1)
}

func TestDrawPointsHollowAndRegression(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 300))
	DrawField(img, constField(2, 0), false)
	test := data.Point{X1: 2, X2: 2, Label: 1}
	DrawPoints(img, tfSquare, []data.Point{test}, PointColors{Classes: 2}, true)
	c := centre(img, test.X1, test.X2)
	wantNear(t, "hollow point centre", at(img, c.X, c.Y), PaperColor, 0)
	ring := int(PointRadius(300, 300)) - 1
	if !bluer(at(img, c.X+ring, c.Y)) && !bluer(at(img, c.X+ring-1, c.Y)) {
		t.Errorf("hollow class 1 point has no blue ring: %v, %v", at(img, c.X+ring-1, c.Y), at(img, c.X+ring, c.Y))
	}

	reg := []data.Point{{X1: -4, X2: 0, Value: -1}, {X1: 4, X2: 0, Value: 1}}
	DrawPoints(img, tfSquare, reg, PointColors{Classes: 0}, false)
	for _, p := range reg {
		c := centre(img, p.X1, p.X2)
		want := map[bool]color.RGBA{true: Blue, false: Orange}[p.Value > 0]
		wantNear(t, "regression point", at(img, c.X, c.Y), want, 0)
	}
}

func TestDrawPointsClipsAtEdges(t *testing.T) {
	img := image.NewRGBA(image.Rect(5, 5, 40, 40))
	corner := []data.Point{{X1: -data.Domain, X2: data.Domain}, {X1: data.Domain, X2: -data.Domain, Label: 1}}
	DrawPoints(img, tfSquare, corner, PointColors{Classes: 2}, false) // must not panic
	wantNear(t, "top-left corner point", at(img, 5, 5), Orange, 60)
}
