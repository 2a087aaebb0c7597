package ui

import "playground/data"

// The plane [-Domain, Domain]^2 maps onto a w x h pixel area with x1
// growing to the right and x2 growing upwards, so row 0 is the top.

// ToPlane returns the plane point at the centre of pixel (x, y) of a w x h
// area, for turning a click into a data point. x and y are relative to the
// area's top-left corner.
func ToPlane(x, y, w, h int) (x1, x2 float32) {
	const span = 2 * data.Domain
	x1 = -data.Domain + (float32(x)+0.5)/float32(w)*span
	x2 = data.Domain - (float32(y)+0.5)/float32(h)*span
	return x1, x2
}

// FromPlane returns the continuous pixel position of a plane point in a
// w x h area, where pixel (i, j) covers [i, i+1) x [j, j+1): flooring it
// gives the pixel, and FromPlane(ToPlane(x, y, w, h)) is (x+0.5, y+0.5).
func FromPlane(x1, x2 float32, w, h int) (x, y float32) {
	const span = 2 * data.Domain
	x = (x1 + data.Domain) / span * float32(w)
	y = (data.Domain - x2) / span * float32(h)
	return x, y
}

// GridPoint is the plane point of node (row, col) of a res x res sampling
// grid. The grid includes the domain's edges: row 0 is x2 = Domain, column
// 0 is x1 = -Domain, and node res-1 lies on the opposite edge, so the
// picture interpolates between samples and never extrapolates.
func GridPoint(row, col, res int) (x1, x2 float32) {
	if res < 2 {
		return 0, 0
	}
	step := float32(2*data.Domain) / float32(res-1)
	return -data.Domain + float32(col)*step, data.Domain - float32(row)*step
}
