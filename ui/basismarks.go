package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"playground/nn"
)

// BasisMark is one unit of a KAN layer of the selectable basis: the
// weights of the four pool bases, indexed by their option values
// (nn.BSplineBasis..nn.FourierBasis), and whether the unit has chosen
// (nn.KAN.Decided), after which its winner weighs 1.
type BasisMark struct {
	Weights [4]float32
	Decided bool
}

// Winner returns the option value of the heaviest basis, the lowest on a
// tie (as nn.KAN.WinningBasis).
func (m BasisMark) Winner() int {
	best := 0
	for b, w := range m.Weights {
		if w > m.Weights[best] {
			best = b
		}
	}
	return best
}

// basisShort are the bases' labels on the graph: B-spline, Chebyshev's T,
// Gaussian RBF, Fourier's sines.
var basisShort = [4]string{"B", "T", "rbf", "sin"}

// BasisColors ring a node by its leading basis, in the option's order:
// green B-splines, violet Chebyshev, cyan RBF, red Fourier (apart from
// the weights' blue and orange and the highlight's yellow).
var BasisColors = [4]color.RGBA{
	{0x66, 0xBB, 0x6A, 0xFF},
	{0xAB, 0x47, 0xBC, 0xFF},
	{0x26, 0xC6, 0xDA, 0xFF},
	{0xEF, 0x53, 0x50, 0xFF},
}

// String names the mix for the hover text: the winner and its weight,
// then the others, heaviest first ("Fourier 97% (B-spline 1%, ...)"), or
// the winner alone once chosen ("Fourier, chosen").
func (m BasisMark) String() string {
	win := m.Winner()
	if m.Decided {
		return fmt.Sprintf("%v, chosen", nn.KANBasis(win))
	}
	rest := make([]int, 0, 3)
	for b := range m.Weights {
		if b != win {
			rest = append(rest, b)
		}
	}
	for i := 1; i < len(rest); i++ { // three entries: insertion sort, heaviest first
		for k := i; k > 0 && m.Weights[rest[k]] > m.Weights[rest[k-1]]; k-- {
			rest[k], rest[k-1] = rest[k-1], rest[k]
		}
	}
	parts := make([]string, len(rest))
	for i, b := range rest {
		parts[i] = fmt.Sprintf("%v %.0f%%", nn.KANBasis(b), 100*m.Weights[b])
	}
	return fmt.Sprintf("%v %.0f%% (%s)", nn.KANBasis(win), 100*m.Weights[win], strings.Join(parts, ", "))
}

// DrawBasisMarks rings each node of a selectable KAN layer, on a graph
// drawn by DrawGraph, in its leading basis's color: one pixel while the
// unit is still mixing, two once it has chosen. marks[i] is layer i (graph
// column i+1); nil layers and units beyond the layout are skipped.
func DrawBasisMarks(dst *image.RGBA, l GraphLayout, marks [][]BasisMark) {
	origin := dst.Rect.Min
	for i, layer := range marks {
		for u, m := range layer {
			r := l.NodeRect(i+1, u)
			if r.Empty() {
				continue
			}
			r = r.Add(origin)
			c := BasisColors[m.Winner()]
			outline(dst, r.Inset(-1), c)
			if m.Decided {
				outline(dst, r.Inset(-2), c)
			}
		}
	}
}

// BasisLabels appends each marked node's short basis label ("B", "T",
// "rbf", "sin"), in the graph buffer's coordinates: inside its box at the
// bottom left when the box is large enough (the font's dark edge keeps it
// readable on the thumbnail), else under the box when the column leaves
// a glyph's height there, else none.
func BasisLabels(dst []Label, l GraphLayout, marks [][]BasisMark) []Label {
	_, h := l.Size()
	for i, layer := range marks {
		for u, m := range layer {
			r := l.NodeRect(i+1, u)
			if r.Empty() {
				continue
			}
			s := basisShort[m.Winner()]
			if r.Dy() >= GlyphHeight+4 && r.Dx() >= GlyphWidth*len(s)+4 {
				dst = append(dst, Label{s, r.Min.X + 2, r.Max.Y - GlyphHeight - 1})
				continue
			}
			below := h
			if next := l.NodeRect(i+1, u+1); !next.Empty() && next.Min.X == r.Min.X {
				below = next.Min.Y
			}
			if below-(r.Max.Y+2) >= GlyphHeight {
				dst = append(dst, Label{s, r.Min.X + (r.Dx()-GlyphWidth*len(s))/2, r.Max.Y + 2})
			}
		}
	}
	return dst
}
