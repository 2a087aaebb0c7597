package ui

import "image"

// Space the graph layout reserves for text the caller prints.
const (
	// GraphHeaderHeight is the band at the top for one title per column.
	GraphHeaderHeight = 18
	// GraphLabelWidth is the margin left of the input column for feature
	// names: five debug-font characters ("sinx1") and some air.
	GraphLabelWidth = 5*6 + 10
)

const (
	graphMargin    = 8  // right and bottom edges
	maxNodeBox     = 44 // a node's thumbnail never grows beyond this
	legibleNodeBox = 14 // columns whose boxes fit at least this share one size
)

// GraphLayout places the boxes of a network drawn as columns of units:
// inputs, hidden layers, outputs. Compute it once per canvas size or
// network shape; it answers where a node is and which node is under the
// mouse.
//
// Columns share one box size when they can. A column too tall for that size
// shrinks its boxes, and when even small boxes do not fit (up to hundreds
// of units) it wraps into several sub-columns, filled top to bottom, left
// to right.
type GraphLayout struct {
	w, h int
	cols []graphColumn
}

// graphColumn is one column's geometry: a grid of box x box cells with gap
// pixels between them, rows high, its top-left box at (x0, y0).
type graphColumn struct {
	units, box, gap, rows int
	x0, y0                int
	slot                  image.Rectangle // the column's horizontal band
}

// NewGraphLayout lays out the given columns (units per column) on a w x h
// area.
func NewGraphLayout(w, h int, columns []int) GraphLayout {
	l := GraphLayout{w: max(w, 0), h: max(h, 0), cols: make([]graphColumn, len(columns))}
	if len(columns) == 0 {
		return l
	}
	top := GraphHeaderHeight
	availW := max(l.w-GraphLabelWidth-graphMargin, 0)
	availH := max(l.h-top-graphMargin, 0)
	slotW := availW / len(columns)
	// Boxes take at most a little over half of a slot: the rest is for
	// the lines between columns.
	groupW := slotW * 11 / 20
	maxBox := min(maxNodeBox, groupW)

	common := maxBox
	for i, n := range columns {
		box, _, _ := fitColumn(max(n, 0), availH, groupW, maxBox)
		l.cols[i].box = box
		if box >= legibleNodeBox {
			common = min(common, box)
		}
	}
	for i, n := range columns {
		c := &l.cols[i]
		c.units = max(n, 0)
		limit := c.box
		if c.box >= legibleNodeBox {
			limit = common
		}
		c.box, c.gap, c.rows = fitColumn(c.units, availH, groupW, limit)
		sub := ceilDiv(c.units, c.rows)
		gw := sub*c.box + max(sub-1, 0)*c.gap
		gh := c.rows*c.box + max(c.rows-1, 0)*c.gap
		left := GraphLabelWidth + i*slotW
		c.slot = image.Rect(left, 0, left+slotW, l.h)
		c.x0 = left + (slotW-gw)/2
		c.y0 = top + (availH-gh)/2
	}
	return l
}

// fitColumn finds the largest box size up to maxBox for which n boxes fit
// in availH pixels of height, wrapping into as many sub-columns as fit in
// maxW. It returns the box size, the gap and the rows per sub-column.
func fitColumn(n, availH, maxW, maxBox int) (box, gap, rows int) {
	if n == 0 {
		return max(maxBox, 1), 0, 1
	}
	for box = maxBox; box >= 1; box-- {
		gap = nodeGap(box)
		rows = min((availH+gap)/(box+gap), n)
		if rows < 1 {
			continue
		}
		sub := ceilDiv(n, rows)
		if sub*box+(sub-1)*gap <= maxW {
			return box, gap, ceilDiv(n, sub)
		}
	}
	// Nothing fits: one-pixel boxes, as many rows as there is height.
	return 1, 0, max(min(availH, n), 1)
}

// nodeGap is the spacing between boxes of a given size.
func nodeGap(box int) int {
	switch {
	case box >= 12:
		return box / 3
	case box >= 2:
		return 1
	}
	return 0
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// Columns returns the number of columns.
func (l GraphLayout) Columns() int { return len(l.cols) }

// Units returns the number of units in a column (0 when out of range).
func (l GraphLayout) Units(layer int) int {
	if layer < 0 || layer >= len(l.cols) {
		return 0
	}
	return l.cols[layer].units
}

// Size returns the area the layout was made for.
func (l GraphLayout) Size() (w, h int) { return l.w, l.h }

// NodeRect returns the box of a unit (empty when out of range).
func (l GraphLayout) NodeRect(layer, unit int) image.Rectangle {
	if layer < 0 || layer >= len(l.cols) {
		return image.Rectangle{}
	}
	c := l.cols[layer]
	if unit < 0 || unit >= c.units {
		return image.Rectangle{}
	}
	x := c.x0 + unit/c.rows*(c.box+c.gap)
	y := c.y0 + unit%c.rows*(c.box+c.gap)
	return image.Rect(x, y, x+c.box, y+c.box)
}

// NodeAt returns the unit whose box holds pixel (x, y), for hovering.
func (l GraphLayout) NodeAt(x, y int) (layer, unit int, ok bool) {
	for i, c := range l.cols {
		if x < c.x0 || y < c.y0 || c.units == 0 {
			continue
		}
		pitch := c.box + c.gap
		sub, row := (x-c.x0)/pitch, (y-c.y0)/pitch
		if (x-c.x0)%pitch >= c.box || (y-c.y0)%pitch >= c.box || row >= c.rows {
			continue
		}
		if u := sub*c.rows + row; u < c.units {
			return i, u, true
		}
	}
	return 0, 0, false
}

// ColumnTitle is the rectangle above a column for its title ("4 neurons"),
// one debug-font line high and as wide as the column's share of the width.
func (l GraphLayout) ColumnTitle(layer int) image.Rectangle {
	if layer < 0 || layer >= len(l.cols) {
		return image.Rectangle{}
	}
	s := l.cols[layer].slot
	return image.Rect(s.Min.X, 0, s.Max.X, min(16, l.h))
}

// InputLabel is the rectangle left of input unit `unit` for its feature
// name, one debug-font line high, ending just before the box; print the
// name right-aligned in it.
func (l GraphLayout) InputLabel(unit int) image.Rectangle {
	r := l.NodeRect(0, unit)
	if r.Empty() {
		return image.Rectangle{}
	}
	cy := (r.Min.Y + r.Max.Y) / 2
	return image.Rect(2, cy-8, max(r.Min.X-4, 2), cy+8)
}
