// Package debugfont holds the glyph sheet of Ebiten's debug font (the one
// ebitenutil.DebugPrintAt draws), so the page can print its labels without
// linking ebitenutil, which brings net/http, crypto/tls and x509 into the
// program (about 1.5 MB raw). The sheet is stored as 2 bits a pixel
// (sheet.bin, made from ebitenutil's text.png by the test with -update)
// and is pixel for pixel the PNG's: the test compares them.
package debugfont

import (
	_ "embed"
	"image"
	"image/color"
	"sync"
)

// The sheet: 256 glyphs (Latin-1) of Width x Height pixels, Columns to a row.
const (
	Width   = 6
	Height  = 16
	Columns = 32
	rows    = 256 / Columns
)

// palette is the sheet's three colors, by their 2-bit code: the PNG's
// transparent background, its half-transparent black edge and its white
// glyphs, as image/png decodes them.
var palette = [3]color.NRGBA{{}, {A: 0x80}, {R: 0xff, G: 0xff, B: 0xff, A: 0xff}}

//go:embed sheet.bin
var packed []byte

// Sheet returns the glyph sheet, decoded once. Glyph c is at column c %
// Columns and row c / Columns.
var Sheet = sync.OnceValue(func() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, Columns*Width, rows*Height))
	n := img.Rect.Dx() * img.Rect.Dy()
	if len(packed) != n/4 {
		return img // blank: the test says sheet.bin is not the sheet
	}
	for i := range n {
		code := packed[i/4] >> (2 * (i % 4)) & 3
		// code 3 never occurs in sheet.bin; it reads as the background.
		if code < 3 {
			c := palette[code]
			copy(img.Pix[4*i:4*i+4], []byte{c.R, c.G, c.B, c.A})
		}
	}
	return img
})

// Glyph is the sheet's rectangle of rune c, and false for a rune outside
// Latin-1 (which the debug font leaves blank, one glyph wide).
func Glyph(c rune) (image.Rectangle, bool) {
	if c < 0 || c > 0xff {
		return image.Rectangle{}, false
	}
	x, y := int(c)%Columns*Width, int(c)/Columns*Height
	return image.Rect(x, y, x+Width, y+Height), true
}
