package data

import (
	"math"
	"slices"
	"testing"
)

func TestModularPairsAreEveryPairOnce(t *testing.T) {
	for _, p := range []int{MinModulus, 23, MaxModulus} {
		pts := Generate(ModAdd, 10, 50, p, 1)
		if len(pts) != p*p {
			t.Fatalf("p=%d: %d pairs, want %d", p, len(pts), p*p)
		}
		for i, pt := range pts {
			a, b := i/p, i%p
			if pt.X1 != float32(a) || pt.X2 != float32(b) || pt.Label != (a+b)%p {
				t.Fatalf("p=%d: pair %d is %+v, want (%d, %d) -> %d", p, i, pt, a, b, (a+b)%p)
			}
		}
		if !slices.Equal(pts, Generate(ModAdd, 500, 0, p, 9)) {
			t.Errorf("p=%d: the pairs depend on points, noise or seed", p)
		}
	}
	if got := len(Generate(ModAdd, 10, 0, 1000, 1)); got != MaxModulus*MaxModulus {
		t.Errorf("p=1000 was not clamped to %d: %d pairs", MaxModulus, got)
	}
}

func TestPairInputsAreTwoOneHotBlocks(t *testing.T) {
	const p = 7
	pts := []Point{{X1: 3, X2: 5}, {X1: 0, X2: 6}, {X1: 9, X2: -1}, {X1: 2.5, X2: 1}}
	in := ModAdd.InputMatrix(nil, pts, nil, p, Timing{})
	if len(in) != len(pts)*2*p {
		t.Fatalf("%d values, want %d", len(in), len(pts)*2*p)
	}
	want := func(row, a, b int) {
		t.Helper()
		r := in[row*2*p : (row+1)*2*p]
		for j, v := range r {
			hot := j == a || j == p+b
			if (v == 1) != hot || (v != 0 && v != 1) {
				t.Errorf("row %d: %v, want a one at %d and %d", row, r, a, p+b)
				return
			}
		}
	}
	want(0, 3, 5)
	want(1, 0, 6)
	want(2, -1, -p-1) // both out of range: all zero
	want(3, -1, 1)    // a not whole: its block stays zero
	if ModAdd.Inputs(3, p) != 2*p || ModAdd.Outputs(p) != p {
		t.Errorf("ModAdd widths: %d in, %d out", ModAdd.Inputs(3, p), ModAdd.Outputs(p))
	}
}

func TestFunctionSetsSampleTheirFunction(t *testing.T) {
	cases := map[Set]func(u, v float64) float64{
		ExpSin: func(u, v float64) float64 { return math.Exp(math.Sin(math.Pi*u) + v*v) },
		XY:     func(u, v float64) float64 { return u * v },
		Ratio:  func(u, v float64) float64 { return (u + v) / (1 + u*v) },
		SinXY:  func(u, v float64) float64 { return math.Sin(math.Pi*u) * v },
		SumSq:  func(u, v float64) float64 { return u*u + v*v },
		Waves:  func(u, v float64) float64 { return math.Sin(math.Pi*u) + math.Cos(2*math.Pi*v) },
	}
	for _, s := range Sets() {
		f, ok := cases[s]
		if ok != s.Function() {
			t.Errorf("%v: Function() is %v", s, s.Function())
			continue
		}
		if !ok {
			if !math.IsNaN(float64(s.Target(0, 0))) {
				t.Errorf("%v: a target off the function sets", s)
			}
			continue
		}
		if !s.Regression() || !s.OnPlane() || s.Extent() != 1 || s.Inputs(3, 0) != 3 || s.Outputs(0) != 1 {
			t.Errorf("%v: not a regression on the square [-1, 1]^2 with one output", s)
		}
		lo, hi := s.TargetRange()
		pts := Generate(s, 500, 0, 0, 4)
		seenLo, seenHi := float32(math.Inf(1)), float32(math.Inf(-1))
		for _, p := range pts {
			want := f(float64(p.X1), float64(p.X2))
			if math.Abs(float64(p.Value)-want) > 1e-5*max(1, math.Abs(want)) {
				t.Fatalf("%v: value %v at (%v, %v), want %v", s, p.Value, p.X1, p.X2, want)
			}
			seenLo, seenHi = min(seenLo, p.Value), max(seenHi, p.Value)
		}
		// The samples should cover most of the stated range.
		if span := seenHi - seenLo; seenLo < lo || seenHi > hi || span < 0.6*(hi-lo) {
			t.Errorf("%v: samples span [%v, %v], range says [%v, %v]", s, seenLo, seenHi, lo, hi)
		}
		noisy := Generate(s, 500, 50, 0, 4)
		var diff float64
		for i := range pts {
			diff += math.Abs(float64(noisy[i].Value - pts[i].Value))
		}
		if diff == 0 {
			t.Errorf("%v: noise changed nothing", s)
		}
	}
}

func TestTaskTableIsConsistent(t *testing.T) {
	labels := map[string]Set{}
	for _, s := range Sets() {
		if prev, dup := labels[s.Label()]; dup || s.task().label == "" {
			t.Errorf("%v: label %q missing or shared with %v", s, s.Label(), prev)
		}
		labels[s.Label()] = s
		lo, hi := s.ClassRange()
		switch {
		case s.Regression():
			if lo != 0 || hi != 0 || s.Pairs() {
				t.Errorf("%v: a regression with classes %d..%d", s, lo, hi)
			}
		case lo < 2 || hi < lo:
			t.Errorf("%v: class range %d..%d", s, lo, hi)
		case s.OnPlane() && hi > MaxClasses:
			t.Errorf("%v: %d classes on the plane, more colors than there are", s, hi)
		}
		if kinds := btoi(s.OnPlane()) + btoi(s.Pairs()) + btoi(s.Temporal()); kinds != 1 {
			t.Errorf("%v: on the plane %v, pairs %v, temporal %v: want exactly one", s, s.OnPlane(), s.Pairs(), s.Temporal())
		}
		if s.Temporal() != (s.Steps(2, Timing{}) > 0) {
			t.Errorf("%v: temporal %v but %d steps", s, s.Temporal(), s.Steps(2, Timing{}))
		}
	}
	if lo, hi := ModAdd.ClassRange(); lo != MinModulus || hi != MaxModulus {
		t.Errorf("ModAdd takes p in %d..%d", lo, hi)
	}
	if numSets.Regression() || numSets.OnPlane() || numSets.Pairs() || numSets.Temporal() {
		t.Error("an unknown set claims a task")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
