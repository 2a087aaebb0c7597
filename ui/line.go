package ui

import (
	"image"
	"image/color"
	"math"
)

// strokeLine draws an anti-aliased segment from (x0, y0) to (x1, y1) with
// round caps, `width` pixels wide and of opacity alpha, clipped to clip
// and dst. Coordinates are continuous: pixel (i, j) covers [i, i+1) x
// [j, j+1). Lines thinner than a pixel are drawn one pixel wide and
// correspondingly fainter, which reads better than sub-pixel coverage.
//
// It walks the major axis one pixel at a time and, in each column, only the
// few pixels across the stroke, so the cost is length x width rather than
// the area of the bounding box: a graph may draw thousands of long lines.
func strokeLine(dst *image.RGBA, clip image.Rectangle, x0, y0, x1, y1, width float32, c color.RGBA, alpha float32) {
	if !finite(x0) || !finite(y0) || !finite(x1) || !finite(y1) || !(width > 0) || !(alpha > 0) {
		return
	}
	if width < 1 {
		alpha *= width
		width = 1
	}
	clip = clip.Intersect(dst.Rect)
	if clip.Empty() {
		return
	}
	if width == 1 {
		strokeHairline(dst, clip, x0, y0, x1, y1, c, alpha)
		return
	}
	// Work in (a, b) = (major, minor) coordinates.
	ax := toMajor(x0, y0, x1, y1, clip)
	steep, a0, b0, a1, b1 := ax.steep, ax.a0, ax.b0, ax.a1, ax.b1
	aMin, aMax, bMin, bMax := ax.aMin, ax.aMax, ax.bMin, ax.bMax
	da, db := a1-a0, b1-b0
	lenSq := da*da + db*db
	var slope float32
	if da > 0 {
		slope = db / da
	}
	hw := width / 2
	invLen := float32(0)
	if lenSq > 0 {
		invLen = 1 / float32(math.Sqrt(float64(lenSq)))
	}
	// Pixel centres within hw+0.5 of the line lie within this distance of
	// it along the minor axis.
	reach := (hw + 0.5) * float32(math.Sqrt(float64(1+slope*slope)))
	first := max(floorInt(a0-hw), aMin)
	last := min(floorInt(a1+hw), aMax-1)
	for ia := first; ia <= last; ia++ {
		ca := float32(ia) + 0.5
		cb := b0 + (Clamp(ca, a0, a1)-a0)*slope
		lo := max(floorInt(cb-reach), bMin)
		hi := min(floorInt(cb+reach), bMax-1)
		for ib := lo; ib <= hi; ib++ {
			pb := float32(ib) + 0.5
			ea, eb := ca-a0, pb-b0
			// Distance from the pixel centre to the segment: to the
			// line along the body (no square root), to an end past it.
			var d float32
			switch along := ea*da + eb*db; {
			case along > 0 && along < lenSq:
				d = abs32(ea*db-eb*da) * invLen
			case along <= 0:
				d = float32(math.Sqrt(float64(ea*ea + eb*eb)))
			default:
				fa, fb := ca-a1, pb-b1
				d = float32(math.Sqrt(float64(fa*fa + fb*fb)))
			}
			cov := clamp01(hw+0.5-d) * alpha
			if cov <= 0 {
				continue
			}
			if steep {
				blend(dst, ib, ia, c, cov)
			} else {
				blend(dst, ia, ib, c, cov)
			}
		}
	}
}

// strokeHairline draws a one-pixel line the way Xiaolin Wu's algorithm
// does: per step along the major axis, the two pixels straddling the line
// share the coverage. It is several times cheaper than the general stroke,
// which matters for wide layers drawn as thousands of hairlines.
func strokeHairline(dst *image.RGBA, clip image.Rectangle, x0, y0, x1, y1 float32, c color.RGBA, alpha float32) {
	ax := toMajor(x0, y0, x1, y1, clip)
	steep, a0, b0, a1, b1 := ax.steep, ax.a0, ax.b0, ax.a1, ax.b1
	aMin, aMax, bMin, bMax := ax.aMin, ax.aMax, ax.bMin, ax.bMax
	var slope float32
	if a1 > a0 {
		slope = (b1 - b0) / (a1 - a0)
	}
	first := max(floorInt(a0), aMin)
	last := min(floorInt(a1), aMax-1)
	for ia := first; ia <= last; ia++ {
		// The line's minor coordinate at this column's centre, measured
		// from the centre of pixel ib.
		cb := b0 + (float32(ia)+0.5-a0)*slope - 0.5
		ib := floorInt(cb)
		frac := cb - float32(ib)
		for j, cov := range [2]float32{1 - frac, frac} {
			b := ib + j
			if b < bMin || b >= bMax {
				continue
			}
			if steep {
				blend(dst, b, ia, c, cov*alpha)
			} else {
				blend(dst, ia, b, c, cov*alpha)
			}
		}
	}
}

// fillDisc draws an anti-aliased disc of radius r centred at (cx, cy).
func fillDisc(dst *image.RGBA, clip image.Rectangle, cx, cy, r float32, c color.RGBA, alpha float32) {
	if !finite(cx) || !finite(cy) || !(r > 0) {
		return
	}
	clip = clip.Intersect(dst.Rect)
	x0, x1 := max(floorInt(cx-r-1), clip.Min.X), min(floorInt(cx+r+1), clip.Max.X-1)
	y0, y1 := max(floorInt(cy-r-1), clip.Min.Y), min(floorInt(cy+r+1), clip.Max.Y-1)
	for y := y0; y <= y1; y++ {
		dy := float32(y) + 0.5 - cy
		for x := x0; x <= x1; x++ {
			dx := float32(x) + 0.5 - cx
			d := float32(math.Sqrt(float64(dx*dx + dy*dy)))
			if cov := clamp01(r+0.5-d) * alpha; cov > 0 {
				blend(dst, x, y, c, cov)
			}
		}
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// majorAxis is a segment in (a, b) = (major, minor) coordinates: a runs
// along the axis the segment is longer in, from a0 <= a1; steep says the
// major axis is y. The clip rectangle is expressed in the same terms.
type majorAxis struct {
	steep                  bool
	a0, b0, a1, b1         float32
	aMin, aMax, bMin, bMax int
}

func toMajor(x0, y0, x1, y1 float32, clip image.Rectangle) majorAxis {
	m := majorAxis{a0: x0, b0: y0, a1: x1, b1: y1,
		aMin: clip.Min.X, aMax: clip.Max.X, bMin: clip.Min.Y, bMax: clip.Max.Y}
	if abs32(y1-y0) > abs32(x1-x0) {
		m = majorAxis{steep: true, a0: y0, b0: x0, a1: y1, b1: x1,
			aMin: clip.Min.Y, aMax: clip.Max.Y, bMin: clip.Min.X, bMax: clip.Max.X}
	}
	if m.a0 > m.a1 {
		m.a0, m.b0, m.a1, m.b1 = m.a1, m.b1, m.a0, m.b0
	}
	return m
}
