package experiment

import (
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

func TestTimeAxisMustFitTheTask(t *testing.T) {
	s := Default()
	s.Layers[0] = NewLayer(nn.LIFLayer, 4, nn.Linear)
	err := s.Validate()
	if err == nil || !strings.Contains(err.Error(), "has no time axis") {
		t.Errorf("a spiking layer on %v: %v", s.Data.Set, err)
	}
	s = Default()
	s.Data.Set = data.Interval
	err = s.Validate()
	if err == nil || !strings.Contains(err.Error(), "spike trains over time steps, which a dense layer cannot read") {
		t.Errorf("dense layers on the interval task: %v", err)
	}
	s.UseSet(data.Interval)
	if err := s.Validate(); err != nil {
		t.Errorf("after UseSet: %v", err)
	}
	for _, l := range s.Layers {
		if l.Kind != nn.LIFLayer {
			t.Errorf("UseSet(interval) left a %v layer", l.Kind)
		}
	}
	if got, want := s.InputWidth(), data.Interval.Channels()*data.Interval.Steps(s.Data.Classes, data.Timing{}); got != want {
		t.Errorf("input width %d, want %d", got, want)
	}
	s.UseSet(data.Circle)
	if err := s.Validate(); err != nil || s.Layers[0].Kind != nn.DenseLayer {
		t.Errorf("back on the plane: %v, layers %v", err, s.Layers)
	}
}

// A step over time steps and delay taps is bounded like any other: a
// wide spiking layer with long delays at a large batch is refused.
func TestSpikingStepWorkIsBounded(t *testing.T) {
	s := Default()
	s.UseSet(data.Sequence)
	if w, n := s.ExampleWork(), s.NumParams(); w != n*s.Steps() {
		t.Errorf("no delays: %d uses for %d parameters over %d steps", w, n, s.Steps())
	}
	s.Layers[0].Units = 256
	s.Layers[0].Options[nn.LIFDelays], s.Layers[0].Options[nn.LIFMaxDelay] = nn.DelayLearned, 50
	s.Batch = MaxBatch
	err := s.Validate()
	if err == nil || !strings.Contains(err.Error(), "delay taps") {
		t.Errorf("a heavy spiking step was not refused: %v", err)
	}
	s.Batch, s.Layers[0].Units = 1, 8
	if err := s.Validate(); err != nil {
		t.Errorf("a light one was: %v", err)
	}
}
