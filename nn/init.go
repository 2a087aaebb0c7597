package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// valid reports whether i is one of the defined initializations.
func (i Init) valid() bool { return i < numInits }

// initWeights draws the weights w of a layer with fanIn inputs and fanOut
// outputs per unit:
//
//	Glorot  uniform on ±sqrt(6/(fanIn+fanOut))      (Glorot & Bengio 2010)
//	He      normal, standard deviation sqrt(2/fanIn) (He et al. 2015, for ReLU)
//	LeCun   normal, standard deviation sqrt(1/fanIn) (for tanh-like units)
//	Uniform uniform on [-0.5, 0.5), as TensorFlow Playground
//	Zero    all zero (every unit stays identical: a lesson, not a default)
//
// The normals are not truncated. Values are drawn in order from rng, so a
// network's weights follow from its seed.
func initWeights(init Init, w []float32, fanIn, fanOut int, rng *rand.Rand) {
	switch init {
	case Glorot:
		limit := math.Sqrt(6 / float64(max(fanIn+fanOut, 1)))
		for i := range w {
			w[i] = float32((rng.Float64()*2 - 1) * limit)
		}
	case He, LeCun:
		gain := 1.0
		if init == He {
			gain = 2
		}
		std := math.Sqrt(gain / float64(max(fanIn, 1)))
		for i := range w {
			w[i] = float32(rng.NormFloat64() * std)
		}
	case Uniform:
		for i := range w {
			w[i] = float32(rng.Float64() - 0.5)
		}
	case Zero:
		clear(w)
	default:
		panic(fmt.Sprintf("nn: initialization %v", init))
	}
}

// initialBias is the starting value of every bias: 0, except 0.1 with the
// Uniform initialization, which follows TensorFlow Playground so its
// classic examples (ReLU nets in particular) behave the same here.
func initialBias(init Init) float32 {
	if init == Uniform {
		return 0.1
	}
	return 0
}
