package data

import "math"

// Nearest finds the point closest to (x1, x2), for removing a clicked
// point. It returns index -1 and an infinite distance when pts is empty.
func Nearest(pts []Point, x1, x2 float32) (index int, dist float32) {
	index = -1
	best := float32(math.Inf(1))
	for i, p := range pts {
		dx, dy := p.X1-x1, p.X2-x2
		if d := dx*dx + dy*dy; d < best {
			index, best = i, d
		}
	}
	if index < 0 {
		return -1, best
	}
	return index, float32(math.Sqrt(float64(best)))
}
