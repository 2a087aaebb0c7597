package ui

import (
	"image"
	"image/color"
)

// PairTable is a network's answers over every pair (a, b) of a pairs task.
type PairTable struct {
	P      int    // the modulus: the table is P x P, a down the rows, b across the columns
	Answer []int  // P*P predicted classes, row-major (index a*P+b)
	Truth  []int  // P*P right answers, row-major
	Train  []bool // P*P: the pair is in the training set
}

// valid reports whether the slices cover the whole table. It divides
// rather than computing P*P, which could overflow.
func (t PairTable) valid() bool {
	covers := func(n int) bool { return n/t.P >= t.P }
	return t.P >= 1 && covers(len(t.Answer)) && covers(len(t.Truth)) && covers(len(t.Train))
}

// pairGapMin is the cell pitch from which cells are drawn a pixel short,
// leaving a line of background between them. Smaller cells have no pixel
// to spare: a 97 x 97 table in 200 px has cells of 2 px.
const pairGapMin = 6

// pairTrainStrength is how much of its color a training pair keeps over
// the background.
//
// Each cell is Blue for a right answer and Orange for a wrong one, the two
// colors TensorFlow Playground has taught its users, which color-blind
// people can tell apart as well. Training pairs are dimmed towards the
// background: as on the charts, training is shown dimmer and the test
// (what matters) bright, so a network that memorized its training pairs
// but has not generalized yet shows bright orange everywhere it has not
// seen. The dimming also changes lightness, not only hue, so the split
// reads without color vision too.
const pairTrainStrength = 0.45

// PairColor is the color DrawPairTable gives a cell: by whether its answer
// is right and whether the pair is a training pair. Legends use it.
func PairColor(right, train bool) color.RGBA {
	c := Orange
	if right {
		c = Blue
	}
	if train {
		c = lerpColor(PanelColor, c, pairTrainStrength)
	}
	return c
}

// DrawPairTable fills dst with the table: P x P square cells, a down the
// rows and b across, in the largest square that fits, centred on a
// PanelColor background. PairColor colors each cell: Blue when the answer
// is right and Orange when it is wrong, both dimmed for training pairs and
// full strength for test pairs. Cell edges fall on whole pixels, so cells
// may differ in size by a pixel; every cell shows as long as the square is
// at least P pixels wide (in a smaller one some rows and columns are left
// out). Cells of 6 px or more are separated by a line of background. A
// table whose slices do not cover P*P pairs draws only the background.
func DrawPairTable(dst *image.RGBA, t PairTable) {
	fill(dst, dst.Rect, PanelColor)
	r := dst.Rect
	side := min(r.Dx(), r.Dy())
	if !t.valid() || side <= 0 {
		return
	}
	// Edges are laid out over side+gap pixels so that the gap after the
	// last cell falls outside the square and the table stays centred.
	gap := 0
	if (side+1)/t.P >= pairGapMin {
		gap = 1
	}
	span := side + gap
	x0, y0 := r.Min.X+(r.Dx()-side)/2, r.Min.Y+(r.Dy()-side)/2
	edge := func(i int) int { return i * span / t.P }
	// PairColor's four answers, indexed by right + 2*train.
	colors := [4]color.RGBA{PairColor(false, false), PairColor(true, false), PairColor(false, true), PairColor(true, true)}
	for a := range t.P {
		top, bottom := y0+edge(a), y0+edge(a+1)-gap
		if top >= bottom {
			continue
		}
		row := a * t.P
		for b := range t.P {
			i := row + b
			k := 0
			if t.Answer[i] == t.Truth[i] {
				k = 1
			}
			if t.Train[i] {
				k += 2
			}
			fill(dst, image.Rect(x0+edge(b), top, x0+edge(b+1)-gap, bottom), colors[k])
		}
	}
}
