package nn

import (
	"math"
	"slices"
	"testing"
)

func regParams() []*Param {
	return []*Param{
		{Name: "W", Value: []float32{1, -2, 0}, Grad: []float32{0.5, 0.5, 0.5}, Decay: true},
		{Name: "b", Value: []float32{3}, Grad: []float32{0.5}},
	}
}

func TestRegularization(t *testing.T) {
	for _, c := range []struct {
		r        Regularization
		wantGrad []float32
		penalty  float64
	}{
		{Regularization{Kind: NoReg, Rate: 0.1}, []float32{0.5, 0.5, 0.5}, 0},
		{Regularization{Kind: L1, Rate: 0.1}, []float32{0.6, 0.4, 0.5}, 0.3},  // 0.1·(1+2+0)
		{Regularization{Kind: L2, Rate: 0.1}, []float32{0.6, 0.3, 0.5}, 0.25}, // 0.1·½·(1+4)
		{Regularization{Kind: L2, Rate: 0}, []float32{0.5, 0.5, 0.5}, 0},
	} {
		p := regParams()
		c.r.AddGrad(p)
		for i, g := range p[0].Grad {
			if math.Abs(float64(g-c.wantGrad[i])) > 1e-7 {
				t.Errorf("%v: W grad %v, want %v", c.r, p[0].Grad, c.wantGrad)
				break
			}
		}
		if !slices.Equal(p[1].Grad, []float32{0.5}) {
			t.Errorf("%v: the bias (no decay) was penalized: %v", c.r, p[1].Grad)
		}
		if got := c.r.Penalty(p); math.Abs(float64(got)-c.penalty) > 1e-7 {
			t.Errorf("%v: penalty %v, want %v", c.r, got, c.penalty)
		}
	}
}
