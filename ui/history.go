package ui

import "math"

// Sample is one measurement of training progress. The metric is the
// task's: accuracy for classes, RMSE for a regression.
type Sample struct {
	Step                    int
	TrainLoss, TestLoss     float32
	TrainMetric, TestMetric float32
}

// DefaultHistoryCap is a history length that keeps curves smooth on any
// chart narrower than about 500 pixels.
const DefaultHistoryCap = 512

// History records training progress in bounded memory, however long
// training runs. It keeps the first sample as it is, the newest sample as
// it is, and between them buckets of equal numbers of samples, averaged.
// When the buckets fill the capacity, neighbouring buckets are merged in
// pairs and each bucket holds twice as many samples from then on.
//
// Its columns (Steps, TrainLoss, ...) are views of the same entries, ready
// to chart; they stay valid until the next Add or Reset. A NaN value (a test
// loss without test points, say) is left out of bucket averages and is
// NaN in a bucket only when all its samples were.
type History struct {
	capacity int
	stride   int // samples per closed bucket
	closed   int // closed buckets, entries 1..closed
	n        int // entries in view: first, closed buckets, newest
	steps    []int
	cols     [4][]float32 // train loss, test loss, train metric, test metric
	open     bucket       // the samples since the last closed bucket
}

// bucket accumulates samples, tracking finite counts per column.
type bucket struct {
	count int
	sum   [4]float64
	seen  [4]int
}

// NewHistory returns an empty history of at most capacity entries
// (at least 4, rounded down to an even number).
func NewHistory(capacity int) *History {
	capacity = max(capacity, 4) &^ 1
	h := &History{capacity: capacity, steps: make([]int, capacity)}
	for i := range h.cols {
		h.cols[i] = make([]float32, capacity)
	}
	h.Reset()
	return h
}

// Reset forgets every sample, keeping the memory.
func (h *History) Reset() {
	h.stride, h.closed, h.n, h.open = 1, 0, 0, bucket{}
}

// Add records a sample. Steps should grow from one sample to the next.
func (h *History) Add(s Sample) {
	vals := [4]float32{s.TrainLoss, s.TestLoss, s.TrainMetric, s.TestMetric}
	if h.n == 0 {
		h.put(0, s.Step, vals)
		h.n = 1
		return
	}
	if h.open.count == h.stride {
		if h.closed == h.capacity-2 {
			// Full: halve the resolution. The open bucket, now half
			// as large as a bucket should be, keeps filling.
			h.mergePairs()
		} else {
			h.closeBucket()
		}
	}
	h.open.count++
	for c, v := range vals {
		if v == v {
			h.open.sum[c] += float64(v)
			h.open.seen[c]++
		}
	}
	// The newest sample sits right after the closed buckets.
	h.put(1+h.closed, s.Step, vals)
	h.n = 2 + h.closed
}

// closeBucket turns the open bucket into entry 1+closed. Its step is
// that of its newest sample, which the newest entry holds right now.
func (h *History) closeBucket() {
	i := 1 + h.closed
	for c := range h.cols {
		h.cols[c][i] = float32(math.NaN())
		if h.open.seen[c] > 0 {
			h.cols[c][i] = float32(h.open.sum[c] / float64(h.open.seen[c]))
		}
	}
	h.closed++
	h.open = bucket{}
}

// mergePairs merges closed buckets 2k+1 and 2k+2 into bucket k+1.
func (h *History) mergePairs() {
	for k := range h.closed / 2 {
		a, b := 1+2*k, 2+2*k
		h.steps[1+k] = h.steps[b]
		for c := range h.cols {
			h.cols[c][1+k] = nanMean(h.cols[c][a], h.cols[c][b])
		}
	}
	h.closed /= 2
	h.stride *= 2
}

func (h *History) put(i, step int, vals [4]float32) {
	h.steps[i] = step
	for c, v := range vals {
		h.cols[c][i] = v
	}
}

// nanMean averages two values, ignoring a NaN.
func nanMean(a, b float32) float32 {
	switch {
	case a != a:
		return b
	case b != b:
		return a
	}
	return (a + b) / 2
}

// Len returns the number of entries.
func (h *History) Len() int { return h.n }

// Last returns the newest sample as recorded, and false when empty.
func (h *History) Last() (Sample, bool) {
	if h.n == 0 {
		return Sample{}, false
	}
	i := h.n - 1
	return Sample{h.steps[i], h.cols[0][i], h.cols[1][i], h.cols[2][i], h.cols[3][i]}, true
}

// Steps is the step of each entry (for a bucket, that of its newest sample).
func (h *History) Steps() []int { return h.steps[:h.n] }

// TrainLoss is the training loss of each entry.
func (h *History) TrainLoss() []float32 { return h.cols[0][:h.n] }

// TestLoss is the test loss of each entry.
func (h *History) TestLoss() []float32 { return h.cols[1][:h.n] }

// TrainMetric is the training metric of each entry.
func (h *History) TrainMetric() []float32 { return h.cols[2][:h.n] }

// TestMetric is the test metric of each entry.
func (h *History) TestMetric() []float32 { return h.cols[3][:h.n] }
