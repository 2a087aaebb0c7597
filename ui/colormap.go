package ui

import "image/color"

// valueLUT maps a value in [-1, 1] to its color: Orange at -1, Neutral at
// 0, Blue at 1, interpolated in sRGB as TensorFlow Playground's d3 scale
// does. A table keeps the per-pixel cost to one lookup.
var valueLUT = func() (lut [512]color.RGBA) {
	for i := range lut {
		v := float32(i)/float32(len(lut)-1)*2 - 1
		if v < 0 {
			lut[i] = lerpColor(Neutral, Orange, -v)
		} else {
			lut[i] = lerpColor(Neutral, Blue, v)
		}
	}
	return lut
}()

// fieldOpacity is how strongly fields are painted over white. TensorFlow
// Playground draws its heatmaps at alpha 160/255 over a white page; the
// paler surface lets the points, drawn in full color, stand out on it.
const fieldOpacity = 160.0 / 255

// Washed is a color as fields show it: painted at fieldOpacity over white.
// Legends for the heatmap should use it.
func Washed(c color.RGBA) color.RGBA {
	return lerpColor(color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, c, fieldOpacity)
}

// fieldLUT is valueLUT washed and packed as little-endian RGBA words, so
// DrawField stores a pixel with one write.
var fieldLUT = func() (lut [len(valueLUT)]uint32) {
	for i, c := range valueLUT {
		lut[i] = pack(Washed(c))
	}
	return lut
}()

// pack returns c as the little-endian word of its R, G, B, A bytes.
func pack(c color.RGBA) uint32 {
	return uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24
}

// lutIndex maps a value in [-1, 1] (clamped) to its valueLUT entry, and
// NaN to the middle one (Neutral).
func lutIndex(v float32) int {
	const half = float32(len(valueLUT)-1) / 2
	if v != v {
		return len(valueLUT) / 2
	}
	return int((Clamp(v, -1, 1)+1)*half + 0.5) // per pixel: Clamp, not min/max
}

// ValueColor is the color of a value in [-1, 1] (clamped; NaN is Neutral).
func ValueColor(v float32) color.RGBA {
	if v != v {
		return Neutral
	}
	return valueLUT[lutIndex(v)]
}

// ProbColor is the color of a probability vector over len(p) classes. The
// hue mixes the class colors weighted by squared probability (squaring
// keeps hues clean instead of muddy); the strength is the margin between
// the two most likely classes, so class boundaries fade to Neutral just as
// the two-class colors fade at 0.
func ProbColor(p []float32) color.RGBA {
	var r, g, b, wsum, p1, p2 float32
	for k, pk := range p {
		if pk != pk || pk <= 0 {
			continue
		}
		c := ClassColor(k)
		w := pk * pk
		r += w * float32(c.R)
		g += w * float32(c.G)
		b += w * float32(c.B)
		wsum += w
		if pk > p1 {
			p1, p2 = pk, p1
		} else if pk > p2 {
			p2 = pk
		}
	}
	if wsum == 0 {
		return Neutral
	}
	mixed := color.RGBA{uint8(r/wsum + 0.5), uint8(g/wsum + 0.5), uint8(b/wsum + 0.5), 0xFF}
	return lerpColor(Neutral, mixed, min(p1-p2, 1))
}

// lerpColor moves from a to b by t in [0, 1].
func lerpColor(a, b color.RGBA, t float32) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(float32(x) + (float32(y)-float32(x))*t + 0.5) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
}
