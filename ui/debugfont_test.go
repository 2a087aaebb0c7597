package ui

import (
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// debugFont is the glyph sheet of Ebiten's debug font (white glyphs with a
// half-transparent dark edge, 6x16 px each, 32 to a row), read from the
// module cache so the preview frames show the labels as the browser will.
// It is nil when the module is not in the cache; the frames then have no
// text. It is loaded on first use, so only the preview tests pay for it.
var debugFont = sync.OnceValue(func() image.Image {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return nil
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "github.com/hajimehoshi/ebiten/v2@v2.10.4/ebitenutil/text.png")
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil
	}
	return img
})

// printAt draws s at (x, y) as ebitenutil.DebugPrintAt does.
func printAt(dst *image.RGBA, s string, x, y int) {
	font := debugFont()
	if font == nil {
		return
	}
	const cw, ch = 6, 16
	for i, c := range []byte(s) {
		sx, sy := int(c)%32*cw, int(c)/32*ch
		r := image.Rect(x+1+i*cw, y, x+1+(i+1)*cw, y+ch)
		draw.Draw(dst, r, font, image.Pt(sx, sy), draw.Over)
	}
}

// printRight draws s right-aligned in r, vertically centred.
func printRight(dst *image.RGBA, s string, r image.Rectangle) {
	printAt(dst, s, r.Max.X-6*len(s)-1, r.Min.Y+(r.Dy()-16)/2)
}
