package experiment

import (
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

// A latency code and the interval task's options reach the link as their
// own optional keys, and come back; left at their defaults they are not
// written, so links of experiments without them stay as they were.
func TestTimingKeysRoundTrip(t *testing.T) {
	plain := Default()
	if h := EncodeHash(plain); strings.Contains(h, "lat=") || strings.Contains(h, "gap") || strings.Contains(h, "onsets=") {
		t.Errorf("a default link writes timing keys: %s", h)
	}
	latency := Default()
	latency.UseSet(data.XOR)
	latency.UseLatency(12)
	interval := Default()
	interval.UseSet(data.Interval)
	interval.Data.GapFirst, interval.Data.GapStep, interval.Data.Onsets = 4, 5, 7
	for _, c := range []struct {
		spec Spec
		keys []string
	}{
		{latency, []string{"lat=12"}},
		{interval, []string{"gap=4", "gapstep=5", "onsets=7"}},
	} {
		if err := c.spec.Validate(); err != nil {
			t.Fatalf("%v", err)
		}
		h := EncodeHash(c.spec)
		for _, k := range c.keys {
			if !strings.Contains(h, "&"+k) {
				t.Errorf("%s lacks %s", h, k)
			}
		}
		back, ignored, err := DecodeHash(h)
		if err != nil || len(ignored) > 0 || !back.Equal(c.spec) {
			t.Errorf("%s read back as %+v (ignored %v, err %v)", h, back.Data, ignored, err)
		}
	}
	if !latency.Temporal() || latency.Layers[0].Kind != nn.LIFLayer || latency.Inputs() != 4 {
		t.Errorf("a latency-coded spec: temporal %v, first layer %v, %d inputs; want spiking layers over 4 channels",
			latency.Temporal(), latency.Layers[0].Kind, latency.Inputs())
	}
	if got, want := interval.Steps(), 7+4+(interval.Data.Classes-1)*5+data.MaxNoise/25+4; got != want {
		t.Errorf("the interval task with its options takes %d steps, want %d", got, want)
	}
	latency.UseLatency(0)
	if latency.Temporal() || latency.Layers[0].Kind != nn.DenseLayer {
		t.Errorf("without the code, the layers are %v", latency.Layers[0].Kind)
	}
}

// Timing options out of bounds, or a latency code of a set that is not
// classes on the plane, are refused with a message naming the option.
func TestTimingValidation(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Spec)
		want string
	}{
		{"latency too long", func(s *Spec) { s.UseLatency(data.MaxLatency + 1) }, "latency code's time steps"},
		{"latency negative", func(s *Spec) { s.Data.Latency = -3 }, "latency code's time steps"},
		{"latency of a regression", func(s *Spec) { s.UseSet(data.Plane); s.Data.Latency = 12 }, "cannot be coded as spike latencies"},
		{"gap too long", func(s *Spec) { s.UseSet(data.Interval); s.Data.GapFirst = data.MaxGapFirst + 1 }, "first gap"},
		{"gap step negative", func(s *Spec) { s.UseSet(data.Interval); s.Data.GapStep = -1 }, "gap step"},
		{"onsets too many", func(s *Spec) { s.UseSet(data.Interval); s.Data.Onsets = data.MaxOnsets + 1 }, "onset range"},
	} {
		s := Default()
		c.edit(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error about %q", c.name, err, c.want)
		}
	}
	// A hand-edited link with such a value is refused, not read.
	if _, _, err := DecodeHash("v=2&d=interval&k=4&gap=999"); err == nil {
		t.Error("a link with gap=999 was read")
	}
}
