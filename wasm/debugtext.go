//go:build js

package main

import (
	"github.com/hajimehoshi/ebiten/v2"

	"playground/ui/debugfont"
)

// glyphSheet is the debug font's sheet as an Ebiten image. It is made
// when the program starts, as ebitenutil makes its own: made later, it
// takes another place in Ebiten's texture atlas, which moves the other
// images and changes a few stretched pixels of the plane by one level.
var glyphSheet = ebiten.NewImageFromImage(debugfont.Sheet())

// printAt draws s at (x, y) in Ebiten's debug font, as
// ebitenutil.DebugPrintAt does (its drawDebugText, Ebiten v2.10.4), without
// linking ebitenutil (see ui/debugfont).
func printAt(dst *ebiten.Image, s string, x, y int) {
	var op ebiten.DrawImageOptions
	cx, cy := 0, 0
	for _, c := range s {
		if c == '\n' {
			cx = 0
			cy += debugfont.Height
			continue
		}
		if r, ok := debugfont.Glyph(c); ok {
			op.GeoM.Reset()
			op.GeoM.Translate(float64(x+1+cx), float64(y+cy))
			dst.DrawImage(glyphSheet.SubImage(r).(*ebiten.Image), &op)
		}
		cx += debugfont.Width
	}
}
