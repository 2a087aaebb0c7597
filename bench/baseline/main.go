//go:build js

// Command baseline is the smallest Ebiten program that draws a frame: the
// yardstick `make bench` measures the playground's size and start-up
// against, built and timed in the same run.
package main

import (
	"image/color"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct{ frames int }

func (g *game) Update() error { return nil }

func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0xfa, 0xfa, 0xfa, 0xff})
	g.frames++
	if g.frames == 1 {
		js.Global().Set("firstFrameMs", js.Global().Get("performance").Call("now"))
	}
}

func (g *game) Layout(w, h int) (int, int) { return w, h }

func main() {
	if err := ebiten.RunGame(&game{}); err != nil {
		panic(err)
	}
}
