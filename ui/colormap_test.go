package ui

import (
	"math"
	"testing"
)

func TestValueColorScale(t *testing.T) {
	wantNear(t, "ValueColor(1)", ValueColor(1), Blue, 0)
	wantNear(t, "ValueColor(-1)", ValueColor(-1), Orange, 0)
	wantNear(t, "ValueColor(0)", ValueColor(0), Neutral, 1)
	wantNear(t, "ValueColor(7)", ValueColor(7), Blue, 0)
	wantNear(t, "ValueColor(NaN)", ValueColor(float32(math.NaN())), Neutral, 0)
	half := ValueColor(0.5)
	if !bluer(half) || near(half, Blue, 20) || near(half, Neutral, 20) {
		t.Errorf("ValueColor(0.5) = %v, want a light blue", half)
	}
}

func TestProbColor(t *testing.T) {
	for k := range Palette {
		p := make([]float32, len(Palette))
		p[k] = 1
		wantNear(t, "one-hot color", ProbColor(p), Palette[k], 0)
	}
	wantNear(t, "uniform", ProbColor([]float32{1. / 3, 1. / 3, 1. / 3}), Neutral, 0)
	wantNear(t, "tie between two", ProbColor([]float32{0.45, 0.1, 0.45}), Neutral, 0)
	wantNear(t, "all NaN", ProbColor([]float32{float32(math.NaN()), float32(math.NaN())}), Neutral, 0)
}

func TestPaletteIsDistinct(t *testing.T) {
	if Palette[0] != Orange || Palette[1] != Blue {
		t.Error("classes 0 and 1 must be orange and blue")
	}
	for i := range Palette {
		for j := range i {
			if near(Palette[i], Palette[j], 40) {
				t.Errorf("classes %d and %d look alike: %v, %v", i, j, Palette[i], Palette[j])
			}
		}
		if near(Palette[i], Neutral, 60) {
			t.Errorf("class %d is too close to the neutral background", i)
		}
	}
}

func TestHex(t *testing.T) {
	if got := Hex(Orange); got != "#f59322" {
		t.Errorf("Hex(Orange) = %q", got)
	}
	if got := Hex(Blue); got != "#0877bd" {
		t.Errorf("Hex(Blue) = %q", got)
	}
}
