package nn

import "math"

// Accuracy returns the fraction of rows whose largest prediction is in the
// same column as the largest target: classification accuracy for one-hot
// targets. It is NaN when there are fewer than two columns (regression)
// or no rows.
func Accuracy(pred, target Matrix) float32 {
	if pred.Cols < 2 || pred.Rows == 0 {
		return float32(math.NaN())
	}
	return float32(countCorrect(pred, target)) / float32(pred.Rows)
}

// countCorrect counts the rows where pred and target agree on the argmax.
func countCorrect(pred, target Matrix) int {
	correct := 0
	for i := range pred.Rows {
		if argmax(pred.Row(i)) == argmax(target.Row(i)) {
			correct++
		}
	}
	return correct
}

// argmax returns the index of the largest value, the first on ties.
func argmax(r []float32) int {
	best := 0
	for j, v := range r {
		if v > r[best] {
			best = j
		}
	}
	return best
}
