package data

import "math"

// Value computes the feature at (x1, x2).
func (f Feature) Value(x1, x2 float32) float32 {
	switch f {
	case X1:
		return x1
	case X2:
		return x2
	case X1Squared:
		return x1 * x1
	case X2Squared:
		return x2 * x2
	case X1X2:
		return x1 * x2
	case SinX1:
		return float32(math.Sin(float64(x1)))
	case SinX2:
		return float32(math.Sin(float64(x2)))
	}
	return 0
}

// grow returns dst resized to n, reusing its storage when it has room.
func grow(dst []float32, n int) []float32 {
	if cap(dst) < n {
		return make([]float32, n)
	}
	return dst[:n]
}

// FeatureVector writes the features of (x1, x2) in the order of feats into
// dst's storage (from index 0) and returns it resized to len(feats). It
// allocates only when dst is too small.
func FeatureVector(dst []float32, x1, x2 float32, feats []Feature) []float32 {
	dst = grow(dst, len(feats))
	for i, f := range feats {
		dst[i] = f.Value(x1, x2)
	}
	return dst
}

// FeatureMatrix writes one row of features per point (len(pts) rows by
// len(feats) columns, row-major) into dst's storage and returns it.
func FeatureMatrix(dst []float32, pts []Point, feats []Feature) []float32 {
	cols := len(feats)
	dst = grow(dst, len(pts)*cols)
	for i, p := range pts {
		FeatureVector(dst[i*cols:(i+1)*cols], p.X1, p.X2, feats)
	}
	return dst
}

// Targets writes the training targets of pts into dst's storage and
// returns it. For classification (classes >= 1) each point gets a one-hot
// row of `classes` columns; a label outside 0..classes-1 gives an all-zero
// row rather than a panic, so one bad added point cannot stop the page.
// For regression (classes == 0) each point gets one column holding Value.
func Targets(dst []float32, pts []Point, classes int) []float32 {
	if classes <= 0 {
		dst = grow(dst, len(pts))
		for i, p := range pts {
			dst[i] = p.Value
		}
		return dst
	}
	dst = grow(dst, len(pts)*classes)
	clear(dst)
	for i, p := range pts {
		if p.Label >= 0 && p.Label < classes {
			dst[i*classes+p.Label] = 1
		}
	}
	return dst
}
