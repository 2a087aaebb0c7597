package nn

// Resume sets the step and epoch counts, for a network whose weights were
// loaded from a later point of training (a link or file with weights): the
// schedule and the counts go on from there. The batch order starts a new
// epoch, and the optimizer's state starts empty (ResetOptimizer).
func (t *Trainer) Resume(steps, epochs int) {
	t.steps, t.epochs = max(steps, 0), max(epochs, 0)
	t.cursor = 0
	t.ResetOptimizer()
}
