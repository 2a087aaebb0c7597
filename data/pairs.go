package data

// modularPairs lists every pair (a, b) of 0..p-1, a major, labelled
// (a+b) mod p. The pairs are the whole task: which are for training is
// the split's business.
func modularPairs(p int) []Point {
	pts := make([]Point, 0, p*p)
	for a := range p {
		for b := range p {
			pts = append(pts, Point{X1: float32(a), X2: float32(b), Label: (a + b) % p})
		}
	}
	return pts
}

// PairInputs writes the network's input rows for pairs of a pairs task
// with modulus p into dst's storage and returns it: a one-hot block of p
// for a, then one for b (2p columns). A coordinate outside 0..p-1 leaves
// its block zero rather than panicking.
func PairInputs(dst []float32, pts []Point, p int) []float32 {
	cols := 2 * p
	dst = grow(dst, len(pts)*cols)
	clear(dst)
	for i, pt := range pts {
		row := dst[i*cols : (i+1)*cols]
		if a := int(pt.X1); a >= 0 && a < p && float32(a) == pt.X1 {
			row[a] = 1
		}
		if b := int(pt.X2); b >= 0 && b < p && float32(b) == pt.X2 {
			row[p+b] = 1
		}
	}
	return dst
}

// InputMatrix writes the network's input rows for pts of the set: the features
// of points on the plane (latency-coded when tm.Latency is set and the set
// LatencyCodes), the one-hot pairs of a pairs task (classes is then its
// modulus), or the spike trains of a temporal task.
func (s Set) InputMatrix(dst []float32, pts []Point, feats []Feature, classes int, tm Timing) []float32 {
	if s.Pairs() {
		return PairInputs(dst, pts, s.Classes(classes))
	}
	if s.Temporal() {
		return s.SpikeInputs(dst, pts, classes, tm)
	}
	if tm.Latency > 0 && LatencyCodes(s) {
		return s.LatencyInputs(dst, pts, feats, tm.Latency)
	}
	return FeatureMatrix(dst, pts, feats)
}
