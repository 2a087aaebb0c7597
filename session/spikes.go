package session

import (
	"playground/data"
	"playground/nn"
)

// Tasks of spike trains have no plane to draw the network over. Their
// surface is drawn over examples instead: cell i of the grid is example
// i (cycling through the generated ones), and every node shows its
// spike count (a readout, its value) for that example.

// exampleGrid writes the input rows of cells examples of a temporal set
// into dst's storage, cycling through pts, and returns it.
func exampleGrid(dst []float32, set data.Set, pts []data.Point, cells, classes int, tm data.Timing) []float32 {
	picked := make([]data.Point, cells)
	for i := range picked {
		if len(pts) > 0 {
			picked[i] = pts[i%len(pts)]
		}
	}
	return set.InputMatrix(dst, picked, nil, classes, tm)
}

// stepTotals returns m with each unit's values summed over the time steps
// of its rows (m itself when it has one value per unit), in *buf's
// storage.
func stepTotals(buf *[]float32, m nn.Matrix, units int) nn.Matrix {
	if m.Cols == units || units <= 0 {
		return m
	}
	steps := m.Cols / units
	n := m.Rows * units
	if cap(*buf) < n {
		*buf = make([]float32, n)
	}
	out := nn.Matrix{Rows: m.Rows, Cols: units, Data: (*buf)[:n]}
	clear(out.Data)
	for r := range m.Rows {
		row, sum := m.Row(r), out.Row(r)
		for t := range steps {
			for u, v := range row[t*units : (t+1)*units] {
				sum[u] += v
			}
		}
	}
	return out
}

// channelMagnitudes is rows of n feature values as the 2n channels of
// their latency code (data.LatencyCode) see them: channel 2i the
// positive part of feature i, 2i+1 its negative part's magnitude, in
// *buf's storage.
func channelMagnitudes(buf *[]float32, values []float32, n int) nn.Matrix {
	if n == 0 {
		return nn.Matrix{}
	}
	rows := len(values) / n
	if cap(*buf) < 2*n*rows {
		*buf = make([]float32, 2*n*rows)
	}
	m := nn.Matrix{Rows: rows, Cols: 2 * n, Data: (*buf)[:2*n*rows]}
	for i, v := range values[:rows*n] {
		m.Data[2*i], m.Data[2*i+1] = max(v, 0), max(-v, 0)
	}
	return m
}
