package data

// function draws n points uniformly on [-1, 1]^2 with the set's function as
// their target. Noise adds a Gaussian error to the target whose standard
// deviation is the noise fraction times half the target range (a quarter
// of the range at 50%), so the function stays recognisable.
func (g *generator) function(set Set, n int) {
	lo, hi := set.TargetRange()
	sd := g.noise * float64(hi-lo) / 2
	for range n {
		u, v := g.uniform(-1, 1), g.uniform(-1, 1)
		target := float64(set.Target(float32(u), float32(v)))
		g.add(u, v, 0, target+sd*g.rng.NormFloat64())
	}
}
