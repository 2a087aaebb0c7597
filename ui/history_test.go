package ui

import (
	"math"
	"slices"
	"testing"
)

func sampleAt(step int) Sample {
	v := float32(step)
	return Sample{Step: step, TrainLoss: v, TestLoss: 2 * v, TrainMetric: -v, TestMetric: v + 0.5}
}

func TestHistoryKeepsEverythingBelowCapacity(t *testing.T) {
	h := NewHistory(16)
	if _, ok := h.Last(); ok || h.Len() != 0 {
		t.Fatal("new history is not empty")
	}
	for s := range 10 {
		h.Add(sampleAt(s))
	}
	if !slices.Equal(h.Steps(), []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("steps %v", h.Steps())
	}
	if h.TestLoss()[4] != 8 || h.TrainMetric()[9] != -9 || h.TestMetric()[0] != 0.5 {
		t.Error("columns do not hold the samples")
	}
}

func TestHistoryMergingBoundsLengthAndKeepsEnds(t *testing.T) {
	const capacity = 16
	h := NewHistory(capacity)
	for s := range 100000 {
		h.Add(sampleAt(s))
		if h.Len() > capacity {
			t.Fatalf("after %d samples the history holds %d entries", s+1, h.Len())
		}
		if first := h.Steps()[0]; first != 0 {
			t.Fatalf("after %d samples the first entry is step %d", s+1, first)
		}
		if last, _ := h.Last(); last != sampleAt(s) {
			t.Fatalf("after %d samples the newest entry is %+v", s+1, last)
		}
	}
	if h.Len() < capacity/2 {
		t.Errorf("only %d of %d entries in use", h.Len(), capacity)
	}
	// Buckets are averages over consecutive samples: increasing steps,
	// and for a linear ramp each value lies within its bucket's steps.
	steps, loss := h.Steps(), h.TrainLoss()
	for i := 1; i < len(steps); i++ {
		if steps[i] <= steps[i-1] {
			t.Fatalf("steps not increasing: %v", steps)
		}
		if loss[i] > float32(steps[i]) || loss[i] <= float32(steps[i-1]) {
			t.Errorf("entry %d: mean %v outside its bucket (%d, %d]", i, loss[i], steps[i-1], steps[i])
		}
	}
}

func TestHistoryAveragesAndSkipsNaN(t *testing.T) {
	h := NewHistory(4) // first, two buckets, newest
	nan := float32(math.NaN())
	for s, v := range []float32{9, 1, 3, 5, 7} {
		h.Add(Sample{Step: s, TrainLoss: v, TestLoss: nan})
	}
	// 9 | 1 | 3 | 5 -> full; merging gives 9 | (1+3)/2 | open{5, 7}, newest 7.
	if got := h.TrainLoss(); !slices.Equal(got, []float32{9, 2, 7}) {
		t.Errorf("train loss %v, want [9 2 7]", got)
	}
	h.Add(Sample{Step: 5, TrainLoss: 100, TestLoss: nan})
	// The open bucket {5, 7} is full (stride 2): it closes as 6.
	if got := h.TrainLoss(); !slices.Equal(got, []float32{9, 2, 6, 100}) {
		t.Errorf("train loss %v, want [9 2 6 100]", got)
	}
	for _, v := range h.TestLoss() {
		if v == v {
			t.Errorf("an all-NaN column averaged to %v", v)
		}
	}
	h.Reset()
	if h.Len() != 0 {
		t.Error("Reset kept entries")
	}
}
