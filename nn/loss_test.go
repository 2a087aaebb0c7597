package nn

import (
	"math"
	"testing"
)

func mat(rows, cols int, v ...float32) Matrix { return Matrix{Rows: rows, Cols: cols, Data: v} }

func expectSlice(t *testing.T, what string, got []float32, want ...float64) {
	t.Helper()
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > 1e-6 {
			t.Fatalf("%s: %v, want %v", what, got, want)
		}
	}
}

func TestMSEByHand(t *testing.T) {
	grad := mat(2, 2, 9, 9, 9, 9)
	// Differences [1 0; 0 -2]: 0.5·(1 + 4) / 2 rows.
	got := NewLoss(MSE).Eval(mat(2, 2, 1, 2, 3, 4), mat(2, 2, 0, 2, 3, 6), grad)
	if got != 1.25 {
		t.Errorf("loss %v, want 1.25", got)
	}
	expectSlice(t, "grad", grad.Data, 0.5, 0, 0, -1)
}

func TestCrossEntropyByHand(t *testing.T) {
	grad := mat(1, 2, 9, 9)
	got := NewLoss(CrossEntropy).Eval(mat(1, 2, 0, 0), mat(1, 2, 1, 0), grad)
	if math.Abs(float64(got)-math.Ln2) > 1e-7 {
		t.Errorf("loss %v, want ln 2", got)
	}
	expectSlice(t, "grad", grad.Data, -0.5, 0.5)
}

func TestCrossEntropyBigLogits(t *testing.T) {
	grad := mat(2, 3, 0, 0, 0, 0, 0, 0)
	// Row 1 is confidently wrong, row 2 confidently right.
	pred := mat(2, 3, 1000, -1000, 0, 5000, 0, -5000)
	target := mat(2, 3, 0, 1, 0, 1, 0, 0)
	got := NewLoss(CrossEntropy).Eval(pred, target, grad)
	if math.Abs(float64(got)-1000) > 1e-3 { // (2000 + 0) / 2
		t.Errorf("loss %v, want 1000", got)
	}
	expectSlice(t, "grad", grad.Data, 0.5, -0.5, 0, 0, 0, 0)
}

func TestLossWithoutRowsIsNaN(t *testing.T) {
	for _, k := range Losses() {
		if got := NewLoss(k).Eval(mat(0, 2), mat(0, 2), mat(0, 2)); !math.IsNaN(float64(got)) {
			t.Errorf("%v on no rows: %v", k, got)
		}
	}
}

func TestAccuracy(t *testing.T) {
	pred := mat(4, 3, 0.1, 0.7, 0.2, 5, 1, 1, 0, 0, 1, 0.3, 0.3, 0.3)
	target := mat(4, 3, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0)
	// Rows 1 and 3 right, row 2 wrong, row 4 a tie resolved to column 0.
	if got := Accuracy(pred, target); got != 0.75 {
		t.Errorf("accuracy %v, want 0.75", got)
	}
	if got := Accuracy(mat(2, 1, 1, 2), mat(2, 1, 1, 2)); !math.IsNaN(float64(got)) {
		t.Errorf("accuracy of one column %v, want NaN", got)
	}
}
