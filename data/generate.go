package data

import (
	"math"
	"math/rand/v2"
)

// MaxNoise is the largest noise percentage Generate honours.
const MaxNoise = 50

// Generate draws n points of the given set. noise is a percentage (0 to
// MaxNoise, clamped). classes is used only by the multi-class sets and is
// clamped to the set's ClassRange; the two-class sets always label their
// points 0 (orange, "negative") and 1 (blue, "positive"), and the
// regression sets put their target in Value and label every point 0.
// ModAdd ignores n and noise: its examples are all p*p pairs, p = classes.
// The same arguments always give the same points. An unknown set, an
// uploaded one (its points are the spec's) or n <= 0 gives no points.
func Generate(set Set, n int, noise int, classes int, seed uint64) []Point {
	return GenerateTimed(set, n, noise, classes, Timing{}, seed)
}

// GenerateTimed is Generate with the timing options of a task with a time
// axis (the interval task's gaps and onsets); other sets ignore them.
func GenerateTimed(set Set, n int, noise int, classes int, tm Timing, seed uint64) []Point {
	if n <= 0 || set >= numSets || set.Uploaded() {
		return nil
	}
	if set == ModAdd {
		return modularPairs(set.Classes(classes))
	}
	g := generator{
		rng:   rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		noise: float64(min(max(noise, 0), MaxNoise)) / 100,
		pts:   make([]Point, 0, n),
	}
	switch set {
	case Circle:
		g.circle(n)
	case XOR:
		g.xor(n)
	case Gauss:
		g.gauss(n)
	case Spiral:
		g.spiral(n, 2)
	case Plane:
		g.plane(n)
	case MultiGauss:
		g.multiGauss(n)
	case SpiralK:
		g.spiral(n, ClampClasses(classes))
	case Rings:
		g.rings(n, ClampClasses(classes))
	case Interval:
		g.interval(n, set.Classes(classes), tm)
	case Sequence:
		g.sequence(n, set.Classes(classes))
	default:
		if set.Function() {
			g.function(set, n)
		}
	}
	return g.pts
}

// Classes is the number of classes a set's points are labelled with for
// the requested count: 0 for regression, 2 for the two-class sets, and the
// request clamped to the set's ClassRange for the multi-class sets.
func (s Set) Classes(requested int) int {
	lo, hi := s.ClassRange()
	return min(max(requested, lo), hi)
}

// ClampClasses brings a class count into 2..MaxClasses.
func ClampClasses(k int) int { return min(max(k, 2), MaxClasses) }

// generator holds the state shared by the set-specific drawing methods.
type generator struct {
	rng   *rand.Rand
	noise float64 // fraction, 0..0.5
	pts   []Point
}

// perClass is how many of n points class k of classes gets: n split as
// evenly as possible, the first n%classes classes taking one more.
func perClass(n, classes, k int) int {
	c := n / classes
	if k < n%classes {
		c++
	}
	return c
}

func (g *generator) uniform(a, b float64) float64 { return a + (b-a)*g.rng.Float64() }

// normalIn draws from N(mean, sd^2) in each coordinate, redrawing samples
// that fall outside the domain so tails do not pile up on the border.
func (g *generator) normalIn(cx, cy, sd float64) (x, y float64) {
	for range 64 {
		x = cx + sd*g.rng.NormFloat64()
		y = cy + sd*g.rng.NormFloat64()
		if math.Abs(x) <= Domain && math.Abs(y) <= Domain {
			return x, y
		}
	}
	return clampDomain(x), clampDomain(y)
}

// add appends a point, clamping it into the domain.
func (g *generator) add(x, y float64, label int, value float64) {
	g.pts = append(g.pts, Point{
		X1:    float32(clampDomain(x)),
		X2:    float32(clampDomain(y)),
		Label: label,
		Value: float32(value),
	})
}

func clampDomain(v float64) float64 { return min(max(v, -Domain), Domain) }
