// Package symbolic snaps one-variable curves to formulas, as pykan's
// auto_symbolic does for the edges of a Kolmogorov-Arnold network: each
// edge's learned function φ is fitted by a·f(b·x+c)+d for f in a small
// library (x, x^2, x^3, exp, sin, tanh, log, sqrt, abs, 1/x, and 0 for a
// constant), the simplest f that explains it is kept, and the edges of a
// network compose into one formula per output.
//
// log, sqrt and 1/x are masked while fitting, not clamped as in pykan:
// constants whose arguments leave the domain over the samples are never
// considered, so "log(x1 + 0.5)" means log on the whole fitted range. The
// functions themselves clamp their argument into the domain, so an
// evaluation never produces NaN or Inf.
//
// It works on plain float64 slices and imports only the standard library,
// so the playground runs it in the browser (js/wasm) as well as in tests.
//
//   - Library lists the candidate functions (library.go).
//   - FitFunc fits one f to samples (fit.go, search.go, polish.go).
//   - Best fits the whole library and picks one (best.go).
//   - Fit.Formula writes a fit as text (formula.go); Compose writes and
//     evaluates a whole network of fits (compose.go).
//
// # Wiring it to a KAN layer
//
// For edge i->j of a nn.KAN layer, sample φ_ij over the range its input
// actually took in the last Forward: lo, hi := layer.InputRange(i); 64 to
// 100 float32 points evenly spaced on [lo, hi]; ys :=
// layer.EdgeCurve(i, j, xs, nil); convert both to float64 and call
// Best(xs, ys, Library(), 0.9). (pykan fits the batch's own inputs and
// keeps whatever R² comes out; an even grid weighs the range uniformly,
// and a threshold lets the page leave poor fits as splines.) Outside the
// knots EdgeCurve is the SiLU term alone, so do not sample beyond
// InputRange. An edge whose strength (Layer.Edges) is negligible is
// better left as the zero Fit (pruned) than fitted: Best would find some
// f in its wiggle. Then hand the fits, layers[l][i][j] as the layers come,
// to Compose with the input names.
//
// A fit holds on the range it was fitted on. Outside it the library's
// functions continue finitely (their arguments are clamped into the
// domain), so Expr.Eval gives a number for any finite input, though not
// necessarily the function the text names.
//
// # Cost
//
// Measured natively on a loaded 2-core Xeon, for 100 samples: FitFunc
// 0.05 to 0.25 ms per function, tanh 0.5 to 1 ms (the only 2-D grid);
// Best over the whole library 0.4 to 0.6 ms for a curve the library has
// (it skips the functions that cannot win) and 1 to 1.5 ms for one it
// has not (BenchmarkBest). Go's WebAssembly should be a few times slower
// (not measured here), so snap a network's edges over several frames
// rather than all in one. Everything is deterministic and safe for
// concurrent use.
package symbolic
