package ui

import (
	"math"
	"math/rand/v2"

	"playground/data"
)

// tinyNet is a small fully connected tanh network trained by per-sample
// SGD: just enough to give the preview frames a real decision surface,
// thumbnails and curves without depending on package nn.
type tinyNet struct {
	sizes   []int
	w, b    [][]float32 // w[i] is sizes[i] x sizes[i+1], row-major
	act     [][]float32 // act[0] is the input
	delta   [][]float32
	classes int // up to 2: one tanh output, target in [-1, 1]; 3 and more: softmax
}

func newTinyNet(sizes []int, classes int, seed uint64) *tinyNet {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := &tinyNet{sizes: sizes, classes: classes}
	for i, s := range sizes {
		n.act = append(n.act, make([]float32, s))
		n.delta = append(n.delta, make([]float32, s))
		if i+1 < len(sizes) {
			w := make([]float32, s*sizes[i+1])
			scale := float32(math.Sqrt(1 / float64(s)))
			for j := range w {
				w[j] = float32(rng.NormFloat64()) * scale
			}
			n.w = append(n.w, w)
			n.b = append(n.b, make([]float32, sizes[i+1]))
		}
	}
	return n
}

func (n *tinyNet) forward(x []float32) []float32 {
	copy(n.act[0], x)
	last := len(n.sizes) - 1
	for i := range last {
		in, out := n.act[i], n.act[i+1]
		for o := range out {
			s := n.b[i][o]
			for j, v := range in {
				s += v * n.w[i][j*len(out)+o]
			}
			out[o] = s
		}
		if i+1 < last || n.classes < 3 {
			for o := range out {
				out[o] = float32(math.Tanh(float64(out[o])))
			}
		}
	}
	if n.classes >= 3 {
		softmax(n.act[last])
	}
	return n.act[last]
}

func softmax(v []float32) {
	peak := v[argmax(v)]
	var sum float32
	for i := range v {
		v[i] = float32(math.Exp(float64(v[i] - peak)))
		sum += v[i]
	}
	for i := range v {
		v[i] /= sum
	}
}

// step trains on one sample and returns its loss: half squared error for
// a tanh output, cross-entropy for softmax.
func (n *tinyNet) step(x []float32, p data.Point, lr float32) float32 {
	y := n.forward(x)
	last := len(n.sizes) - 1
	var loss float32
	if n.classes >= 3 {
		for k := range y {
			t := float32(0)
			if k == p.Label {
				t = 1
				loss = -float32(math.Log(float64(max(y[k], 1e-7))))
			}
			n.delta[last][k] = y[k] - t
		}
	} else {
		d := y[0] - n.target(p)
		loss = d * d / 2
		n.delta[last][0] = d * (1 - y[0]*y[0])
	}
	for i := last - 1; i >= 0; i-- {
		in, out := n.act[i], n.act[i+1]
		for j := range in {
			var s float32
			for o := range out {
				s += n.w[i][j*len(out)+o] * n.delta[i+1][o]
			}
			n.delta[i][j] = s * (1 - in[j]*in[j])
		}
		for j, v := range in {
			for o := range out {
				n.w[i][j*len(out)+o] -= lr * v * n.delta[i+1][o]
			}
		}
		for o := range out {
			n.b[i][o] -= lr * n.delta[i+1][o]
		}
	}
	return loss
}

// target is a point's scalar target: ±1 for two classes, else its Value.
func (n *tinyNet) target(p data.Point) float32 {
	if n.classes == 0 {
		return p.Value
	}
	return float32(2*p.Label - 1)
}

// evaluate returns the mean loss and the accuracy over pts.
func (n *tinyNet) evaluate(pts []data.Point, feats []data.Feature) (loss, acc float32) {
	x := make([]float32, len(feats))
	for _, p := range pts {
		y := n.forward(data.FeatureVector(x, p.X1, p.X2, feats))
		switch {
		case n.classes >= 3:
			loss -= float32(math.Log(float64(max(y[p.Label], 1e-7))))
			if argmax(y) == p.Label {
				acc++
			}
		default:
			d := y[0] - n.target(p)
			loss += d * d / 2
			if (y[0] >= 0) == (n.target(p) >= 0) {
				acc++
			}
		}
	}
	k := float32(max(len(pts), 1))
	return loss / k, acc / k
}

// picture evaluates the network over a res x res grid: the output field
// for the heatmap and one normalized thumbnail per unit.
func (n *tinyNet) picture(res int, feats []data.Feature) (out Field, thumbs [][]Field) {
	inputs := GridInputs(nil, tfSquare, res, feats)
	out = Field{Res: res, Classes: n.classes, Values: make([]float32, 0, res*res*max(n.classes, 1))}
	if n.classes < 3 {
		out.Classes = 0
	}
	thumbs = make([][]Field, len(n.sizes))
	for i, s := range n.sizes {
		thumbs[i] = make([]Field, s)
		for u := range thumbs[i] {
			thumbs[i][u] = Field{Res: res, Values: make([]float32, res*res)}
		}
	}
	for c := range res * res {
		y := n.forward(inputs[c*len(feats) : (c+1)*len(feats)])
		if n.classes >= 3 {
			out.Values = append(out.Values, y...)
		} else {
			out.Values = append(out.Values, y[0])
		}
		for i, a := range n.act {
			for u, v := range a {
				if i == len(n.act)-1 && n.classes >= 3 {
					v = 2*v - 1 // probabilities shown on the [-1, 1] scale
				}
				thumbs[i][u].Values[c] = v
			}
		}
	}
	// Inputs are not bounded: scale each to [-1, 1] for display.
	for _, f := range thumbs[0] {
		var peak float32
		for _, v := range f.Values {
			peak = max(peak, abs32(v))
		}
		for j := range f.Values {
			f.Values[j] /= max(peak, 1e-6)
		}
	}
	return out, thumbs
}

func (n *tinyNet) weights() [][]float32 { return n.w }

// argmax is the index of the largest finite entry (0 when none is).
func argmax(p []float32) int {
	best, bestV := 0, float32(math.Inf(-1))
	for k, v := range p {
		if v > bestV {
			best, bestV = k, v
		}
	}
	return best
}
