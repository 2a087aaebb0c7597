package experiment

import (
	"maps"
	"slices"
)

// Clone returns a copy of s that shares no slices with it, so that editing
// one never changes the other.
func (s Spec) Clone() Spec {
	c := s
	c.Features = slices.Clone(s.Features)
	c.Layers = slices.Clone(s.Layers)
	for i := range c.Layers {
		c.Layers[i].Options = maps.Clone(c.Layers[i].Options)
	}
	c.Data.Added = slices.Clone(s.Data.Added)
	c.Data.Removed = slices.Clone(s.Data.Removed)
	c.Data.Uploaded = slices.Clone(s.Data.Uploaded)
	return c
}

// Equal reports whether s and t describe the same experiment. A nil slice
// equals an empty one (the encodings do not tell them apart), and floats
// compare with ==, so 0 equals -0.
func (s Spec) Equal(t Spec) bool {
	sd, td := s.Data, t.Data
	if sd.Set != td.Set || sd.Points != td.Points || sd.Noise != td.Noise ||
		sd.TrainPercent != td.TrainPercent || sd.Classes != td.Classes || sd.Seed != td.Seed ||
		sd.Timing != td.Timing {
		return false
	}
	return slices.Equal(sd.Added, td.Added) &&
		slices.Equal(sd.Removed, td.Removed) &&
		slices.Equal(sd.Uploaded, td.Uploaded) &&
		slices.Equal(s.Features, t.Features) &&
		slices.EqualFunc(s.Layers, t.Layers, LayerSpec.Equal) &&
		s.Loss == t.Loss &&
		s.Init == t.Init &&
		s.Rule == t.Rule &&
		s.Optimizer == t.Optimizer &&
		s.Schedule == t.Schedule &&
		s.Reg == t.Reg &&
		s.Batch == t.Batch &&
		s.Seed == t.Seed &&
		s.View == t.View
}

// Equal reports whether two layers are the same; nil options equal empty.
func (l LayerSpec) Equal(m LayerSpec) bool {
	return l.Kind == m.Kind && l.Units == m.Units && l.Activation == m.Activation &&
		maps.Equal(l.Options, m.Options)
}
