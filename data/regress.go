package data

import "math"

// plane: the target rises linearly along the diagonal, (x1+x2)/12, which
// spans exactly [-1, 1] over the domain; it is read at a noisy position
// and clamped to [-1, 1].
func (g *generator) plane(n int) {
	for range n {
		x := g.uniform(-Domain, Domain)
		y := g.uniform(-Domain, Domain)
		nx := g.uniform(-Domain, Domain) * g.noise
		ny := g.uniform(-Domain, Domain) * g.noise
		v := min(max((x+nx+y+ny)/(2*Domain), -1), 1)
		g.add(x, y, 0, v)
	}
}

// multiGaussBumps are six bumps on a 3x2 grid with alternating signs.
var multiGaussBumps = [6]struct{ x, y, sign float64 }{
	{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
	{-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1},
}

// multiGauss: the target is the strongest of six signed cones of radius 2
// (1 at a bump's centre, 0 at distance 2 and beyond), read at a noisy
// position.
func (g *generator) multiGauss(n int) {
	target := func(x, y float64) float64 {
		best := 0.0
		for _, b := range multiGaussBumps {
			v := b.sign * max(1-math.Hypot(x-b.x, y-b.y)/2, 0)
			if math.Abs(v) > math.Abs(best) {
				best = v
			}
		}
		return best
	}
	for range n {
		x := g.uniform(-Domain, Domain)
		y := g.uniform(-Domain, Domain)
		nx := g.uniform(-Domain, Domain) * g.noise
		ny := g.uniform(-Domain, Domain) * g.noise
		g.add(x, y, 0, target(x+nx, y+ny))
	}
}
