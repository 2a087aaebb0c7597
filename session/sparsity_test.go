package session

import (
	"testing"

	"playground/nn"
)

// TestSparsityIsALiveEdit: changing a KAN layer's sparsity option (pykan's
// lamb) keeps the trained network and sets the penalty on its layers,
// half the option's value (our MSE is half of pykan's).
func TestSparsityIsALiveEdit(t *testing.T) {
	s := newSession(t, presetSpec(t, "kan-expsin"))
	s.Step(5)
	next := s.Spec()
	for i := range next.Layers {
		next.Layers[i].Options[nn.KANSparsityOption] = 0.01
	}
	if k := classifyEdit(s.Spec(), next); k != editLive {
		t.Fatalf("a sparsity edit is edit kind %d, want live", k)
	}
	if err := s.Edit(next); err != nil {
		t.Fatal(err)
	}
	if s.Steps() != 5 {
		t.Errorf("the edit restarted training: step %d", s.Steps())
	}
	for i, l := range s.Network().Layers {
		if got := l.(*nn.KAN).Sparsity(); got != 0.005 {
			t.Errorf("layer %d: penalty weight %g, want 0.005", i+1, got)
		}
	}
	// With a grid change too it is a refine that also sets the penalty.
	next = s.Spec()
	next.Layers[0].Options[nn.KANGridOption] = 7
	next.Layers[0].Options[nn.KANSparsityOption] = 0
	if k := classifyEdit(s.Spec(), next); k != editRefine {
		t.Fatalf("a grid and sparsity edit is edit kind %d, want a refine", k)
	}
	if err := s.Edit(next); err != nil {
		t.Fatal(err)
	}
	if got := s.Network().Layers[0].(*nn.KAN).Sparsity(); got != 0 {
		t.Errorf("after the refine: penalty %g, want 0", got)
	}
}
