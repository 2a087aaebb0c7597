package nn

import (
	"errors"
	"fmt"
	"math"
	"slices"

	gonum "gonum.org/v1/gonum/mat"
)

// Grid updates, as pykan's KANLayer.update_grid_from_samples and
// MultKAN.refine: the knots move (or multiply) and every edge's spline is
// refitted by least squares to the values it had at the samples, so the
// layer computes nearly the same function on the data before and after.
// scale_base and scale_sp (and the mixing logits) do not change.
//
// The Gaussians and the Fourier terms take their range from the knots
// (kan_basis.go), so a grid update moves their range to the samples'
// [min, max] as well: the centers spread evenly over it, the period
// stretches over it. With a single such basis the knots are then G equal
// intervals on that range (only its ends matter); the selectable basis
// keeps B-spline's quantile knots, whose interior ends are the same min
// and max. Each basis's sum is refitted by least squares like a spline,
// on its own coefficients. Gaussians follow closely; a Fourier series
// repeats over its range, so where the range moves, a function that did
// not repeat over the new one is fitted only roughly (its ends ring) and
// the outputs may move by tens of percent, once: an update on the same
// range refits exactly. Chebyshev polynomials of tanh(x/range) have no
// range to move (basis_chebyshev.go): UpdateGrid leaves them as they are
// and Refine lengthens or truncates each series.

// kanGridMix is pykan's grid_eps: the new interior knots are this share of
// a uniform grid over the samples' range plus the rest of the samples'
// quantiles, so dense data get dense knots but no interval collapses.
const kanGridMix = 0.02

// kanMaxRefine bounds Refine's grid, a guard on the work and memory
// (pykan's examples go up to a few hundred intervals).
const kanMaxRefine = 1000

// kanSolveRcond drops singular directions of the least-squares fit below
// this share of the largest: bases no sample reaches get coefficient 0
// instead of noise.
const kanSolveRcond = 1e-10

// UpdateGrid places each input's G+1 interior knots where the rows of x
// lie, pykan's update_grid_from_samples: with the input's values sorted,
// knot q is 0.02·(min + q·(max-min)/G) + 0.98·(value at rank ⌊n·q/G⌋)
// (knot G uses the max), and k knots extend each side at the spacing
// (max-min)/G. Then each edge's coefficients are refitted by least
// squares to the spline values the edge had at the samples. It needs two
// rows or more and every input to vary among them; on error the layer is
// unchanged. It forgets the last Forward. For the other bases, see above:
// with ChebyshevBasis it does nothing and returns nil.
func (l *KAN) UpdateGrid(x Matrix) error {
	if l.basis == ChebyshevBasis {
		return nil
	}
	return l.regrid(l.g, x)
}

// Refine changes the number of grid intervals to g (finer, usually) and
// refits every edge's spline to the values it had at the rows of x: it is
// UpdateGrid with g intervals, as ALGORITHMS.md describes pykan's refine.
// (pykan's current refine places the new knots by interpolating the old
// ones instead; samples beyond the old grid then fall outside the new one
// and lose their spline values, until the grid update pykan's next fit
// starts with moves the knots to the samples anyway.) The coefficient
// Param then holds In·Out·(g+k) values: a trainer's optimizer state, and
// L-BFGS's in particular, is sized by the parameter count and must be
// rebuilt. On error the layer is unchanged. With ChebyshevBasis, x is not
// used: each series gets g+k terms (zeros added, or the highest degrees
// cut) and the knots g equal intervals on the same range.
func (l *KAN) Refine(g int, x Matrix) error {
	if g < 1 || g > kanMaxRefine {
		return fmt.Errorf("nn: KAN refine to %d grid intervals, want 1..%d", g, kanMaxRefine)
	}
	if l.basis == ChebyshevBasis {
		l.refineChebyshev(g)
		return nil
	}
	return l.regrid(g, x)
}

// refineChebyshev is Refine for ChebyshevBasis.
func (l *KAN) refineChebyshev(g int) {
	nk, nb := knotCount(g, l.k), g+l.k
	knots := make([]float32, l.in*nk)
	interior := make([]float64, nk)
	for i := range l.in {
		t := l.knots(i)
		evenKnots(float64(t[l.k]), float64(t[l.k+l.g]), g, interior[l.k:l.k+g+1])
		extendKnots(interior, g, l.k)
		for j, v := range interior {
			knots[i*nk+j] = float32(v)
		}
	}
	coef := make([]float32, l.in*l.out*nb)
	resizeChebyshev(coef, nb, l.coef.Value, l.numBases())
	l.setGrid(g, knots, coef)
}

// regrid computes new knots for g intervals from the samples and the
// least-squares coefficients, then installs both.
func (l *KAN) regrid(g int, x Matrix) error {
	switch {
	case x.Cols != l.in:
		return fmt.Errorf("nn: KAN grid update given %d columns for %d inputs", x.Cols, l.in)
	case x.Rows < 2:
		return fmt.Errorf("nn: KAN grid update needs samples, got %d rows", x.Rows)
	}
	n, k, nk, nb, edges := x.Rows, l.k, knotCount(g, l.k), g+l.k, l.in*l.out
	knots := make([]float32, l.in*nk)
	coef := make([]float32, len(l.slots)*edges*nb)
	sorted := make([]float64, n)
	interior := make([]float64, nk)
	design := gonum.NewDense(n, nb, nil)
	target := gonum.NewDense(n, l.out, nil)
	for i := range l.in {
		for r := range n {
			sorted[r] = float64(x.Data[r*l.in+i])
			if math.IsNaN(sorted[r]) || math.IsInf(sorted[r], 0) {
				return fmt.Errorf("nn: KAN grid update: input %d has a non-finite value %g", i, sorted[r])
			}
		}
		slices.Sort(sorted)
		if sorted[n-1] == sorted[0] {
			return fmt.Errorf("nn: KAN grid update: input %d takes one value (%g) in all %d rows, no grid fits it", i, sorted[0], n)
		}
		if l.basis == SelectableBasis || l.basis == BSplineBasis {
			sampleKnots(sorted, g, interior[k:k+g+1])
		} else {
			evenKnots(sorted[0], sorted[n-1], g, interior[k:k+g+1])
		}
		extendKnots(interior, g, k)
		ti := knots[i*nk : (i+1)*nk]
		for j, v := range interior {
			ti[j] = float32(v)
		}
		for q, sl := range l.slots {
			if sl.basis == ChebyshevBasis {
				continue // no range: resized below
			}
			if err := l.refit(i, q, sl.basis, g, ti, sorted, design, target, coef[q*edges*nb:(q+1)*edges*nb]); err != nil {
				return err
			}
		}
	}
	oldNb := l.numBases()
	for q, sl := range l.slots {
		if sl.basis == ChebyshevBasis {
			resizeChebyshev(coef[q*edges*nb:(q+1)*edges*nb], nb, l.coef.Value[q*edges*oldNb:(q+1)*edges*oldNb], oldNb)
		}
	}
	l.setGrid(g, knots, coef)
	return nil
}

// refit writes into coef (one slot's block, edges x (g+k)) input i's
// edges' coefficients of basis b on the new knots ti that fit, by least
// squares at the samples, the sums S_ij that slot q of the layer has now.
// design (samples x (g+k)) and target (samples x Out) are its scratch.
func (l *KAN) refit(i, q int, b KANBasis, g int, ti []float32, samples []float64, design, target *gonum.Dense, coef []float32) error {
	k, nb, oldNb := l.k, g+l.k, l.numBases()
	newWidth, old := kanSlotWidth(b, g, k), l.slots[q]
	v := make([]float32, max(newWidth, old.width))
	oldCoef := l.coef.Value[q*l.in*l.out*oldNb : (q+1)*l.in*l.out*oldNb]
	// Row r: the new bases at sample r, and every edge's old sum there.
	for r, x := range samples {
		row := design.RawRowView(r)
		clear(row)
		st := evalKANBasis(b, ti, k, l.a, x, v[:newWidth], nil)
		for m, bv := range v[:newWidth] {
			row[st+m] = float64(bv)
		}
		st = evalKANBasis(b, l.knots(i), k, l.a, x, v[:old.width], nil)
		for j := range l.out {
			c := oldCoef[(i*l.out+j)*oldNb+st:]
			var s float64
			for m, bv := range v[:old.width] {
				s += float64(c[m]) * float64(bv)
			}
			target.Set(r, j, s)
		}
	}
	var svd gonum.SVD
	if !svd.Factorize(design, gonum.SVDThin) {
		return fmt.Errorf("nn: KAN grid update: the least-squares fit of input %d failed", i)
	}
	rank := svd.Rank(kanSolveRcond)
	if rank == 0 {
		return nil // no sample reaches any basis: coefficients 0
	}
	var fit gonum.Dense
	svd.SolveTo(&fit, target, rank)
	for j := range l.out {
		c := coef[(i*l.out+j)*nb : (i*l.out+j+1)*nb]
		for m := range c {
			c[m] = float32(fit.At(m, j))
		}
	}
	return nil
}

// evenKnots writes g+1 interior knots evenly spaced from lo to hi into
// dst: the grid of a basis that only needs the knots' range.
func evenKnots(lo, hi float64, g int, dst []float64) {
	for q := range g + 1 {
		dst[q] = lo + float64(q)*(hi-lo)/float64(g)
	}
	dst[g] = hi
}

// sampleKnots writes g+1 interior knots for the sorted samples into dst:
// pykan's mix of the quantiles i/g and a uniform grid on their range.
func sampleKnots(sorted []float64, g int, dst []float64) {
	n := len(sorted)
	lo, hi := sorted[0], sorted[n-1]
	for q := range g + 1 {
		adaptive := hi
		if q < g {
			adaptive = sorted[int(float64(n)/float64(g)*float64(q))]
		}
		uniform := lo + float64(q)*(hi-lo)/float64(g)
		dst[q] = kanGridMix*uniform + (1-kanGridMix)*adaptive
	}
}

// gridLayer is a layer whose knots follow the data (KAN).
type gridLayer interface {
	Grid() int
	UpdateGrid(x Matrix) error
	Refine(g int, x Matrix) error
}

// UpdateKANGrids runs UpdateGrid on every layer of net that has a grid,
// from the input up, each on the inputs it gets from x through the layers
// before it (after their own updates), as pykan's
// MultKAN.update_grid_from_samples. It forwards x through all but the
// last layer, so their buffers grow to x's rows.
func UpdateKANGrids(net *Network, x Matrix) error {
	return eachGridLayer(net, x, func(_ int, l gridLayer, in Matrix) error { return l.UpdateGrid(in) })
}

// RefineKANGrids runs Refine(g) on every layer of net that has a grid, as
// UpdateKANGrids does. The network's parameter count changes: build a new
// Trainer (or at least reset the optimizer, see Trainer.ResetOptimizer)
// before training on.
func RefineKANGrids(net *Network, g int, x Matrix) error {
	return RefineKANLayers(net, func(int) int { return g }, x)
}

// RefineKANLayers refines every layer n of net that has a grid onto
// grid(n) intervals, where that is not its size already, as
// RefineKANGrids does with one size for all (an editor changing one
// layer's grid option).
func RefineKANLayers(net *Network, grid func(layer int) int, x Matrix) error {
	return eachGridLayer(net, x, func(n int, l gridLayer, in Matrix) error {
		if g := grid(n); g != l.Grid() {
			return l.Refine(g, in)
		}
		return nil
	})
}

func eachGridLayer(net *Network, x Matrix, f func(n int, l gridLayer, in Matrix) error) error {
	if net == nil || len(net.Layers) == 0 {
		return errors.New("nn: no network")
	}
	for n, l := range net.Layers {
		if gl, ok := l.(gridLayer); ok {
			if err := f(n, gl, x); err != nil {
				return fmt.Errorf("layer %d: %w", n+1, err)
			}
		}
		if n < len(net.Layers)-1 {
			x = l.Forward(x)
		}
	}
	return nil
}
