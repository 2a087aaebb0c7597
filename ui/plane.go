package ui

// Square is the half-width s of the square [-s, s]^2 of the plane a
// heatmap shows: data.Domain for TensorFlow Playground's sets, 1 for the
// function sets (data.Set.Extent). It maps onto a w x h pixel area with
// x1 growing to the right and x2 growing upwards, so row 0 is the top.
type Square float32

// ToPlane returns the plane point at the centre of pixel (x, y) of a w x h
// area, for turning a click into a data point. x and y are relative to the
// area's top-left corner.
func (s Square) ToPlane(x, y, w, h int) (x1, x2 float32) {
	e := float32(s)
	x1 = -e + (float32(x)+0.5)/float32(w)*2*e
	x2 = e - (float32(y)+0.5)/float32(h)*2*e
	return x1, x2
}

// FromPlane returns the continuous pixel position of a plane point in a
// w x h area, where pixel (i, j) covers [i, i+1) x [j, j+1): flooring it
// gives the pixel, and FromPlane(ToPlane(x, y, w, h)) is (x+0.5, y+0.5).
func (s Square) FromPlane(x1, x2 float32, w, h int) (x, y float32) {
	e := float32(s)
	x = (x1 + e) / (2 * e) * float32(w)
	y = (e - x2) / (2 * e) * float32(h)
	return x, y
}

// GridPoint is the plane point of node (row, col) of a res x res sampling
// grid. The grid includes the square's edges: row 0 is x2 = s, column 0 is
// x1 = -s, and node res-1 lies on the opposite edge, so the picture
// interpolates between samples and never extrapolates.
func (s Square) GridPoint(row, col, res int) (x1, x2 float32) {
	if res < 2 {
		return 0, 0
	}
	e := float32(s)
	step := 2 * e / float32(res-1)
	return -e + float32(col)*step, e - float32(row)*step
}
