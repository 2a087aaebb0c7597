package data

import "math/rand/v2"

// SplitIndices shuffles the indices 0..n-1 with the seed and cuts them in
// two: the first trainPercent percent (rounded, clamped to 0..100) for
// training, the rest for testing. Callers that edit points by their
// generated index (removed points) split indices, so removing one point
// never moves the others between the sides.
func SplitIndices(n, trainPercent int, seed uint64) (train, test []int) {
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	rng.Shuffle(n, func(i, j int) { all[i], all[j] = all[j], all[i] })
	k := TrainCount(n, trainPercent)
	return all[:k:k], all[k:]
}

// TrainCount is how many of n examples SplitIndices puts on the training
// side: trainPercent percent, rounded, the percentage clamped to 0..100.
func TrainCount(n, trainPercent int) int {
	p := min(max(trainPercent, 0), 100)
	return (n*p + 50) / 100
}

// Split is SplitIndices applied to points, which are left in their order.
// The two results share one new backing array; appending to train cannot
// overwrite test.
func Split(points []Point, trainPercent int, seed uint64) (train, test []Point) {
	trainIdx, testIdx := SplitIndices(len(points), trainPercent, seed)
	all := make([]Point, 0, len(points))
	for _, i := range trainIdx {
		all = append(all, points[i])
	}
	for _, i := range testIdx {
		all = append(all, points[i])
	}
	k := len(trainIdx)
	return all[:k:k], all[k:]
}
