package experiment

import "slices"

// Clone returns a copy of s that shares no slices with it, so that editing
// one never changes the other.
func (s Spec) Clone() Spec {
	c := s
	c.Features = slices.Clone(s.Features)
	c.Layers = slices.Clone(s.Layers)
	c.Data.Added = slices.Clone(s.Data.Added)
	c.Data.Removed = slices.Clone(s.Data.Removed)
	return c
}

// Equal reports whether s and t describe the same experiment. A nil slice
// equals an empty one (the encodings do not tell them apart), and floats
// compare with ==, so 0 equals -0.
func (s Spec) Equal(t Spec) bool {
	sd, td := s.Data, t.Data
	if sd.Set != td.Set || sd.Points != td.Points || sd.Noise != td.Noise ||
		sd.TrainPercent != td.TrainPercent || sd.Classes != td.Classes {
		return false
	}
	return slices.Equal(sd.Added, td.Added) &&
		slices.Equal(sd.Removed, td.Removed) &&
		slices.Equal(s.Features, t.Features) &&
		slices.Equal(s.Layers, t.Layers) &&
		s.Loss == t.Loss &&
		s.Init == t.Init &&
		s.Optimizer == t.Optimizer &&
		s.Schedule == t.Schedule &&
		s.Reg == t.Reg &&
		s.Batch == t.Batch &&
		s.Seed == t.Seed &&
		s.View == t.View
}
