package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"
)

// pairTable is a p x p table of (a+b) mod p whose answer is wrong where
// wrong(a, b) and which trains on the pairs where train(a, b).
func pairTable(p int, wrong, train func(a, b int) bool) PairTable {
	t := PairTable{P: p, Answer: make([]int, p*p), Truth: make([]int, p*p), Train: make([]bool, p*p)}
	for a := range p {
		for b := range p {
			i := a*p + b
			t.Truth[i] = (a + b) % p
			t.Answer[i] = t.Truth[i]
			if wrong(a, b) {
				t.Answer[i] = (t.Truth[i] + 1) % p
			}
			t.Train[i] = train(a, b)
		}
	}
	return t
}

// pairCase is a cell to look at: the pixel (x, y) should show pair (a, b),
// which is right or wrong and a training or test pair as the name says.
type pairCase struct {
	name        string
	a, b        int
	right, test bool
	x, y        int
}

// checkPairCells draws t into a buffer of rectangle r and checks the
// cases, whose pixels were worked out by hand from the documented layout.
func checkPairCells(t *testing.T, r image.Rectangle, table PairTable, cases []pairCase) {
	t.Helper()
	img := image.NewRGBA(r)
	DrawPairTable(img, table)
	for _, c := range cases {
		i := c.a*table.P + c.b
		if (table.Answer[i] == table.Truth[i]) != c.right || table.Train[i] == c.test {
			t.Fatalf("%s: the table does not make pair (%d, %d) what the case says", c.name, c.a, c.b)
		}
		wantNear(t, c.name, at(img, c.x, c.y), PairColor(c.right, !c.test), 0)
	}
}

func TestPairColorsDiffer(t *testing.T) {
	right, wrong := PairColor(true, false), PairColor(false, false)
	if !bluer(right) || !oranger(wrong) {
		t.Errorf("right %v should be blue and wrong %v orange", right, wrong)
	}
	if !bluer(PairColor(true, true)) || !oranger(PairColor(false, true)) {
		t.Errorf("training pairs lost their hue: %v %v", PairColor(true, true), PairColor(false, true))
	}
	// Training pairs must differ from test pairs in lightness, which
	// every reader sees, and not vanish into the background.
	luma := func(c [3]uint8) int { return 299*int(c[0]) + 587*int(c[1]) + 114*int(c[2]) }
	rgb := func(right, train bool) [3]uint8 {
		c := PairColor(right, train)
		return [3]uint8{c.R, c.G, c.B}
	}
	panel := luma([3]uint8{PanelColor.R, PanelColor.G, PanelColor.B})
	for _, right := range []bool{false, true} {
		test, train := luma(rgb(right, false)), luma(rgb(right, true))
		if test-train < 20000 || train-panel < 10000 {
			t.Errorf("right=%v: test luma %d, train %d, panel %d are too close", right, test, train, panel)
		}
	}
}

func TestDrawPairTableCells(t *testing.T) {
	// Right unless a == b+1; training pairs where a is even.
	wrong := func(a, b int) bool { return a == b+1 }
	evenA := func(a, b int) bool { return a%2 == 0 }

	t.Run("P=5 in 100x100", func(t *testing.T) {
		// Cells of 20 px, each drawn 19 px wide with a line of
		// background after it: cell b covers x in [20b, 20b+19).
		table := pairTable(5, wrong, evenA)
		checkPairCells(t, image.Rect(0, 0, 100, 100), table, []pairCase{
			{"right training (0,0)", 0, 0, true, false, 9, 9},
			{"wrong test (1,0)", 1, 0, false, true, 9, 29},
			{"right test (3,4)", 3, 4, true, true, 98, 60},
			// The gap after the last cell falls outside the table,
			// which thus reaches the buffer's edge and stays centred.
			{"right test (3,4) at the edge", 3, 4, true, true, 99, 60},
			{"wrong training (4,3)", 4, 3, false, false, 60, 98},
		})
		img := image.NewRGBA(image.Rect(0, 0, 100, 100))
		DrawPairTable(img, table)
		for _, p := range []image.Point{{19, 9}, {9, 39}, {79, 50}} {
			wantNear(t, "gap at "+p.String(), at(img, p.X, p.Y), PanelColor, 0)
		}
	})

	t.Run("P=5 in odd 41x23 at (3,5)", func(t *testing.T) {
		// A 23 px square centred at x 12; edges at 0, 4, 9, 13, 18, 23
		// and no gaps (cells under 6 px).
		table := pairTable(5, wrong, evenA)
		checkPairCells(t, image.Rect(3, 5, 44, 28), table, []pairCase{
			{"right training (0,0)", 0, 0, true, false, 12, 5},
			{"wrong test (1,0)", 1, 0, false, true, 15, 9},
			{"right test (1,2)", 1, 2, true, true, 24, 12},
			{"wrong training (4,3)", 4, 3, false, false, 29, 27},
			{"right training (4,4)", 4, 4, true, false, 34, 23},
		})
		img := image.NewRGBA(image.Rect(3, 5, 44, 28))
		DrawPairTable(img, table)
		for _, x := range []int{3, 11, 35, 43} {
			wantNear(t, "margin", at(img, x, 16), PanelColor, 0)
		}
	})

	t.Run("P=97 in 200x200", func(t *testing.T) {
		// Cell i covers [i*200/97, (i+1)*200/97): 2 or 3 px.
		table := pairTable(97, wrong, evenA)
		checkPairCells(t, image.Rect(0, 0, 200, 200), table, []pairCase{
			{"right training (0,0)", 0, 0, true, false, 0, 0},
			{"wrong test (1,0)", 1, 0, false, true, 1, 2},              // row 1: y in [2, 4)
			{"right test (1,1)", 1, 1, true, true, 2, 3},               // column 1: x in [2, 4)
			{"wrong training (50,49)", 50, 49, false, false, 101, 103}, // [101, 103) x [103, 105)
			{"right test (95,96)", 95, 96, true, true, 199, 196},       // [197, 200) x [195, 197)
		})
	})

	t.Run("P=97 in odd 150x101", func(t *testing.T) {
		// A 101 px square from x 24; cell i covers [i*101/97, (i+1)*101/97).
		table := pairTable(97, wrong, evenA)
		checkPairCells(t, image.Rect(0, 0, 150, 101), table, []pairCase{
			{"right training (0,0)", 0, 0, true, false, 24, 0},
			{"wrong training (50,49)", 50, 49, false, false, 24 + 51, 52}, // columns [51, 52), rows [52, 53)
			{"right test (51,49)", 51, 49, true, true, 24 + 51, 53},
			{"wrong test (95,94)", 95, 94, false, true, 24 + 97, 98}, // columns [97, 98), rows [98, 99)
		})
	})
}

// TestDrawPairTableShowsEveryCell draws a checkerboard of right and wrong
// answers and counts the color changes across and down the table: P runs
// each way mean that every row and column, hence every cell, has pixels.
func TestDrawPairTableShowsEveryCell(t *testing.T) {
	checker := func(a, b int) bool { return (a+b)%2 == 1 }
	never := func(a, b int) bool { return false }
	for _, r := range []image.Rectangle{
		image.Rect(0, 0, 100, 100),
		image.Rect(0, 0, 97, 140),
		image.Rect(-7, 3, 250, 113),
	} {
		img := image.NewRGBA(r)
		DrawPairTable(img, pairTable(97, checker, never))
		side := min(r.Dx(), r.Dy())
		x0, y0 := r.Min.X+(r.Dx()-side)/2, r.Min.Y+(r.Dy()-side)/2
		across := runs(side, func(i int) color.RGBA { return at(img, x0+i, y0+side/2) })
		down := runs(side, func(i int) color.RGBA { return at(img, x0+side/2, y0+i) })
		if across != 97 || down != 97 {
			t.Errorf("%v: %d columns and %d rows show, want 97", r, across, down)
		}
		for _, x := range []int{x0, x0 + side - 1} {
			for _, y := range []int{y0, y0 + side - 1} {
				if c := at(img, x, y); c == PanelColor {
					t.Errorf("%v: corner (%d, %d) is background", r, x, y)
				}
			}
		}
	}
}

// runs counts the runs of equal values among f(0), ..., f(n-1).
func runs(n int, f func(i int) color.RGBA) int {
	count := 0
	for i := range n {
		if i == 0 || f(i) != f(i-1) {
			count++
		}
	}
	return count
}

func TestDrawPairTableBadInput(t *testing.T) {
	good := pairTable(5, func(a, b int) bool { return a == b }, func(a, b int) bool { return b < 2 })
	short := func(s []int) []int { return s[:len(s)-1] }
	for name, table := range map[string]PairTable{
		"zero":          {},
		"negative P":    {P: -3, Answer: good.Answer, Truth: good.Truth, Train: good.Train},
		"short answers": {P: 5, Answer: short(good.Answer), Truth: good.Truth, Train: good.Train},
		"short truth":   {P: 5, Answer: good.Answer, Truth: short(good.Truth), Train: good.Train},
		"short train":   {P: 5, Answer: good.Answer, Truth: good.Truth, Train: good.Train[:24]},
		"no slices":     {P: 5},
		"P*P overflows": {P: 1 << 32, Answer: good.Answer, Truth: good.Truth, Train: good.Train},
	} {
		img := image.NewRGBA(image.Rect(0, 0, 30, 20))
		draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
		DrawPairTable(img, table)
		for y := range 20 {
			for x := range 30 {
				if c := at(img, x, y); c != PanelColor {
					t.Fatalf("%s: pixel (%d, %d) is %v, want the background", name, x, y, c)
				}
			}
		}
	}
	// Buffers with no room for a table must not panic either.
	for _, r := range []image.Rectangle{{}, image.Rect(0, 0, 0, 50), image.Rect(4, 4, 5, 40), image.Rect(0, 0, 3, 3)} {
		DrawPairTable(image.NewRGBA(r), good)
	}
}

func TestDrawPairTableDoesNotAllocate(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 240, 240))
	table := pairTable(97, func(a, b int) bool { return a*b%7 == 0 }, func(a, b int) bool { return (a^b)%3 == 0 })
	if allocs := testing.AllocsPerRun(10, func() { DrawPairTable(img, table) }); allocs != 0 {
		t.Errorf("DrawPairTable allocated %v times per frame", allocs)
	}
}

// TestPreviewPairTable saves, side by side, tables as a grokking run shows
// them: P=97 with 40% training pairs, all of them learned and a third of
// the test pairs; P=11 with the gaps of larger cells; P=5 in an odd box.
func TestPreviewPairTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	grokking := func(p int) PairTable {
		train := make([]bool, p*p)
		for i := range train {
			train[i] = rng.Float64() < 0.4
		}
		return pairTable(p,
			func(a, b int) bool { return !train[a*p+b] && rng.Float64() > 0.33 },
			func(a, b int) bool { return train[a*p+b] })
	}
	img := image.NewRGBA(image.Rect(0, 0, 240*3+16, 240))
	fill(img, img.Rect, PageColor)
	for i, c := range []struct {
		p    int
		w, h int
	}{{97, 240, 240}, {11, 240, 240}, {5, 150, 90}} {
		sub := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		DrawPairTable(sub, grokking(c.p))
		paste(img, sub, image.Rect(i*248, 0, i*248+c.w, c.h))
	}
	savePNG(t, img, "pairs")
}
