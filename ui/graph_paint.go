package ui

import (
	"image"
	"math"
)

// GraphPainting draws a graph as DrawGraph does, a part at a time: the
// background, each gap's weight lines a band of rows at a time, then the
// nodes. In the browser a wide network's lines take longer than a frame
// should (a 256 x 256 gap's lines took 20-40 ms), so the page spreads the
// parts over frames; the weights and thumbnails must not change until
// the last part is drawn.
type GraphPainting struct {
	layout  GraphLayout
	weights [][]float32
	thumbs  [][]Field
	budgets [MaxGraphColumns]int
	stage   paintStage
	gap     int      // the gap whose lines are being drawn
	row     int      // its next unit on the left
	lines   gapLines // how that gap's lines are drawn
	// strong are the gap's lines of at least half its peak, kept to be
	// drawn over the weak ones once its last rows are (indices into its
	// weights); weak lines are drawn as they are found, so one scan of
	// the weights serves both.
	strong  [lineBudget]int32
	nStrong int
}

type paintStage int

const (
	paintBackground paintStage = iota
	paintLines
	paintNodes
)

// partWeights is about how many weights one part of a gap's lines scans
// (whole rows, at least one): in the browser about 5 ms of a wide gap.
const partWeights = 1 << 14

// Start begins painting the graph of l.
func (p *GraphPainting) Start(l GraphLayout, weights [][]float32, thumbs [][]Field) {
	p.layout, p.weights, p.thumbs = l, weights, thumbs
	p.stage, p.gap, p.row, p.nStrong = paintBackground, 0, 0, 0
	lineBudgets(p.budgets[:], l)
}

// Step draws the next part into dst and says whether the graph is
// complete.
func (p *GraphPainting) Step(dst *image.RGBA) bool {
	l, origin := p.layout, dst.Rect.Min
	switch p.stage {
	case paintBackground:
		fill(dst, dst.Rect, PanelColor)
		p.stage, p.gap = paintLines, 0
		p.beginGap()
	case paintLines:
		g := &p.lines
		if p.gap >= p.gaps() {
			p.stage = paintNodes
			return false
		}
		if g.in*g.out == 0 { // nothing to draw between these columns
			p.gap++
			p.beginGap()
			return false
		}
		end := min(p.row+max(1, partWeights/g.out), g.in)
		p.drawRows(dst, origin, p.row, end)
		p.row = end
		if end == g.in {
			p.drawStrong(dst, origin)
			p.gap++
			p.beginGap()
		}
	default:
		for i, c := range l.cols {
			for u := range c.units {
				r := l.NodeRect(i, u).Add(origin)
				var f Field
				if i < len(p.thumbs) && u < len(p.thumbs[i]) {
					f = p.thumbs[i][u]
				}
				drawNode(dst, r, f)
			}
		}
		return true
	}
	return false
}

// gaps is how many gaps between columns have weights to draw.
func (p *GraphPainting) gaps() int {
	return min(max(len(p.layout.cols)-1, 0), len(p.weights), MaxGraphColumns)
}

// gapLines is how one gap's lines are drawn: which weights (at least
// least, strong from half) and how wide and opaque.
type gapLines struct {
	w                      []float32
	in, out                int
	peak, least, half      float32
	widthScale, alphaScale float32
}

// beginGap prepares the lines of gap p.gap: its strongest budget weights
// are drawn (strengthFloor), wider and more opaque the larger |w| is
// relative to the gap's largest weight.
func (p *GraphPainting) beginGap() {
	p.row, p.nStrong, p.lines = 0, 0, gapLines{}
	i := p.gap
	if i >= p.gaps() {
		return
	}
	l, w := p.layout, p.weights[i]
	in, out := l.cols[i].units, l.cols[i+1].units
	if in*out == 0 || len(w) != in*out {
		return
	}
	peak := peakMagnitude(w)
	if peak == 0 {
		return
	}
	floor := strengthFloor(w, peak, p.budgets[i])
	// 8/sqrt(lines) is 1 up to 8 x 8 weights and falls off for wider
	// layers: thinner, fainter lines where many cross.
	density := min(1, 8/float32(math.Sqrt(float64(in*out))))
	// The scan compares magnitudes, not strengths: most of a wide layer's
	// weights are below the floor, and a division apiece was most of its
	// cost.
	p.lines = gapLines{w: w, in: in, out: out, peak: peak,
		least: max(floor*peak, math.SmallestNonzeroFloat32), half: peak / 2,
		widthScale: max(density, 0.3), alphaScale: max(density, 0.3)}
}

// drawRows draws the weak lines from units [a0, a1) of the gap's left
// column and keeps its strong ones for drawStrong.
func (p *GraphPainting) drawRows(dst *image.RGBA, origin image.Point, a0, a1 int) {
	g := &p.lines
	for a := a0; a < a1; a++ {
		row := g.w[a*g.out : (a+1)*g.out]
		from := p.layout.NodeRect(p.gap, a).Add(origin)
		for b, v := range row {
			m := abs32(v)
			if !(m >= g.least) {
				continue
			}
			if m >= g.half && p.nStrong < len(p.strong) {
				p.strong[p.nStrong] = int32(a*g.out + b)
				p.nStrong++
				continue
			}
			p.line(dst, origin, from, b, v, m)
		}
	}
}

// drawStrong draws the gap's strong lines, over its weak ones.
func (p *GraphPainting) drawStrong(dst *image.RGBA, origin image.Point) {
	g := &p.lines
	for _, k := range p.strong[:p.nStrong] {
		a, b := int(k)/g.out, int(k)%g.out
		v := g.w[k]
		p.line(dst, origin, p.layout.NodeRect(p.gap, a).Add(origin), b, v, abs32(v))
	}
	p.nStrong = 0
}

// line draws the weight v (of magnitude m) from the unit in box from to
// unit b of the next column.
func (p *GraphPainting) line(dst *image.RGBA, origin image.Point, from image.Rectangle, b int, v, m float32) {
	g := &p.lines
	s := m / g.peak
	fx, fy := float32(from.Max.X), float32(from.Min.Y+from.Max.Y)/2
	to := p.layout.NodeRect(p.gap+1, b).Add(origin)
	tx, ty := float32(to.Min.X), float32(to.Min.Y+to.Max.Y)/2
	width := (0.6 + 3.4*s) * g.widthScale
	alpha := (0.25 + 0.75*s) * g.alphaScale
	if width < hairlineBelow { // as a hairline: a third of the cost, and no thinner to the eye
		alpha *= min(width, 1)
		width = 1
	}
	strokeLine(dst, dst.Rect, fx, fy, tx, ty, width, weightColor(v), alpha)
}
