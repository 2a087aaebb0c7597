package ui

import (
	"image"
	"image/color"
	"math"

	"playground/data"
)

// PointRadius is the radius in pixels DrawPoints uses on a w x h area:
// larger on larger heatmaps, but never so small it cannot be clicked or so
// large it hides the surface.
func PointRadius(w, h int) float32 {
	return min(max(float32(min(w, h))/100, 3), 5.5)
}

// PointColors says how DrawPoints colors points: by class when Classes is
// 2 or more, else by Value, with Lo..Hi (a regression's target range)
// mapped onto ValueColor's -1..1.
type PointColors struct {
	Classes int
	Lo, Hi  float32
}

// Unit maps a regression value from Lo..Hi onto -1..1 (the value itself
// when the range is empty).
func (c PointColors) Unit(v float32) float32 {
	if !(c.Hi > c.Lo) {
		return v
	}
	return 2*(v-c.Lo)/(c.Hi-c.Lo) - 1
}

// DrawPoints draws pts over dst (which shows the whole square sq of the
// plane, as from DrawField) as dots with a dark outline, colored as colors
// says. hollow draws rings with a white centre instead, for test points,
// so they stay distinguishable from training points.
func DrawPoints(dst *image.RGBA, sq Square, pts []data.Point, colors PointColors, hollow bool) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	r := PointRadius(w, h)
	for _, p := range pts {
		x, y := sq.FromPlane(p.X1, p.X2, w, h)
		x += float32(dst.Rect.Min.X)
		y += float32(dst.Rect.Min.Y)
		c := ValueColor(colors.Unit(p.Value))
		if colors.Classes >= 2 {
			c = ClassColor(p.Label)
		}
		drawDot(dst, x, y, r, c, hollow)
	}
}

// pointRim is the width of the dark outline: a little over a pixel, so it
// reads as a line even where it falls between pixels.
const pointRim = 1.25

// drawDot draws one point: a dark rim, the color, and for hollow points a
// white centre. The three layers are composited in one pass over the
// pixels, one distance per pixel.
func drawDot(dst *image.RGBA, x, y, r float32, c color.RGBA, hollow bool) {
	if !finite(x) || !finite(y) {
		return
	}
	inner, hole := r-pointRim, float32(-1)
	if hollow {
		hole = r * 0.45
	}
	x0, x1 := max(floorInt(x-r-1), dst.Rect.Min.X), min(floorInt(x+r+1), dst.Rect.Max.X-1)
	y0, y1 := max(floorInt(y-r-1), dst.Rect.Min.Y), min(floorInt(y+r+1), dst.Rect.Max.Y-1)
	for py := y0; py <= y1; py++ {
		dy := float32(py) + 0.5 - y
		for px := x0; px <= x1; px++ {
			dx := float32(px) + 0.5 - x
			d := float32(math.Sqrt(float64(dx*dx + dy*dy)))
			if d >= r+0.5 {
				continue
			}
			blend(dst, px, py, InkColor, clamp01(r+0.5-d)*0.9)
			blend(dst, px, py, c, clamp01(inner+0.5-d))
			blend(dst, px, py, PaperColor, clamp01(hole+0.5-d))
		}
	}
}
