// Package data makes the points a network learns from: TensorFlow
// Playground's two-dimensional data sets (circle, XOR, two Gaussians,
// spiral, and the plane and multi-Gaussian regressions), two multi-class
// sets (a spiral with K arms and K concentric rings), a person's own points
// read from a CSV file (ParseCSV, the Uploaded sets), the train/test split,
// and the feature and target matrices the network is fed.
//
// Every generator is deterministic for a seed and keeps its points inside
// the square [-Domain, Domain]^2. Noise is a percentage from 0 to 50, as in
// TensorFlow Playground: it jitters the positions of spiral and Gaussian
// points, and for the circle, XOR, rings and regression sets it perturbs the
// position used to decide the label (so points keep their shape but some
// carry the "wrong" label).
//
// The functions that take a dst slice reuse its storage when it is large
// enough, so the training loop allocates nothing once warm.
package data
