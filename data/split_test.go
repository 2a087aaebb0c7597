package data

import (
	"slices"
	"testing"
)

func TestSplitSizesAndContents(t *testing.T) {
	pts := Generate(Circle, 101, 10, 2, 1)
	orig := slices.Clone(pts)
	for _, c := range []struct{ percent, train int }{
		{50, 51}, {10, 10}, {90, 91}, {0, 0}, {100, 101}, {-5, 0}, {150, 101},
	} {
		train, test := Split(pts, c.percent, 4)
		if len(train) != c.train || len(test) != 101-c.train {
			t.Errorf("%d%%: sizes %d/%d, want %d/%d", c.percent, len(train), len(test), c.train, 101-c.train)
		}
		all := append(slices.Clone(train), test...)
		if !sameMultiset(all, pts) {
			t.Errorf("%d%%: train+test is not a permutation of the points", c.percent)
		}
	}
	if !slices.Equal(pts, orig) {
		t.Error("Split reordered its input")
	}
}

func TestSplitIsSeededShuffle(t *testing.T) {
	pts := Generate(Gauss, 200, 0, 2, 1)
	a, _ := Split(pts, 50, 1)
	b, _ := Split(pts, 50, 1)
	c, _ := Split(pts, 50, 2)
	if !slices.Equal(a, b) {
		t.Error("same seed gave different splits")
	}
	if slices.Equal(a, c) {
		t.Error("different seeds gave the same split")
	}
	// Gauss lists its classes one after the other: a shuffled half must
	// hold both.
	if c := labelCounts(a, 2); c[0] < 25 || c[1] < 25 {
		t.Errorf("train half is not shuffled: class counts %v", c)
	}
}

func TestSplitTrainCannotOverwriteTest(t *testing.T) {
	pts := Generate(XOR, 10, 0, 2, 1)
	train, test := Split(pts, 50, 1)
	first := test[0]
	_ = append(train, Point{X1: 99})
	if test[0] != first {
		t.Error("appending to train overwrote test")
	}
}

func sameMultiset(a, b []Point) bool {
	count := map[Point]int{}
	for _, p := range a {
		count[p]++
	}
	for _, p := range b {
		count[p]--
	}
	for _, c := range count {
		if c != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

func TestSplitIndicesMatchesSplit(t *testing.T) {
	pts := Generate(Circle, 101, 10, 2, 3)
	train, test := Split(pts, 70, 9)
	ti, si := SplitIndices(len(pts), 70, 9)
	if len(ti) != len(train) || len(si) != len(test) {
		t.Fatalf("sizes %d/%d vs %d/%d", len(ti), len(si), len(train), len(test))
	}
	seen := make([]bool, len(pts))
	for k, i := range ti {
		if pts[i] != train[k] {
			t.Fatalf("train %d: index %d is %v, Split gave %v", k, i, pts[i], train[k])
		}
		seen[i] = true
	}
	for k, i := range si {
		if pts[i] != test[k] || seen[i] {
			t.Fatalf("test %d: index %d", k, i)
		}
		seen[i] = true
	}
	for i, s := range seen {
		if !s {
			t.Fatalf("index %d is on neither side", i)
		}
	}
}
