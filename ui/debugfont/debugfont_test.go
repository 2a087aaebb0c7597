package debugfont

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"playground/wasm/overlay"
)

var update = flag.Bool("update", false, "write sheet.bin from ebitenutil's text.png")

// upstreamSheet decodes ebitenutil's text.png from the pinned Ebiten.
func upstreamSheet(t *testing.T) image.Image {
	dir, err := overlay.EbitenDir()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "ebitenutil", "text.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestSheetMatchesEbitenutil compares every pixel of the stored sheet with
// ebitenutil's text.png, as image/png decodes it (the image
// ebitenutil.DebugPrintAt draws from).
func TestSheetMatchesEbitenutil(t *testing.T) {
	want := upstreamSheet(t)
	if *update {
		if err := os.WriteFile("sheet.bin", pack(t, want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := Sheet()
	if got.Bounds() != want.Bounds() {
		t.Fatalf("sheet is %v, text.png %v", got.Bounds(), want.Bounds())
	}
	for y := range got.Rect.Dy() {
		for x := range got.Rect.Dx() {
			if g, w := got.At(x, y), want.At(x, y); fmt.Sprint(g) != fmt.Sprint(w) {
				t.Fatalf("pixel (%d, %d) is %v, text.png has %v", x, y, g, w)
			}
		}
	}
}

// pack codes img's pixels by their index in palette, 4 to a byte.
func pack(t *testing.T, img image.Image) []byte {
	b := img.Bounds()
	out := make([]byte, (b.Dx()*b.Dy()+3)/4)
	for y := range b.Dy() {
	pixels:
		for x := range b.Dx() {
			c := img.At(b.Min.X+x, b.Min.Y+y)
			for code, p := range palette {
				if fmt.Sprint(c) == fmt.Sprint(p) {
					i := y*b.Dx() + x
					out[i/4] |= byte(code) << (2 * (i % 4))
					continue pixels
				}
			}
			t.Fatalf("text.png has %v at (%d, %d), not one of the sheet's colors", c, x, y)
		}
	}
	return out
}

func TestGlyph(t *testing.T) {
	if r, ok := Glyph('A'); !ok || r != image.Rect(6, 32, 12, 48) {
		t.Errorf("Glyph('A') = %v, %v; want (6,32)-(12,48)", r, ok)
	}
	if _, ok := Glyph('€'); ok {
		t.Error("Glyph('€') found a glyph outside Latin-1")
	}
}
