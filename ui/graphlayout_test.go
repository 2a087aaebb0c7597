package ui

import (
	"fmt"
	"image"
	"testing"
)

var graphShapes = [][]int{
	{2, 1},
	{2, 4, 2, 1},
	{7, 8, 8, 8, 8, 8, 8, 2},
	{4, 32, 3},
	{7, 256, 256, 8},
	{1},
}

func TestNodeAtInvertsNodeRect(t *testing.T) {
	for _, size := range []image.Point{{500, 400}, {320, 180}, {900, 700}} {
		for _, cols := range graphShapes {
			l := NewGraphLayout(size.X, size.Y, cols)
			for layer, n := range cols {
				for u := range n {
					r := l.NodeRect(layer, u)
					for _, p := range []image.Point{r.Min, r.Max.Sub(image.Pt(1, 1)), r.Min.Add(r.Max).Div(2)} {
						gl, gu, ok := l.NodeAt(p.X, p.Y)
						if !ok || gl != layer || gu != u {
							t.Fatalf("%v %v: NodeAt(%v) = %d, %d, %v; want %d, %d (rect %v)", size, cols, p, gl, gu, ok, layer, u, r)
						}
					}
				}
			}
		}
	}
}

func TestGraphLayoutBoxesFitAndDoNotOverlap(t *testing.T) {
	for _, size := range []image.Point{{500, 400}, {320, 180}, {900, 700}, {200, 120}} {
		for _, cols := range graphShapes {
			name := fmt.Sprint(size, cols)
			l := NewGraphLayout(size.X, size.Y, cols)
			area := image.Rect(0, GraphHeaderHeight, size.X, size.Y)
			var all []image.Rectangle
			for layer, n := range cols {
				for u := range n {
					r := l.NodeRect(layer, u)
					if r.Empty() || !r.In(area) {
						t.Fatalf("%s: node %d/%d at %v, outside %v", name, layer, u, r, area)
					}
					all = append(all, r)
				}
			}
			if len(all) > 600 {
				continue // the pairwise check below is quadratic
			}
			for i := range all {
				for j := range i {
					if all[i].Overlaps(all[j]) {
						t.Fatalf("%s: boxes %v and %v overlap", name, all[i], all[j])
					}
				}
			}
		}
	}
}

func TestGraphLayoutSizes(t *testing.T) {
	// Small columns share one generous box size.
	l := NewGraphLayout(600, 400, []int{2, 6, 3, 1})
	want := l.NodeRect(0, 0).Dx()
	if want < 30 {
		t.Errorf("boxes of a small network are %d px, want >= 30", want)
	}
	for layer, n := range []int{2, 6, 3, 1} {
		if got := l.NodeRect(layer, n-1).Dx(); got != want {
			t.Errorf("column %d boxes are %d px, want the shared %d", layer, got, want)
		}
	}
	// A 256-unit column on a modest graph keeps boxes of a few pixels by
	// wrapping into sub-columns, while the small columns stay large.
	l = NewGraphLayout(500, 300, []int{2, 256, 1})
	if s := l.NodeRect(1, 0).Dx(); s < 3 {
		t.Errorf("256-unit column boxes are %d px, want >= 3", s)
	}
	if a, b := l.NodeRect(1, 0), l.NodeRect(1, 255); a.Min.X == b.Min.X {
		t.Error("256-unit column did not wrap into sub-columns")
	}
	if s := l.NodeRect(0, 0).Dx(); s < 20 {
		t.Errorf("input boxes shrank to %d px next to a wide layer", s)
	}
}

func TestGraphLayoutMissesAndLabels(t *testing.T) {
	l := NewGraphLayout(400, 300, []int{3, 5, 1})
	if _, _, ok := l.NodeAt(1, 1); ok {
		t.Error("NodeAt found a node in the corner")
	}
	a, b := l.NodeRect(1, 0), l.NodeRect(1, 1)
	if _, _, ok := l.NodeAt(a.Min.X, (a.Max.Y+b.Min.Y)/2); ok && a.Max.Y < b.Min.Y {
		t.Error("NodeAt found a node in the gap between boxes")
	}
	if !l.NodeRect(5, 0).Empty() || !l.NodeRect(0, 3).Empty() {
		t.Error("NodeRect out of range should be empty")
	}
	lab := l.InputLabel(1)
	if lab.Dx() < 5*6 || lab.Max.X > l.NodeRect(0, 1).Min.X || lab.Dy() != 16 {
		t.Errorf("input label %v does not fit five characters before box %v", lab, l.NodeRect(0, 1))
	}
	title := l.ColumnTitle(2)
	if title.Dy() != 16 || title.Max.Y > l.NodeRect(2, 0).Min.Y || title.Dx() < 60 {
		t.Errorf("column title %v does not sit above column 2", title)
	}
}
