package data

import (
	"math"
	"slices"
	"testing"
)

// spikes returns the steps at which channel i spikes in a row.
func spikes(row []float32, channels, i int) []int {
	var ts []int
	for t := range len(row) / channels {
		if row[t*channels+i] != 0 {
			ts = append(ts, t)
		}
	}
	return ts
}

func TestIntervalSpikesOnceOnEachChannelAtTheClassGap(t *testing.T) {
	for _, noise := range []int{0, 25, 50} {
		const classes = 4
		pts := Generate(Interval, 400, noise, classes, 3)
		x := Interval.InputMatrix(nil, pts, nil, classes, Timing{})
		steps := Interval.Steps(classes, Timing{})
		cols := steps * Interval.Channels()
		if len(x) != len(pts)*cols || Interval.InputWidth(0, classes, Timing{}) != cols {
			t.Fatalf("%d values for %d points of %d columns", len(x), len(pts), cols)
		}
		count := make([]int, classes)
		jitter := noise / 25
		for r, p := range pts {
			row := x[r*cols : (r+1)*cols]
			a, b := spikes(row, 2, 0), spikes(row, 2, 1)
			if len(a) != 1 || len(b) != 1 {
				t.Fatalf("noise %d, row %d: A spikes at %v, B at %v, want once each", noise, r, a, b)
			}
			if gap := b[0] - a[0]; abs(gap-Timing{}.Gap(p.Label)) > jitter {
				t.Errorf("noise %d, class %d: gap %d, want %d±%d", noise, p.Label, gap, Timing{}.Gap(p.Label), jitter)
			}
			count[p.Label]++
		}
		if slices.Min(count) != slices.Max(count) {
			t.Errorf("noise %d: classes unbalanced: %v", noise, count)
		}
	}
	if !slices.Equal(Generate(Interval, 50, 10, 3, 5), Generate(Interval, 50, 10, 3, 5)) {
		t.Error("the same seed gave other examples")
	}
}

// Every example of the sequence task has the same number of spikes, each
// channel spiking once at zero noise, so counts say nothing of the class;
// the timing does.
func TestSequenceHasEqualSpikeCounts(t *testing.T) {
	const classes = 3
	for _, noise := range []int{0, 50} {
		pts := Generate(Sequence, 90, noise, classes, 4)
		x := Sequence.InputMatrix(nil, pts, nil, classes, Timing{})
		cols := Sequence.InputWidth(0, classes, Timing{})
		counts := map[int]bool{}
		for r := range pts {
			n := 0
			for _, v := range x[r*cols : (r+1)*cols] {
				n += int(v)
			}
			counts[n] = true
			if noise == 0 {
				for i := range sequenceChannels {
					if got := spikes(x[r*cols:(r+1)*cols], sequenceChannels, i); len(got) != 1 {
						t.Fatalf("row %d: channel %d spikes at %v", r, i, got)
					}
				}
			}
		}
		// Distractors may land on a pattern spike: at most that many fewer.
		lo, hi := math.MaxInt, 0
		for n := range counts {
			lo, hi = min(lo, n), max(hi, n)
		}
		if want := sequenceChannels + noise/10; hi != want || lo < want-noise/10 {
			t.Errorf("noise %d: spike counts %d..%d, want %d", noise, lo, hi, want)
		}
	}
	if sequenceTimes(0) == sequenceTimes(1) {
		t.Error("classes 0 and 1 share a pattern")
	}
}

// Hand-edited points that describe no spike train give empty rows, not a
// panic.
func TestSpikeInputsToleratesBadPoints(t *testing.T) {
	bad := []Point{{X1: -3, X2: 1e9}, {X1: 1e30, X2: -5}, {X1: 2.5, X2: float32(math.NaN())}, {X1: float32(math.Inf(1)), Label: -1}, {Label: 1 << 20}}
	for _, s := range []Set{Interval, Sequence} {
		x := s.InputMatrix(nil, bad, nil, 4, Timing{})
		if len(x) != len(bad)*s.InputWidth(0, 4, Timing{}) {
			t.Errorf("%v: %d values", s, len(x))
		}
	}
}

func abs(v int) int { return max(v, -v) }
