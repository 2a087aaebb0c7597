package nn

import (
	"math"
	"testing"
)

func TestScheduleRate(t *testing.T) {
	const base = 0.2
	for _, c := range []struct {
		s    Schedule
		step int
		want float64
	}{
		{Schedule{Kind: Constant}, 0, base},
		{Schedule{Kind: Constant}, 1000, base},
		{Schedule{Kind: StepDecay, Every: 10, Gamma: 0.5}, 0, base},
		{Schedule{Kind: StepDecay, Every: 10, Gamma: 0.5}, 9, base},
		{Schedule{Kind: StepDecay, Every: 10, Gamma: 0.5}, 10, base * 0.5},
		{Schedule{Kind: StepDecay, Every: 10, Gamma: 0.5}, 25, base * 0.25},
		{Schedule{Kind: StepDecay, Every: 0, Gamma: 0.5}, 25, base},
		{Schedule{Kind: StepDecay, Every: -3, Gamma: 0.5}, 25, base},
		{Schedule{Kind: Cosine, Period: 100}, 0, base},
		{Schedule{Kind: Cosine, Period: 100}, 25, base * 0.8535533905932737},
		{Schedule{Kind: Cosine, Period: 100}, 50, base * 0.5},
		{Schedule{Kind: Cosine, Period: 100}, 100, 0},
		{Schedule{Kind: Cosine, Period: 100}, 150, 0},
		{Schedule{Kind: Cosine, Period: 0}, 50, base},
	} {
		got := c.s.Rate(base, c.step)
		if math.Abs(float64(got)-c.want) > 1e-7 {
			t.Errorf("%+v at step %d: %v, want %v", c.s, c.step, got, c.want)
		}
	}
}
