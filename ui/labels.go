package ui

import (
	"fmt"
	"image"
	"strconv"
)

// Label is a line of text to print at (X, Y), the top left of its first
// glyph. Views place text but leave printing it to the caller (Ebiten's
// debug font in the browser), so text positions are testable natively.
type Label struct {
	Text string
	X, Y int
}

// The cell of Ebiten's debug font, for fitting text.
const (
	GlyphWidth  = 6
	GlyphHeight = 16
)

// rightAligned ends text one pixel before x.
func rightAligned(s string, x, y int) Label { return Label{s, x - GlyphWidth*len(s) - 1, y} }

// GraphLabels are the column titles ("2 inputs", "4 neurons", "output")
// and the inputs' names (Spec.InputNames) for a graph laid out by l, in the graph
// buffer's coordinates, appended to dst.
func GraphLabels(dst []Label, l GraphLayout, inputs []string) []Label {
	cols := l.Columns()
	for i := range cols {
		n := l.Units(i)
		s := fmt.Sprintf("%d neurons", n)
		switch {
		case i == 0:
			s = fmt.Sprintf("%d inputs", n)
		case i == cols-1:
			s = "output"
		}
		r := l.ColumnTitle(i)
		if len(s)*GlyphWidth > r.Dx() {
			s = fmt.Sprint(n)
		}
		dst = append(dst, Label{s, r.Min.X + (r.Dx()-GlyphWidth*len(s))/2, r.Min.Y})
	}
	for u, name := range inputs {
		if r := l.InputLabel(u); !r.Empty() {
			dst = append(dst, rightAligned(name, r.Max.X, r.Min.Y+(r.Dy()-GlyphHeight)/2))
		}
	}
	return dst
}

// TitleLabels appends a panel's name at the left of its title band and a
// status at the right, when both fit; nothing for a panel with no title
// band.
func TitleLabels(dst []Label, p Panel, name, status string) []Label {
	if p.Title.Empty() { // a panel the layout left out (a small embed's)
		return dst
	}
	dst = append(dst, Label{name, p.Title.Min.X, p.Title.Min.Y})
	if status != "" && GlyphWidth*(len(name)+len(status)+2) <= p.Title.Dx() {
		dst = append(dst, rightAligned(status, p.Title.Max.X, p.Title.Min.Y+(p.Title.Dy()-GlyphHeight)/2))
	}
	return dst
}

// YAxisTop appends the label of a chart's y axis at its top, at the top
// left corner inside the chart whose body (on the canvas) is body: the
// value the top grid line stands for.
func YAxisTop(dst []Label, body image.Rectangle, text string) []Label {
	return append(dst, Label{text, body.Min.X + chartPad + 2, body.Min.Y + chartPad})
}

// LogStepLabels appends the decades of a DrawChartLogSteps chart from
// first to last ("1", "10", "100", "1k", ...) under their grid lines, along
// the bottom inside the chart whose body (on the canvas) is body, leaving
// out any that would overlap the one before.
func LogStepLabels(dst []Label, body image.Rectangle, first, last int) []Label {
	y := body.Max.Y - chartPad - GlyphHeight
	right := body.Min.X
	var ticks [20]int
	for _, step := range LogStepTicks(ticks[:0], first, last) {
		text := stepText(step)
		x := LogStepX(body, first, last, step) - GlyphWidth*len(text)/2
		x = min(max(x, body.Min.X+chartPad+1), body.Max.X-chartPad-1-GlyphWidth*len(text))
		if x < right+GlyphWidth {
			continue
		}
		dst = append(dst, Label{text, x, y})
		right = x + GlyphWidth*len(text)
	}
	return dst
}

// stepText writes a power of ten short: 1, 10, 100, 1k, 10k, 100k, 1M.
func stepText(step int) string {
	switch {
	case step >= 1_000_000 && step%1_000_000 == 0:
		return strconv.Itoa(step/1_000_000) + "M"
	case step >= 1000 && step%1000 == 0:
		return strconv.Itoa(step/1000) + "k"
	}
	return strconv.Itoa(step)
}
