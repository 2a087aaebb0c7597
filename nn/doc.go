// Package nn is the playground's neural-network engine: layers, losses,
// optimizers, regularization, learning-rate schedules and a trainer that
// runs one minibatch per call.
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
// A layer kind lives in its own file (dense.go) and implements Layer;
// activationStage is the reusable piece that applies an Activation and
// its derivative, so later kinds (low-rank, block-diagonal, KAN, spiking)
// plug in without touching the network, the losses or the trainer.
package nn
