// Package nn is the playground's neural-network engine: layers, losses,
// optimizers, regularization, learning-rate schedules and a trainer that
// runs one step of a training rule per call.
//
// A rule is how gradients become new weights: Minibatch runs an optimizer
// on shuffled minibatches; LBFGS runs full-batch L-BFGS with a strong
// Wolfe line search (lbfgs.go, linesearch.go), written in reverse
// communication so one iteration, several full-batch evaluations, can be
// spread over animation frames by Trainer.StepPart. Both rules minimize
// the data loss plus the regularization penalty plus any layer's LossTerm,
// and run the GradHooks on the gradients before using them.
//
// Everything is float32 and batched: a Matrix holds one sample per row.
// The heavy math goes through package kernels, whose WebAssembly SIMD
// bodies make the browser build fast. Layers own their buffers and grow
// them only when a batch is larger than any before, so a warm training
// step allocates nothing and the garbage collector stays out of the
// animation frame. Randomness (initial weights, batch order) comes from
// math/rand/v2's PCG seeded by the caller, so an experiment replays
// bit-for-bit from its seed.
//
// A layer kind lives in its own files (dense.go, lowrank.go, kan*.go with
// bspline.go and basis_*.go, lif*.go), implements Layer and registers its KindInfo (kind.go);
// activationStage is the reusable piece that applies an Activation and its
// derivative, so later kinds (block-diagonal, spiking) plug in without
// touching the network, the losses or the trainer. kinds_gradcheck_test.go checks every
// registered kind's gradients by finite differences.
//
// The order of a network's values is fixed, because the weight file and
// weights in links will store them as one flat list: Network.Params (and
// CopyParams, SetParams) goes layer by layer from the input, and within a
// layer through its Params in the order its kind declares them, each
// tensor row-major; Network.State does the same for the values Stateful
// layers keep without training. Dense: W (inputs x units), then b.
// Low-rank: V (inputs x r), U (r x units), then b. KAN: the basis
// coefficients (inputs·units x (G+k); the selectable basis has four such
// blocks, B-spline, Chebyshev, RBF, Fourier), scale_base (inputs x
// units), scale_sp (inputs x units), and for the selectable basis the
// mixing logits (units x 4); its state is the knots (inputs x (G+2k+1)).
// LIF: W (inputs x units), then for learned delays the positions P
// (inputs x units, in steps); with fixed delays its state is the delays
// (inputs x units, whole steps). A kind must never reorder its values once
// links carry them; a new value goes last.
//
// Time axis: a spiking (LIF, KindInfo.TimeAxis) layer takes rows of T time
// steps, time-major (step t's input i at t*In()+i), and reads T from the
// rows' width; a hidden one gives T*Out() spikes per row, an output one its
// membrane readout, Out() values per row for cross-entropy. Network.Steps
// is T, and Network.InputWidth the width of an example row. Inside a
// training step (Trainer brackets it with beginStep/endStep) learned
// delays use Gaussian kernels; elsewhere they are rounded to whole steps.
package nn
