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

type game struct{ frames, ticks int }

// mark records the start-up stages the playground also marks
// (wasm/startup.go), for the benchmark to set side by side.
func mark(stage string) { js.Global().Get("performance").Call("mark", "playground:"+stage) }

func (g *game) Update() error {
	g.ticks++
	if g.ticks == 1 {
		mark("first-update")
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0xfa, 0xfa, 0xfa, 0xff})
	g.frames++
	if g.frames == 1 {
		mark("first-frame")
		js.Global().Set("firstFrameMs", js.Global().Get("performance").Call("now"))
	}
}

func (g *game) Layout(w, h int) (int, int) { return w, h }

func main() {
	mark("main")
	if err := ebiten.RunGame(&game{}); err != nil {
		panic(err)
	}
}
