package session

import "playground/experiment"

type editKind uint8

const (
	editNone    editKind = iota // nothing the model depends on changed
	editLive                    // learning rate or regularization: apply to the running model
	editPoints                  // hand-placed points: swap the training rows, keep the weights
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
	if rest.Equal(old) {
		return editLive
	}
	rest.Data.Added, rest.Data.Removed = old.Data.Added, old.Data.Removed
	if rest.Equal(old) {
		return editPoints
	}
	return editRebuild
}
