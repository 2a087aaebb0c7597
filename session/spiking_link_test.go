package session

import (
	"slices"
	"testing"

	"playground/nn"
)

// A weights link of a spiking network with learned delays reopens with
// the float16 weights and positions bit for bit, the same integer delays,
// and the same predictions: on the interval task the readout's classes
// agree on every test example, the outputs move by at most
// float16PredictionBound, and two pages opening the link agree exactly.
func TestWeightsLinkOfLearnedDelaysReproducesPredictions(t *testing.T) {
	spec := presetSpec(t, "interval-learned-delays")
	trained := newSession(t, spec)
	steps := spec.Schedule.Period // trained as the page trains it, delays settled
	trained.Step(steps)
	link, w, opened := reopen(t, trained)
	delaysOf := func(s *Session) []float32 {
		return s.trainer.Net().Layers[0].(*nn.LIF).Delays(nil)
	}
	if a, b := delaysOf(trained), delaysOf(opened); !slices.Equal(a, b) {
		t.Errorf("delays differ after the link:\n%v\n%v", a, b)
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
	t.Logf("after %d steps: %d params, link %d bytes, test accuracy %.3f -> %.3f, %d of %d test classes differ, max |Δ output| %.3g",
		steps, len(w.Params), len(link), mt.TestAcc, mo.TestAcc, differ, len(classT), delta)
	if differ > 0 || mt.TestAcc != mo.TestAcc {
		t.Errorf("the link changed %d predicted classes (test accuracy %.3f -> %.3f)", differ, mt.TestAcc, mo.TestAcc)
	}
	again := openLink(t, link)
	if outA, _ := predict(again); maxDelta(outO, outA) != 0 {
		t.Errorf("two pages opening one link differ by %g", maxDelta(outO, outA))
	}
}
