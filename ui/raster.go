package ui

import (
	"image"
	"image/color"
)

// The low-level pixel operations every view shares. dst is always an
// opaque, alpha-premultiplied *image.RGBA; colors passed in are opaque.

// fill paints r (clipped to dst) with c: the first row pixel by pixel, the
// others copied from it.
func fill(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	first := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y):dst.PixOffset(r.Max.X, r.Min.Y)]
	for i := 0; i+4 <= len(first); i += 4 {
		p := first[i : i+4 : i+4]
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, c.A
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(dst.Pix[dst.PixOffset(r.Min.X, y):], first)
	}
}

// outline paints a 1-pixel border just inside r.
func outline(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	fill(dst, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), c)
	fill(dst, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), c)
	fill(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), c)
	fill(dst, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), c)
}

// set writes c at (x, y), which the caller has checked is inside dst.
func set(dst *image.RGBA, x, y int, c color.RGBA) {
	i := dst.PixOffset(x, y)
	p := dst.Pix[i : i+4 : i+4]
	p[0], p[1], p[2], p[3] = c.R, c.G, c.B, c.A
}

// blend composites c with coverage a in [0, 1] over the pixel at (x, y),
// which the caller has checked is inside dst.
func blend(dst *image.RGBA, x, y int, c color.RGBA, a float32) {
	ai := uint32(a*255 + 0.5)
	if ai == 0 {
		return
	}
	i := dst.PixOffset(x, y)
	p := dst.Pix[i : i+4 : i+4]
	if ai >= 255 {
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, 0xFF
		return
	}
	keep := 255 - ai
	p[0] = uint8((uint32(c.R)*ai + uint32(p[0])*keep + 127) / 255)
	p[1] = uint8((uint32(c.G)*ai + uint32(p[1])*keep + 127) / 255)
	p[2] = uint8((uint32(c.B)*ai + uint32(p[2])*keep + 127) / 255)
	p[3] = uint8(ai + (uint32(p[3])*keep+127)/255)
}

// Clamp clamps v to [lo, hi] (NaN stays NaN). Branches, not the min and
// max builtins: those are runtime calls in WebAssembly, and Clamp runs per
// pixel here and per value of every picture's grids in the session.
func Clamp(v, lo, hi float32) float32 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// clamp01 clamps v to [0, 1] (NaN stays NaN).
func clamp01(v float32) float32 { return Clamp(v, 0, 1) }

func floorInt(v float32) int {
	i := int(v)
	if float32(i) > v {
		i--
	}
	return i
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float32) bool { return v == v && v-v == 0 }

// peakMagnitude is the largest |v| over the finite values of vs, 0 when
// there are none.
func peakMagnitude(vs []float32) float32 {
	var peak float32
	for _, v := range vs {
		if finite(v) {
			peak = max(peak, abs32(v))
		}
	}
	return peak
}
