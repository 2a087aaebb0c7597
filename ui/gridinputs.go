package ui

import "playground/data"

// GridInputs writes the network inputs of every node of a res x res grid
// over the square sq,
// one row of len(feats) features per node in the order of Field.Values
// (row by row from the top, left to right; see GridPoint), into dst's
// storage and returns it. It allocates only when dst is too small, so the
// heatmap's batched forward pass can reuse one buffer.
func GridInputs(dst []float32, sq Square, res int, feats []data.Feature) []float32 {
	cols := len(feats)
	n := max(res, 0) * max(res, 0) * cols
	if cap(dst) < n {
		dst = make([]float32, n)
	}
	dst = dst[:n]
	for row := range res {
		for col := range res {
			x1, x2 := sq.GridPoint(row, col, res)
			i := (row*res + col) * cols
			data.FeatureVector(dst[i:i+cols], x1, x2, feats)
		}
	}
	return dst
}
