package ui

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"playground/data"
)

func TestDrawFieldConstantValues(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 37, 23))
	for _, c := range []struct {
		name string
		v    float32
		want color.RGBA
	}{{"+1", 1, Washed(Blue)}, {"-1", -1, Washed(Orange)}, {"0", 0, Washed(Neutral)}} {
		DrawField(img, constField(5, c.v), false)
		for _, p := range []image.Point{{0, 0}, {36, 22}, {18, 11}} {
			wantNear(t, "field of "+c.name+" at "+p.String(), at(img, p.X, p.Y), c.want, 1)
		}
	}
	DrawField(img, constField(5, 1), false)
	if c := at(img, 5, 5); !bluer(c) || c.B < 0xC0 {
		t.Errorf("a field of +1 is %v, not blue", c)
	}
	DrawField(img, constField(5, -1), false)
	if c := at(img, 5, 5); !oranger(c) || c.G < 0x90 || c.B > 0x90 {
		t.Errorf("a field of -1 is %v, not orange", c)
	}
	DrawField(img, constField(5, 0), false)
	if c := at(img, 5, 5); c.R < 0xF0 || c.G < 0xF0 || c.B < 0xF0 {
		t.Errorf("a field of 0 is %v, not white", c)
	}
}

// A field equal to x1 is orange on the left and blue on the right; one
// equal to x2 is blue at the top (x2 grows upwards) and orange at the
// bottom; in between the colors change smoothly.
func TestDrawFieldOrientationAndSmoothness(t *testing.T) {
	const res = 9
	fx1 := Field{Res: res, Values: make([]float32, res*res)}
	fx2 := Field{Res: res, Values: make([]float32, res*res)}
	for row := range res {
		for col := range res {
			x1, x2 := tfSquare.GridPoint(row, col, res)
			fx1.Values[row*res+col] = x1 / data.Domain
			fx2.Values[row*res+col] = x2 / data.Domain
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 120, 120))
	DrawField(img, fx1, false)
	if !oranger(at(img, 0, 60)) || !bluer(at(img, 119, 60)) {
		t.Errorf("x1 field: left %v, right %v", at(img, 0, 60), at(img, 119, 60))
	}
	// Bilinear: neighbouring pixels differ by a step, not a jump.
	for x := 1; x < 120; x++ {
		if !near(at(img, x, 60), at(img, x-1, 60), 6) {
			t.Fatalf("x1 field jumps between x=%d and %d: %v -> %v", x-1, x, at(img, x-1, 60), at(img, x, 60))
		}
	}
	DrawField(img, fx2, false)
	if !bluer(at(img, 60, 0)) || !oranger(at(img, 60, 119)) {
		t.Errorf("x2 field: top %v, bottom %v", at(img, 60, 0), at(img, 60, 119))
	}
	DrawField(img, fx1, true)
	wantNear(t, "discretized left", at(img, 40, 60), Washed(Orange), 0)
	wantNear(t, "discretized right", at(img, 80, 60), Washed(Blue), 0)
}

func TestDrawFieldClasses(t *testing.T) {
	const res, k = 4, 3
	f := Field{Res: res, Classes: k, Values: make([]float32, res*res*k)}
	for i := range res * res {
		f.Values[i*k+2] = 1 // class 2 everywhere
	}
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	DrawField(img, f, false)
	wantNear(t, "certain class 2", at(img, 8, 8), Washed(Palette[2]), 1)

	for i := range res * res {
		f.Values[i*k], f.Values[i*k+1], f.Values[i*k+2] = 0.2, 0.5, 0.3
	}
	DrawField(img, f, true)
	wantNear(t, "discretized argmax", at(img, 3, 3), Washed(Palette[1]), 0)
	DrawField(img, f, false)
	if c := at(img, 3, 3); near(c, Washed(Palette[1]), 20) || near(c, Washed(Neutral), 10) {
		t.Errorf("unsure pixel %v should be a pale mix, neither class 1 nor neutral", c)
	}

	two := Field{Res: 2, Classes: 2, Values: []float32{0, 1, 0, 1, 0, 1, 0, 1}}
	DrawField(img, two, false)
	wantNear(t, "two classes, certain of class 1", at(img, 5, 5), Washed(Blue), 1)
}

// The fused per-pixel path of DrawField paints what ProbColor defines.
func TestDrawFieldMatchesProbColor(t *testing.T) {
	for _, p := range [][]float32{
		{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}, {0.3, 0.3, 0.4}, {0.05, 0.6, 0.05, 0.3},
		{0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2}, {0, 0, 1, 0, 0},
	} {
		f := Field{Res: 2, Classes: len(p)}
		for range 4 {
			f.Values = append(f.Values, p...)
		}
		img := image.NewRGBA(image.Rect(0, 0, 3, 3))
		DrawField(img, f, false)
		wantNear(t, fmt.Sprint("probabilities ", p), at(img, 1, 1), Washed(ProbColor(p)), 1)
	}
}

func TestDrawFieldInvalidIsNeutral(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	DrawField(img, Field{Res: 10, Values: make([]float32, 3)}, false)
	wantNear(t, "short field", at(img, 4, 4), Washed(Neutral), 0)
	DrawField(img, Field{}, false)
	wantNear(t, "empty field", at(img, 4, 4), Washed(Neutral), 0)
}

// Buffers whose bounds do not start at (0, 0) are filled exactly.
func TestDrawFieldOffsetBuffer(t *testing.T) {
	img := image.NewRGBA(image.Rect(10, 20, 30, 40))
	DrawField(img, constField(3, -1), false)
	wantNear(t, "first pixel", at(img, 10, 20), Washed(Orange), 0)
	wantNear(t, "last pixel", at(img, 29, 39), Washed(Orange), 0)
}

func TestDrawFieldDoesNotAllocate(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	scalar := constField(20, 0.3)
	classes := Field{Res: 20, Classes: 5, Values: make([]float32, 20*20*5)}
	allocs := testing.AllocsPerRun(10, func() {
		DrawField(img, scalar, false)
		DrawField(img, classes, false)
		DrawField(img, classes, true)
	})
	if allocs != 0 {
		t.Errorf("DrawField allocated %v times per frame", allocs)
	}
}

func TestGridInputsOrder(t *testing.T) {
	feats := []data.Feature{data.X2, data.X1X2}
	in := GridInputs(nil, tfSquare, 3, feats)
	if len(in) != 3*3*2 {
		t.Fatalf("len %d, want 18", len(in))
	}
	for row := range 3 {
		for col := range 3 {
			x1, x2 := tfSquare.GridPoint(row, col, 3)
			i := (row*3 + col) * 2
			if in[i] != x2 || in[i+1] != x1*x2 {
				t.Errorf("node (%d, %d) = %v, want [%v %v]", row, col, in[i:i+2], x2, x1*x2)
			}
		}
	}
	if in[0] != data.Domain {
		t.Errorf("first row should be the top (x2 = %v), got %v", data.Domain, in[0])
	}
	buf := make([]float32, 0, 18)
	if allocs := testing.AllocsPerRun(10, func() { GridInputs(buf, tfSquare, 3, feats) }); allocs != 0 {
		t.Errorf("GridInputs allocated %v times with room in dst", allocs)
	}
}
