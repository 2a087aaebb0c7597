package data

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// classCounts lists the class counts each set is tested with.
func classCounts(s Set) []int {
	if s.MultiClass() {
		return []int{2, 3, 4, 5, 6, 7, 8}
	}
	return []int{s.Classes(0)}
}

// planeSets are the sets whose examples are drawn points on the plane
// (pairs tasks and uploaded sets have tests of their own).
func planeSets() []Set {
	var sets []Set
	for _, s := range Sets() {
		if s.OnPlane() && !s.Uploaded() {
			sets = append(sets, s)
		}
	}
	return sets
}

func TestGenerateIsDeterministicPerSeed(t *testing.T) {
	for _, s := range planeSets() {
		a := Generate(s, 300, 25, 4, 7)
		b := Generate(s, 300, 25, 4, 7)
		if !slices.Equal(a, b) {
			t.Errorf("%v: same seed gave different points", s)
		}
		c := Generate(s, 300, 25, 4, 8)
		if slices.Equal(a, c) {
			t.Errorf("%v: seeds 7 and 8 gave the same points", s)
		}
	}
}

func TestGenerateCountsAndBounds(t *testing.T) {
	for _, s := range planeSets() {
		e := float64(s.Extent())
		lo, hi := s.TargetRange()
		for _, k := range classCounts(s) {
			for _, n := range []int{1, 2, 7, 100, 501} {
				for _, noise := range []int{0, 50} {
					pts := Generate(s, n, noise, k, 1)
					if len(pts) != n {
						t.Fatalf("%v k=%d n=%d: got %d points", s, k, n, len(pts))
					}
					for _, p := range pts {
						if math.Abs(float64(p.X1)) > e || math.Abs(float64(p.X2)) > e {
							t.Fatalf("%v k=%d noise=%d: point %+v outside the domain", s, k, noise, p)
						}
						if p.Label < 0 || p.Label >= max(k, 1) {
							t.Fatalf("%v k=%d: label %d out of range", s, k, p.Label)
						}
						inRange := p.Value >= lo && p.Value <= hi || noise > 0 && s.Function()
						if s.Regression() && (!inRange || p.Label != 0 || p.Value != p.Value) {
							t.Fatalf("%v: regression point %+v", s, p)
						}
					}
				}
			}
		}
	}
}

func TestGenerateRejectsEmptyRequests(t *testing.T) {
	if pts := Generate(Circle, 0, 0, 2, 1); len(pts) != 0 {
		t.Errorf("n=0 gave %d points", len(pts))
	}
	if pts := Generate(numSets, 10, 0, 2, 1); len(pts) != 0 {
		t.Errorf("unknown set gave %d points", len(pts))
	}
}

func labelCounts(pts []Point, k int) []int {
	c := make([]int, k)
	for _, p := range pts {
		c[p.Label]++
	}
	return c
}

// Without noise every class gets its share to within one point; with the
// most noise (which relabels points of the circle, XOR and ring sets)
// every class still keeps a substantial share.
func TestGenerateBalancesClasses(t *testing.T) {
	const n = 1000
	for _, s := range planeSets() {
		if s.Regression() {
			continue
		}
		for _, k := range classCounts(s) {
			t.Run(fmt.Sprintf("%v/%d", s, k), func(t *testing.T) {
				for _, c := range labelCounts(Generate(s, n, 0, k, 3), k) {
					if c < n/k || c > n/k+1 {
						t.Errorf("noise 0: class counts %v, want %d each", labelCounts(Generate(s, n, 0, k, 3), k), n/k)
						break
					}
				}
				counts := labelCounts(Generate(s, n, 50, k, 3), k)
				for _, c := range counts {
					if c < n/k/2 {
						t.Errorf("noise 50: class counts %v, a class fell below half its share", counts)
						break
					}
				}
			})
		}
	}
}

func TestGenerateClampsClasses(t *testing.T) {
	for _, k := range []int{-1, 0, 1, 99} {
		got := Generate(Rings, 100, 0, k, 1)
		want := Generate(Rings, 100, 0, ClampClasses(k), 1)
		if !slices.Equal(got, want) {
			t.Errorf("classes %d was not clamped to %d", k, ClampClasses(k))
		}
	}
	if Rings.Classes(99) != MaxClasses || Circle.Classes(5) != 2 || Plane.Classes(3) != 0 {
		t.Error("Set.Classes disagrees with the generators")
	}
}

func TestNoiseChangesPoints(t *testing.T) {
	for _, s := range planeSets() {
		quiet := Generate(s, 200, 0, 3, 5)
		loud := Generate(s, 200, 50, 3, 5)
		if slices.Equal(quiet, loud) {
			t.Errorf("%v: noise 0 and 50 gave the same points", s)
		}
	}
}

// Spot checks that each set has the shape it is named for.
func TestSetShapes(t *testing.T) {
	for _, p := range Generate(Circle, 400, 0, 2, 1) {
		r := math.Hypot(float64(p.X1), float64(p.X2))
		if (p.Label == 1) != (r <= 2.5) {
			t.Fatalf("circle: label %d at radius %.2f", p.Label, r)
		}
	}
	for _, p := range Generate(XOR, 400, 0, 2, 1) {
		if (p.Label == 1) != (p.X1*p.X2 > 0) {
			t.Fatalf("xor: label %d at (%.2f, %.2f)", p.Label, p.X1, p.X2)
		}
	}
	for _, p := range Generate(Gauss, 400, 0, 2, 1) {
		if (p.Label == 1) != (p.X1+p.X2 > 0) {
			t.Fatalf("gauss: label %d at (%.2f, %.2f) is on the other cloud's side", p.Label, p.X1, p.X2)
		}
	}
	for _, p := range Generate(Rings, 400, 0, 4, 1) {
		r := math.Hypot(float64(p.X1), float64(p.X2))
		if int(r/1.25) != p.Label {
			t.Fatalf("rings: label %d at radius %.2f", p.Label, r)
		}
	}
	for _, p := range Generate(Plane, 400, 0, 0, 1) {
		if want := (p.X1 + p.X2) / 12; math.Abs(float64(p.Value-want)) > 1e-5 {
			t.Fatalf("plane: value %v at (%v, %v), want %v", p.Value, p.X1, p.X2, want)
		}
	}
	peak := Generate(MultiGauss, 2000, 0, 0, 1)
	var hi, lo float32
	for _, p := range peak {
		hi, lo = max(hi, p.Value), min(lo, p.Value)
	}
	if hi < 0.8 || lo > -0.8 {
		t.Errorf("multigauss: values span [%v, %v], want bumps of both signs near 1", lo, hi)
	}
}

// Two arms of SpiralK are TensorFlow Playground's spiral.
func TestSpiralKWithTwoArmsIsSpiral(t *testing.T) {
	if !slices.Equal(Generate(Spiral, 300, 20, 2, 9), Generate(SpiralK, 300, 20, 2, 9)) {
		t.Error("SpiralK with 2 arms differs from Spiral")
	}
}
