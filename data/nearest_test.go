package data

import (
	"math"
	"testing"
)

func TestNearest(t *testing.T) {
	pts := []Point{{X1: 0, X2: 0}, {X1: 3, X2: 4}, {X1: -1, X2: 1}}
	i, d := Nearest(pts, 2.9, 4.2)
	if i != 1 || math.Abs(float64(d)-math.Hypot(0.1, 0.2)) > 1e-5 {
		t.Errorf("Nearest = %d, %v; want 1, %v", i, d, math.Hypot(0.1, 0.2))
	}
	if i, _ := Nearest(pts, -0.6, 0.6); i != 2 {
		t.Errorf("Nearest = %d, want 2", i)
	}
	if i, d := Nearest(nil, 0, 0); i != -1 || !math.IsInf(float64(d), 1) {
		t.Errorf("empty: Nearest = %d, %v; want -1, +Inf", i, d)
	}
}
