package ui

import (
	"testing"

	"playground/data"
)

func TestPlaneRoundTrip(t *testing.T) {
	const w, h = 317, 200
	for _, p := range [][2]int{{0, 0}, {w - 1, h - 1}, {158, 99}, {3, 150}} {
		x1, x2 := tfSquare.ToPlane(p[0], p[1], w, h)
		fx, fy := tfSquare.FromPlane(x1, x2, w, h)
		if int(fx) != p[0] || int(fy) != p[1] {
			t.Errorf("pixel %v -> plane (%v, %v) -> pixel (%v, %v)", p, x1, x2, fx, fy)
		}
	}
}

func TestPlaneOrientation(t *testing.T) {
	x1, x2 := tfSquare.ToPlane(0, 0, 100, 100)
	if x1 > -5.9 || x2 < 5.9 {
		t.Errorf("top-left pixel is (%v, %v), want about (-6, 6)", x1, x2)
	}
	x, y := tfSquare.FromPlane(data.Domain, -data.Domain, 100, 50)
	if x != 100 || y != 50 {
		t.Errorf("bottom-right corner of the plane maps to (%v, %v), want (100, 50)", x, y)
	}
}

func TestGridPoint(t *testing.T) {
	x1, x2 := tfSquare.GridPoint(0, 0, 5)
	if x1 != -data.Domain || x2 != data.Domain {
		t.Errorf("node (0, 0) = (%v, %v)", x1, x2)
	}
	x1, x2 = tfSquare.GridPoint(4, 2, 5)
	if x1 != 0 || x2 != -data.Domain {
		t.Errorf("node (4, 2) = (%v, %v), want (0, -6)", x1, x2)
	}
}
