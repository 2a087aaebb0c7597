package ui

import (
	"image"
	"image/color"
	"testing"

	"playground/data"
)

// at returns the pixel at (x, y) as color.RGBA.
func at(img *image.RGBA, x, y int) color.RGBA { return img.RGBAAt(x, y) }

// near reports whether two colors differ by at most tol in every channel.
func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

func wantNear(t *testing.T, what string, got, want color.RGBA, tol int) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s = %v, want %v (±%d)", what, got, want, tol)
	}
}

// constField is a res x res scalar field of one value.
func constField(res int, v float32) Field {
	f := Field{Res: res, Values: make([]float32, res*res)}
	for i := range f.Values {
		f.Values[i] = v
	}
	return f
}

// bluer reports whether c is clearly closer to Blue than to Orange.
func bluer(c color.RGBA) bool { return int(c.B)-int(c.R) > 40 }

// oranger reports whether c is clearly closer to Orange than to Blue.
func oranger(c color.RGBA) bool { return int(c.R)-int(c.B) > 40 }

// tfSquare is the square of TensorFlow Playground's sets.
const tfSquare = Square(data.Domain)
