//go:build js

package main

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"honnef.co/go/js/dom/v2"

	"playground/ui/panel"
)

// view is a region of the canvas: a pixel buffer the ui package draws
// into and the Ebiten image it is uploaded to. A buffer drawn at a coarser
// scale is stretched over the region by the GPU with linear filtering.
// Only a buffer marked changed is uploaded again.
type view struct {
	rect  image.Rectangle
	scale int
	pix   *image.RGBA
	img   *ebiten.Image
	dirty bool
}

// resize gives the view a region and a scale, with a cleared buffer.
func (v *view) resize(r image.Rectangle, scale int) {
	v.rect, v.scale = r, max(scale, 1)
	if v.img != nil {
		v.img.Deallocate()
	}
	w, h := ceilDiv(r.Dx(), v.scale), ceilDiv(r.Dy(), v.scale)
	if w <= 0 || h <= 0 {
		v.pix, v.img = nil, nil
		return
	}
	v.pix = image.NewRGBA(image.Rect(0, 0, w, h))
	v.img = ebiten.NewImage(w, h)
	v.dirty = true
}

// changed marks the buffer as redrawn, to be uploaded at the next draw.
func (v *view) changed() { v.dirty = true }

// upload writes the buffer to its image if it changed. A frame uploads
// every view before it draws any: a texture written after a draw makes
// Ebiten wait for the GPU to finish that draw first (glFinish), once per
// view, which cost a picture several round trips to the GPU process.
func (v *view) upload() {
	if v.img != nil && v.dirty {
		v.img.WritePixels(v.pix.Pix)
		v.dirty = false
	}
}

// draw puts the image (uploaded) on the screen.
func (v *view) draw(screen *ebiten.Image) {
	if v.img == nil {
		return
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	b := v.pix.Rect
	op.GeoM.Scale(float64(v.rect.Dx())/float64(b.Dx()), float64(v.rect.Dy())/float64(b.Dy()))
	op.GeoM.Translate(float64(v.rect.Min.X), float64(v.rect.Min.Y))
	screen.DrawImage(v.img, op)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// nameCanvas gives Ebiten's canvas an accessible name, once it exists:
// screen readers otherwise announce an unnamed graphic.
func nameCanvas() bool {
	c := panel.FirstMatch(dom.GetWindow().Document(), "canvas")
	if c == nil {
		return false
	}
	c.SetAttribute("role", "img")
	c.SetAttribute("aria-label", "The network training live: its output over the data, every neuron and weight, and the loss and metric curves. The controls beside it change the experiment.")
	return true
}
