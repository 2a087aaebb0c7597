package session

import (
	"playground/experiment"
	"playground/nn"
)

type editKind uint8

const (
	editNone    editKind = iota // nothing the model depends on changed
	editLive                    // learning rate, regularization, KAN sparsity: apply to the running model
	editPoints                  // hand-placed points: swap the training rows, keep the weights
	editRefine                  // KAN grid sizes: refine the grids, keep the functions
	editRebuild                 // anything else: a new model from the spec's seed
)

// classifyEdit decides how much of the running experiment an edit from old
// to next invalidates, by copying the fields that can change live from old
// into next and seeing what differences remain.
func classifyEdit(old, next experiment.Spec) editKind {
	if old.Equal(next) {
		return editNone
	}
	rest := next.Clone()
	rest.View = old.View
	if rest.Equal(old) {
		return editNone
	}
	rest.Optimizer.LR = old.Optimizer.LR
	rest.Reg = old.Reg
	rest = sameSparsity(old, rest)
	if rest.Equal(old) {
		return editLive
	}
	rest.Data.Added, rest.Data.Removed = old.Data.Added, old.Data.Removed
	if rest.Equal(old) {
		return editPoints
	}
	if onlyGridsDiffer(old, next) {
		return editRefine
	}
	return editRebuild
}

// onlyGridsDiffer reports whether next is old with some KAN layers' grid
// sizes changed and nothing else: such an edit refines the trained
// splines onto the new grids (as pykan's refine) instead of starting over.
func onlyGridsDiffer(old, next experiment.Spec) bool {
	if len(old.Layers) != len(next.Layers) {
		return false
	}
	rest := sameSparsity(old, next)
	rest.View, rest.Optimizer.LR, rest.Reg = old.View, old.Optimizer.LR, old.Reg
	for i, l := range rest.Layers {
		if l.Kind == nn.KANLayer && old.Layers[i].Kind == nn.KANLayer {
			l.Options[nn.KANGridOption] = old.Layers[i].Options[nn.KANGridOption]
		}
	}
	return rest.Equal(old)
}
