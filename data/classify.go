package data

import "math"

// circleRadius is the outer radius of the circle and rings sets.
const circleRadius = 5

// circle: class 1 (blue) fills a disc of radius 2.5, class 0 (orange) a
// ring from 3.5 to 5. The label is decided at a noisy copy of the position.
func (g *generator) circle(n int) {
	const r = circleRadius
	label := func(x, y float64) int {
		nx := g.uniform(-r, r) * g.noise
		ny := g.uniform(-r, r) * g.noise
		if math.Hypot(x+nx, y+ny) < r*0.5 {
			return 1
		}
		return 0
	}
	for k, band := range [2][2]float64{{r * 0.7, r}, {0, r * 0.5}} {
		for range perClass(n, 2, k) {
			rad := g.uniform(band[0], band[1])
			a := g.uniform(0, 2*math.Pi)
			x, y := rad*math.Sin(a), rad*math.Cos(a)
			g.add(x, y, label(x, y), 0)
		}
	}
}

// xor: class 1 in the quadrants where x1*x2 > 0, class 0 in the others,
// with a 0.3 gap along the axes. Quadrants are chosen per class so the
// classes are balanced before noise relabels some points.
func (g *generator) xor(n int) {
	const padding = 0.3
	for k := range 2 {
		for range perClass(n, 2, k) {
			sx := 1.0
			if g.rng.IntN(2) == 0 {
				sx = -1
			}
			sy := sx
			if k == 0 {
				sy = -sx
			}
			x := sx * (g.uniform(0, 5) + padding)
			y := sy * (g.uniform(0, 5) + padding)
			nx := g.uniform(-5, 5) * g.noise
			ny := g.uniform(-5, 5) * g.noise
			label := 0
			if (x+nx)*(y+ny) >= 0 {
				label = 1
			}
			g.add(x, y, label, 0)
		}
	}
}

// gauss: two round Gaussian clouds at (2, 2) (class 1) and (-2, -2)
// (class 0); noise widens them, variance 0.5 at no noise to 4 at 50%.
func (g *generator) gauss(n int) {
	variance := 0.5 + 3.5*g.noise/0.5
	sd := math.Sqrt(variance)
	for k, c := range [2]float64{-2, 2} {
		for range perClass(n, 2, k) {
			x, y := g.normalIn(c, c, sd)
			g.add(x, y, k, 0)
		}
	}
}

// spiral draws `arms` interleaved spiral arms of 1.75 turns out to radius
// 5, arm k labelled k. Arm k starts at angle pi*(1+2k/arms), so two arms
// give TensorFlow Playground's spiral: class 1 starting at angle 0. Noise
// jitters positions by up to noise*2/arms in each coordinate, so the
// classes stay as separable with many arms as with two. As in TensorFlow
// Playground the points are evenly spaced along each arm, so without noise
// the set does not depend on the seed.
func (g *generator) spiral(n, arms int) {
	jitter := g.noise * 2 / float64(arms)
	for k := range arms {
		m := perClass(n, arms, k)
		delta := math.Pi * (1 + 2*float64(k)/float64(arms))
		for i := range m {
			s := float64(i) / float64(m)
			r := s * 5
			t := 1.75*s*2*math.Pi + delta
			x := r*math.Sin(t) + g.uniform(-1, 1)*jitter
			y := r*math.Cos(t) + g.uniform(-1, 1)*jitter
			g.add(x, y, k, 0)
		}
	}
}

// rings: class 0 fills the centre disc and class k the k-th ring around
// it, `classes` bands of equal width out to radius 5 with a small gap
// between bands. Points are uniform by area within their band. As in the
// circle set, the label is decided at a noisy position; the noise is
// measured in band widths (up to one band at 50%).
func (g *generator) rings(n, classes int) {
	band := circleRadius / float64(classes)
	gap := 0.1 * band
	for k := range classes {
		r0 := float64(k)*band + gap
		if k == 0 {
			r0 = 0
		}
		r1 := float64(k+1)*band - gap
		for range perClass(n, classes, k) {
			rad := math.Sqrt(g.uniform(r0*r0, r1*r1))
			a := g.uniform(0, 2*math.Pi)
			x, y := rad*math.Sin(a), rad*math.Cos(a)
			nx := g.uniform(-1, 1) * 2 * band * g.noise
			ny := g.uniform(-1, 1) * 2 * band * g.noise
			label := min(int(math.Hypot(x+nx, y+ny)/band), classes-1)
			g.add(x, y, label, 0)
		}
	}
}
