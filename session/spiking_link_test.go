package session

import (
	"math"
	"slices"
	"testing"

	"playground/nn"
)

// A weights link of a spiking network with learned delays reopens with
// the float16 weights and positions bit for bit, the same integer delays
// except where a position was within float16 rounding of a half step, and
// the same predictions: on the interval task the readout's classes
// agree on every test example, the outputs move by at most
// float16PredictionBound, and two pages opening the link agree exactly.
func TestWeightsLinkOfLearnedDelaysReproducesPredictions(t *testing.T) {
	spec := presetSpec(t, "interval-learned-delays")
	trained := newSession(t, spec)
	steps := spec.Schedule.Period // trained as the page trains it, delays settled
	trained.Step(steps)
	link, w, opened := reopen(t, trained)
	// A delay is its position rounded, so float16 may move one only where
	// the position lies within float16's spacing (1/128 below 16 steps)
	// of a half step.
	hidden := func(s *Session) *nn.LIF { return s.trainer.Net().Layers[0].(*nn.LIF) }
	before, after := hidden(trained).Delays(nil), hidden(opened).Delays(nil)
	pos := hidden(trained).Params()[1].Value
	moved := 0
	for k := range before {
		if before[k] == after[k] {
			continue
		}
		moved++
		if p := float64(pos[k]); math.Abs(p-math.Floor(p)-0.5) > 1.0/128 {
			t.Errorf("synapse %d: delay %g became %g, its position %g not near a half step", k, before[k], after[k], p)
		}
	}
	predict := func(s *Session) (out []float32, classes []int) {
		x := s.data.xTest
		pred := s.trainer.Net().Forward(x)
		for r := range pred.Rows {
			row := pred.Row(r)
			classes = append(classes, slices.Index(row, slices.Max(row)))
		}
		return slices.Clone(pred.Data), classes
	}
	outT, classT := predict(trained)
	outO, classO := predict(opened)
	differ := 0
	for i := range classT {
		if classT[i] != classO[i] {
			differ++
		}
	}
	delta := maxDelta(outT, outO)
	mt, mo := trained.Metrics(), opened.Metrics()
	t.Logf("after %d steps: %d params, link %d bytes, %d of %d delays moved by float16, test accuracy %.3f -> %.3f, %d of %d test classes differ, max |Δ output| %.3g",
		steps, len(w.Params), len(link), moved, len(before), mt.TestAcc, mo.TestAcc, differ, len(classT), delta)
	if differ > 0 || mt.TestAcc != mo.TestAcc {
		t.Errorf("the link changed %d predicted classes (test accuracy %.3f -> %.3f)", differ, mt.TestAcc, mo.TestAcc)
	}
	again := openLink(t, link)
	if outA, _ := predict(again); maxDelta(outO, outA) != 0 {
		t.Errorf("two pages opening one link differ by %g", maxDelta(outO, outA))
	}
}
