package data

import (
	"math"
	"testing"
)

func TestFeatureValues(t *testing.T) {
	x1, x2 := float32(1.5), float32(-2)
	want := map[Feature]float32{
		X1: 1.5, X2: -2, X1Squared: 2.25, X2Squared: 4, X1X2: -3,
		SinX1: float32(math.Sin(1.5)), SinX2: float32(math.Sin(-2)),
	}
	got := FeatureVector(nil, x1, x2, Features())
	if len(got) != len(want) {
		t.Fatalf("got %d features, want %d", len(got), len(want))
	}
	for i, f := range Features() {
		if got[i] != want[f] {
			t.Errorf("%v = %v, want %v", f, got[i], want[f])
		}
	}
}

func TestFeatureVectorKeepsOrderAndReusesStorage(t *testing.T) {
	feats := []Feature{SinX2, X1, X1X2}
	buf := make([]float32, 0, 8)
	var out []float32
	allocs := testing.AllocsPerRun(100, func() { out = FeatureVector(buf, 2, 3, feats) })
	if allocs != 0 {
		t.Errorf("FeatureVector allocated %v times with room in dst", allocs)
	}
	if &out[0] != &buf[:1][0] {
		t.Error("FeatureVector did not write into dst")
	}
	want := []float32{float32(math.Sin(3)), 2, 6}
	for i := range want {
		if out[i] != want[i] {
			t.Errorf("column %d = %v, want %v", i, out[i], want[i])
		}
	}
}

func TestFeatureMatrixRows(t *testing.T) {
	pts := []Point{{X1: 1, X2: 2}, {X1: -3, X2: 0.5}}
	feats := []Feature{X2, X1Squared}
	m := FeatureMatrix(nil, pts, feats)
	want := []float32{2, 1, 0.5, 9}
	if len(m) != len(want) {
		t.Fatalf("len %d, want %d", len(m), len(want))
	}
	for i := range want {
		if m[i] != want[i] {
			t.Errorf("m[%d] = %v, want %v", i, m[i], want[i])
		}
	}
}

func TestTargets(t *testing.T) {
	pts := []Point{{Label: 2}, {Label: 0}, {Label: 7}, {Value: -0.5}}
	stale := []float32{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}
	got := Targets(stale, pts, 3)
	want := []float32{0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0} // label 7 is out of range: zeros
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("one-hot = %v, want %v", got, want)
		}
	}
	reg := Targets(nil, pts, 0)
	if len(reg) != 4 || reg[3] != -0.5 || reg[0] != 0 {
		t.Errorf("regression targets = %v", reg)
	}
}
