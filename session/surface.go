package session

import (
	"math"

	"playground/data"
	"playground/kernels"
	"playground/nn"
	"playground/ui"
)

// Surface is the network evaluated over the task's grid: a Res×Res grid
// of the plane's square, or for a pairs task every pair (a, b), Res = p.
// It is what the heatmap (or the table of pairs) and the neuron thumbnails
// draw.
type Surface struct {
	Res int
	// Output is the network's answer per cell, laid out as ui.Field wants
	// it for Classes: one value in [-1, 1] per cell when Classes is 0
	// (regression, or p(class 1) - p(class 0) for two classes), else
	// Classes probabilities per cell.
	Output  ui.Field
	Classes int
	// Nodes[c][u] is unit u of column c over the grid, scaled into
	// [-1, 1]: column 0 holds the input features, then one column per
	// layer, the last being the output layer.
	Nodes [][]ui.Field
}

// surface caches the last evaluation and its buffers.
type surface struct {
	// peaks is scaledColumns' buffer, one per column.
	peaks   []float32
	res     int
	grid    nn.Matrix
	gridFor gridKey // what the grid was computed for
	// valid says out (and the snapshot made with it) shows the network as
	// it is now; version counts invalidations, so a picture prepared over
	// several frames knows whether anything changed meanwhile.
	valid   bool
	version int
	raw     []nn.Matrix // each layer's outputs over the grid, filled a slice of rows at a time
	out     Surface
	values  [][][]float32 // backing slices of out.Nodes
	answers []int         // argmax per cell, for the table of pairs
	totals  []float32     // a layer's spike counts over time (stepTotals)
	values0 []float32     // a latency-coded grid's feature values, before coding
	truth   []int         // the right answer per cell, for the table of pairs
	train   []bool        // the cell is a training pair
}

// gridKey is what the grid's inputs depend on.
type gridKey struct {
	set      data.Set
	classes  int
	timing   data.Timing // a latency code's steps, the interval task's options
	features uint64      // one bit per feature, in order: a spec lists each once, in canonical order
	examples int         // for spike trains, the session generation whose examples fill the grid
}

func featureBits(feats []data.Feature) uint64 {
	var bits uint64
	for _, f := range feats {
		bits |= 1 << (f % 64)
	}
	return bits
}

func (c *surface) invalidate() {
	c.valid = false
	c.version++
}

// pictureGridFLOPs bounds the cost of evaluating a network over the
// plane's grid for one picture. The widest networks a link allows cost
// about 200,000 operations an example, so 50x50 points would be half a
// billion, most of a picture's time; they get a coarser grid, which the
// field's smooth upscaling hides, while every smaller network keeps the
// full one.
const pictureGridFLOPs = 256 << 20

// minPlaneRes is the coarsest grid a picture of the plane uses.
const minPlaneRes = 30

// planeRes is the side of the plane's grid for a picture asked at res, for
// a network costing flops an example.
func planeRes(res, flops int) int {
	fit := int(math.Sqrt(float64(pictureGridFLOPs) / float64(max(flops, 1))))
	return min(res, max(fit, minPlaneRes))
}

// prepareGrid makes the grid the surface is evaluated over: a res×res grid
// of the plane, or for a pairs task the p×p pairs whatever res says. A
// new grid invalidates the surface.
func (s *Session) prepareGrid(res int) {
	c := &s.surface
	set, feats := s.spec.Data.Set, s.spec.Features
	key := gridKey{set: set, classes: s.spec.Data.Classes, timing: s.spec.Data.Timing, features: featureBits(feats)}
	if set.Temporal() {
		key.examples = s.generation
	}
	switch {
	case set.Pairs():
		res = s.spec.Data.Classes
	case !set.Temporal(): // a spiking task's grid is its examples, not the plane
		res = planeRes(res, s.exampleFLOPs())
	}
	if c.res == res && c.gridFor == key {
		return
	}
	c.res, c.gridFor = res, key
	in := s.spec.Inputs()
	switch {
	case set.Pairs():
		c.grid = nn.Matrix{Rows: res * res, Cols: in, Data: data.PairInputs(c.grid.Data[:0], s.data.all, res)}
	case set.Temporal():
		c.grid = nn.Matrix{Rows: res * res, Cols: s.spec.InputWidth(),
			Data: exampleGrid(c.grid.Data[:0], set, s.data.all, res*res, s.spec.Data.Classes, s.spec.Data.Timing)}
	case s.spec.LatencyCoded():
		// The plane's grid, each point's features coded as spike
		// latencies as the examples are: the surface is the plane's.
		sq := ui.Square(set.Extent())
		c.values0 = ui.GridInputs(c.values0[:0], sq, res, feats)
		c.grid = nn.Matrix{Rows: res * res, Cols: s.spec.InputWidth(),
			Data: data.LatencyCode(c.grid.Data[:0], c.values0, feats, set.Extent(), s.spec.Data.Latency)}
	default:
		sq := ui.Square(set.Extent())
		c.grid = nn.Matrix{Rows: res * res, Cols: in, Data: ui.GridInputs(c.grid.Data[:0], sq, res, feats)}
	}
	c.invalidate()
}

// fillGrid runs grid rows [r0, r1) through the network and keeps every
// layer's outputs for them.
func (c *surface) fillGrid(net *nn.Network, r0, r1 int) {
	if len(c.raw) != len(net.Layers) {
		c.raw = make([]nn.Matrix, len(net.Layers))
	}
	rows := c.grid.Rows
	for l, layer := range net.Layers {
		if m := &c.raw[l]; m.Rows != rows || m.Cols != layer.Out() {
			*m = nn.Matrix{Rows: rows, Cols: layer.Out(), Data: grow(m.Data, rows*layer.Out())}
		}
	}
	in := c.grid.Cols
	net.Forward(nn.Matrix{Rows: r1 - r0, Cols: in, Data: c.grid.Data[r0*in : r1*in]})
	for l, m := range net.Outputs() {
		m = stepTotals(&c.totals, m, net.Layers[l].Out()) // spike counts of a spiking layer
		copy(c.raw[l].Data[r0*m.Cols:r1*m.Cols], m.Data[:(r1-r0)*m.Cols])
	}
}

// finish turns the filled grid into what the views draw: every unit's
// values scaled for its thumbnail and the answer per cell.
func (s *Session) finishSurface(net *nn.Network) {
	c := &s.surface
	set, res, inputs := s.spec.Data.Set, c.res, s.spec.Inputs()
	c.shape(net, inputs, res*res)
	grid := stepTotals(&c.totals, c.grid, inputs)
	if s.spec.LatencyCoded() {
		// One spike or none per channel everywhere: a channel's thumbnail
		// shows the magnitude its latency codes instead.
		grid = channelMagnitudes(&c.totals, c.values0, len(s.spec.Features))
	}
	c.peaks = scaledColumns(c.values[0][:inputs], grid, c.peaks) // the layers' were, in the picture's slices
	classes := 0
	if s.spec.Classification() {
		classes = s.spec.Data.Classes
	}
	c.out.Res, c.out.Classes = res, classes
	last := c.raw[len(c.raw)-1]
	if set.Pairs() {
		c.answers = argmaxRows(c.answers, last)
		c.out.Output = ui.Field{Res: res}
	} else {
		lo, hi := set.TargetRange()
		c.out.Output = answerField(c.out.Output, last, res, classes, s.spec.Loss, ui.PointColors{Lo: lo, Hi: hi})
	}
}

// argmaxRows writes the index of each row's largest value into dst's
// storage.
func argmaxRows(dst []int, m nn.Matrix) []int {
	if cap(dst) < m.Rows {
		dst = make([]int, m.Rows)
	}
	dst = dst[:m.Rows]
	for i := range m.Rows {
		row := m.Row(i)
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		dst[i] = best
	}
	return dst
}

// shape sizes the node buffers to the network, reallocating only when the
// architecture or resolution changed.
func (c *surface) shape(net *nn.Network, inputs, cells int) {
	if sameShape(c.values, net, inputs) && len(c.values[0][0]) == cells {
		return
	}
	cols := make([]int, 0, len(net.Layers)+1)
	cols = append(cols, inputs)
	for _, l := range net.Layers {
		cols = append(cols, l.Out())
	}
	c.values = make([][][]float32, len(cols))
	c.out.Nodes = make([][]ui.Field, len(cols))
	for i, n := range cols {
		c.values[i] = make([][]float32, n)
		c.out.Nodes[i] = make([]ui.Field, n)
		for u := range n {
			c.values[i][u] = make([]float32, cells)
			c.out.Nodes[i][u] = ui.Field{Res: c.res, Values: c.values[i][u]}
		}
	}
}

func sameShape(values [][][]float32, net *nn.Network, inputs int) bool {
	if len(values) != len(net.Layers)+1 || len(values[0]) != inputs {
		return false
	}
	for i, l := range net.Layers {
		if len(values[i+1]) != l.Out() {
			return false
		}
	}
	return true
}

// scaledColumns copies column u of m into dst[u] for each dst, divided
// by its largest magnitude when that exceeds 1, so unbounded units (ReLU,
// linear) still show their shape while tanh units keep their absolute
// level. It reads m in blocks of rows so that a wide layer's 2,500 x 256
// values come from cache rather than one column at a time across all.
func scaledColumns(dst [][]float32, m nn.Matrix, buf []float32) (peaks []float32) {
	const block = 64
	peaks = grow(buf, len(dst))
	for u := range peaks {
		peaks[u] = 1
	}
	for i0 := 0; i0 < m.Rows; i0 += block {
		i1 := min(i0+block, m.Rows)
		for u, d := range dst {
			peak := peaks[u]
			for i := i0; i < i1; i++ {
				v := m.Data[i*m.Cols+u]
				d[i] = v
				if a := abs32(v); a > peak {
					peak = a
				}
			}
			peaks[u] = peak
		}
	}
	for u, d := range dst {
		if peak := peaks[u]; peak > 1 {
			inv := 1 / peak
			for i := range d[:m.Rows] {
				d[i] *= inv
			}
		}
	}
	return peaks
}

// answerField turns the output layer's raw values into what the heatmap
// shows: class probabilities (softmax for cross-entropy, clipped outputs
// for MSE), their difference for two classes, or the regression value
// mapped from the target range onto -1..1 and clipped.
func answerField(f ui.Field, out nn.Matrix, res, classes int, loss nn.LossKind, values ui.PointColors) ui.Field {
	cells := res * res
	f.Res = res
	switch {
	case classes == 0:
		f.Classes = 0
		f.Values = grow(f.Values, cells)
		for i := range cells {
			f.Values[i] = ui.Clamp(values.Unit(out.Data[i*out.Cols]), -1, 1)
		}
	case classes == 2:
		f.Classes = 0
		f.Values = grow(f.Values, cells)
		for i := range cells {
			row := out.Row(i)
			if loss == nn.CrossEntropy {
				// p1 - p0 of a two-way softmax is tanh of half the logit gap.
				f.Values[i] = float32(math.Tanh(float64(row[1]-row[0]) / 2))
			} else {
				f.Values[i] = ui.Clamp(row[1]-row[0], -1, 1)
			}
		}
	default:
		f.Classes = classes
		f.Values = grow(f.Values, cells*classes)
		copy(f.Values, out.Data[:cells*classes])
		if loss == nn.CrossEntropy {
			kernels.SoftmaxRows(cells, classes, f.Values)
			break
		}
		for i := range cells {
			normalizeClipped(f.Values[i*classes : (i+1)*classes])
		}
	}
	return f
}

// normalizeClipped turns an MSE network's class outputs into shares:
// clipped to [0, 1] and scaled to sum to 1 (even shares when all are 0).
func normalizeClipped(p []float32) {
	var sum float32
	for j, v := range p {
		p[j] = ui.Clamp(v, 0, 1)
		sum += p[j]
	}
	if sum == 0 {
		for j := range p {
			p[j] = 1 / float32(len(p))
		}
		return
	}
	kernels.Scale(1/sum, p)
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
