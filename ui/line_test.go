package ui

import (
	"image"
	"testing"
)

func TestStrokeLineCoversItsWidth(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	fill(img, img.Rect, PanelColor)
	strokeLine(img, img.Rect, 5, 10, 35, 10, 4, Blue, 1) // y 8..12
	for _, y := range []int{8, 9, 10, 11} {
		wantNear(t, "inside a 4-px line", at(img, 20, y), Blue, 0)
	}
	wantNear(t, "above the line", at(img, 20, 6), PanelColor, 0)
	wantNear(t, "below the line", at(img, 20, 13), PanelColor, 0)
	wantNear(t, "past the round cap", at(img, 38, 10), PanelColor, 0)
}

func TestStrokeLineSteepAndDiagonal(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 30, 30))
	fill(img, img.Rect, PanelColor)
	strokeLine(img, img.Rect, 15, 2, 15, 28, 3, Orange, 1)
	wantNear(t, "vertical line", at(img, 15, 15), Orange, 0)
	fill(img, img.Rect, PanelColor)
	strokeLine(img, img.Rect, 2, 2, 28, 28, 2, Orange, 1)
	wantNear(t, "diagonal line", at(img, 15, 15), Orange, 0)
	wantNear(t, "off the diagonal", at(img, 20, 10), PanelColor, 0)
}

func TestStrokeLineClips(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 10, 10))
	strokeLine(img, img.Rect, -100, -50, 200, 60, 5, Blue, 1)
	strokeLine(img, image.Rect(2, 2, 5, 5), 0, 5, 10, 5, 3, Orange, 1)
	if at(img, 7, 4) == Orange || at(img, 3, 5) == Orange {
		t.Error("line drawn outside its clip rectangle")
	}
	if at(img, 3, 4) != Orange {
		t.Error("line missing inside its clip rectangle")
	}
}

// A hairline spreads full coverage over the two pixels straddling it.
func TestStrokeHairline(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	fill(img, img.Rect, PanelColor)
	strokeLine(img, img.Rect, 0, 10, 40, 30, 1, Blue, 1) // y = 10 + x/2
	for _, x := range []int{3, 17, 30} {
		centre := 10 + (float32(x)+0.5)/2
		ink := float32(0)
		for y := 0; y < 40; y++ {
			c := at(img, x, y)
			ink += float32(int(c.B)-int(PanelColor.B)) / float32(int(Blue.B)-int(PanelColor.B))
			if c != PanelColor && abs32(float32(y)+0.5-centre) > 1 {
				t.Errorf("column %d: pixel %d is inked, the line is at %.2f", x, y, centre)
			}
		}
		if ink < 0.95 || ink > 1.05 {
			t.Errorf("column %d carries %.2f of a pixel of ink, want 1", x, ink)
		}
	}
	fill(img, img.Rect, PanelColor)
	strokeLine(img, image.Rect(0, 0, 40, 20), 20.5, 0, 20.5, 40, 1, Orange, 1)
	if at(img, 20, 25) != PanelColor || at(img, 20, 10) != Orange {
		t.Error("vertical hairline not drawn on its pixels or not clipped")
	}
}
