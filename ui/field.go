package ui

import (
	"encoding/binary"
	"image"

	"playground/data"
)

// Field is a function over the plane sampled on a Res x Res grid (see
// GridPoint for where the nodes lie; Values runs row by row from the top).
//
// With Classes < 2 it holds one value per node in [-1, 1]: a regression
// output, p(class 1) - p(class 0) for two classes, or a neuron's output
// normalized for display. With Classes >= 2 it holds Classes probabilities
// per node, node after node.
type Field struct {
	Res, Classes int
	Values       []float32
}

// stride is the number of values per grid node.
func (f Field) stride() int {
	if f.Classes >= 2 {
		return f.Classes
	}
	return 1
}

// valid reports whether Values holds the whole grid.
func (f Field) valid() bool {
	return f.Res >= 1 && len(f.Values) >= f.Res*f.Res*f.stride()
}

// maxFieldClasses bounds the per-pixel scratch of DrawField.
const maxFieldClasses = data.MaxClasses

// DrawField fills all of dst with the field, interpolating bilinearly
// between grid nodes so it looks smooth at any size. Scalar fields go from
// Orange (-1) through Neutral (0) to Blue (1); class fields mix the class
// colors by probability (see ProbColor). discretize paints hard colors
// instead: the sign for scalars, the most likely class for classes. All
// colors are Washed, as in TensorFlow Playground, so points stand out. A
// field whose Values do not cover the grid, or with more than
// data.MaxClasses classes, paints neutral.
func DrawField(dst *image.RGBA, f Field, discretize bool) {
	drawField(dst, dst.Rect, f, discretize)
}

// drawField paints f into the rectangle r of dst (clipped to dst).
//
// Bilinear interpolation is done in two steps: down the columns (between
// grid rows r0 and r1) and then across. The vertical step only changes when
// a pixel enters a new grid cell, so it is cached per cell and most pixels
// cost one horizontal interpolation and one color lookup.
func drawField(dst *image.RGBA, r image.Rectangle, f Field, discretize bool) {
	vis := r.Intersect(dst.Rect)
	if vis.Empty() {
		return
	}
	if !f.valid() || f.Classes > maxFieldClasses {
		fill(dst, vis, Washed(Neutral))
		return
	}
	k := f.stride()
	last := float32(f.Res - 1)
	sx, sy := last/float32(r.Dx()), last/float32(r.Dy())
	rowLen := f.Res * k
	for y := vis.Min.Y; y < vis.Max.Y; y++ {
		gy := (float32(y-r.Min.Y) + 0.5) * sy
		r0 := min(int(gy), f.Res-1)
		fy := gy - float32(r0)
		top := f.Values[r0*rowLen : (r0+1)*rowLen]
		bottom := f.Values[min(r0+1, f.Res-1)*rowLen:][:rowLen]
		pix := dst.Pix[dst.PixOffset(vis.Min.X, y):dst.PixOffset(vis.Max.X, y)]
		if k == 1 {
			drawScalarRow(pix, top, bottom, fy, float32(vis.Min.X-r.Min.X), sx, discretize)
		} else {
			drawClassRow(pix, top, bottom, k, fy, float32(vis.Min.X-r.Min.X), sx, discretize)
		}
	}
}

// drawScalarRow fills one row of pixels from two grid rows of a scalar
// field. x0 is the first pixel's column within the field's rectangle and
// sx the grid columns per pixel.
func drawScalarRow(pix []byte, top, bottom []float32, fy, x0, sx float32, discretize bool) {
	last := len(top) - 1
	cell := -1
	var left, right float32 // vertically interpolated values at the cell's sides
	gx := (x0 + 0.5) * sx
	neg, pos := pack(Washed(Orange)), pack(Washed(Blue))
	for i := 0; i+4 <= len(pix); i, gx = i+4, gx+sx {
		c0 := min(int(gx), last)
		if c0 != cell {
			cell = c0
			c1 := min(c0+1, last)
			left = top[c0] + (bottom[c0]-top[c0])*fy
			right = top[c1] + (bottom[c1]-top[c1])*fy
		}
		v := left + (right-left)*(gx-float32(c0))
		word := fieldLUT[lutIndex(v)]
		switch {
		case !discretize || v != v: // NaN stays neutral
		case v >= 0:
			word = pos
		default:
			word = neg
		}
		binary.LittleEndian.PutUint32(pix[i:], word)
	}
}

// drawClassRow is drawScalarRow for fields of k class probabilities. It
// computes what Washed(ProbColor(p)) does, fused into one pass over the
// classes with the washed palette precomputed: washing is affine, so it
// commutes with ProbColor's mixing.
func drawClassRow(pix []byte, top, bottom []float32, k int, fy, x0, sx float32, discretize bool) {
	last := len(top)/k - 1
	cell := -1
	var left, right [maxFieldClasses]float32
	var palette [maxFieldClasses][3]float32
	var words [maxFieldClasses]uint32
	for c := range k {
		w := Washed(ClassColor(c))
		palette[c] = [3]float32{float32(w.R), float32(w.G), float32(w.B)}
		words[c] = pack(w)
	}
	wn := Washed(Neutral)
	neutral := [3]float32{float32(wn.R), float32(wn.G), float32(wn.B)}
	gx := (x0 + 0.5) * sx
	for i := 0; i+4 <= len(pix); i, gx = i+4, gx+sx {
		c0 := min(int(gx), last)
		if c0 != cell {
			cell = c0
			c1 := min(c0+1, last)
			for c := range k {
				a, b := c0*k+c, c1*k+c
				left[c] = top[a] + (bottom[a]-top[a])*fy
				right[c] = top[b] + (bottom[b]-top[b])*fy
			}
		}
		fx := gx - float32(c0)
		var word uint32
		switch {
		case discretize:
			best, bestP := 0, left[0]+(right[0]-left[0])*fx
			for c := 1; c < k; c++ {
				if p := left[c] + (right[c]-left[c])*fx; p > bestP {
					best, bestP = c, p
				}
			}
			word = words[best]
		case k == 2:
			// The same scale as a scalar field, so a two-class model
			// looks alike whichever output it has.
			p0 := left[0] + (right[0]-left[0])*fx
			p1 := left[1] + (right[1]-left[1])*fx
			word = fieldLUT[lutIndex(p1-p0)]
		default:
			var r, g, b, wsum, p1, p2 float32
			for c := range k {
				p := left[c] + (right[c]-left[c])*fx
				if !(p > 0) {
					continue
				}
				w := p * p
				r += w * palette[c][0]
				g += w * palette[c][1]
				b += w * palette[c][2]
				wsum += w
				if p > p1 {
					p1, p2 = p, p1
				} else if p > p2 {
					p2 = p
				}
			}
			m := float32(0)
			if wsum > 0 {
				m = min(p1-p2, 1) / wsum // strength, folded with the normalization
			}
			n := 1 - m*wsum
			word = uint32(neutral[0]*n+r*m+0.5) | uint32(neutral[1]*n+g*m+0.5)<<8 |
				uint32(neutral[2]*n+b*m+0.5)<<16 | 0xFF<<24
		}
		binary.LittleEndian.PutUint32(pix[i:], word)
	}
}
