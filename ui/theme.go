package ui

import (
	"fmt"
	"image/color"

	"playground/data"
)

// TensorFlow Playground's colors: Orange for negative values and class 0,
// Blue for positive values and class 1, Neutral (its light grey-white) for
// zero and for "no idea".
var (
	Orange  = color.RGBA{0xF5, 0x93, 0x22, 0xFF}
	Blue    = color.RGBA{0x08, 0x77, 0xBD, 0xFF}
	Neutral = color.RGBA{0xE8, 0xEA, 0xEB, 0xFF}
)

// Palette holds one color per class. The first two are Orange and Blue so
// two-class sets look as in TensorFlow Playground; the others are chosen to
// stay apart from those two and from each other, and dark enough to show
// on Neutral.
var Palette = [data.MaxClasses]color.RGBA{
	Orange,
	Blue,
	{0x2C, 0xA0, 0x2C, 0xFF}, // green
	{0x8E, 0x44, 0xAD, 0xFF}, // purple
	{0xE0, 0x43, 0x9A, 0xFF}, // magenta
	{0xC8, 0xB4, 0x00, 0xFF}, // mustard
	{0x8C, 0x56, 0x4B, 0xFF}, // brown
	{0x17, 0xA2, 0xB8, 0xFF}, // teal
}

// The dark theme around the pictures. It is dark because Ebiten's debug
// font, which prints the labels, is white.
var (
	PageColor   = color.RGBA{0x12, 0x16, 0x1C, 0xFF} // canvas behind the panels
	PanelColor  = color.RGBA{0x1B, 0x20, 0x28, 0xFF} // graph and chart backgrounds
	GridColor   = color.RGBA{0x2C, 0x33, 0x3D, 0xFF} // chart grid lines
	BorderColor = color.RGBA{0x4A, 0x54, 0x61, 0xFF} // node box frames
	InkColor    = color.RGBA{0x10, 0x13, 0x18, 0xFF} // point outlines
	PaperColor  = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF} // inside of hollow points

	// Chart curves: training dimmer, test (what matters) bright.
	TrainCurveColor = color.RGBA{0x7D, 0x8D, 0xA1, 0xFF}
	TestCurveColor  = color.RGBA{0xF0, 0xF3, 0xF6, 0xFF}
)

// ClassColor is the color of class k (Neutral when k is out of range).
func ClassColor(k int) color.RGBA {
	if k < 0 || k >= len(Palette) {
		return Neutral
	}
	return Palette[k]
}

// Hex writes a color as "#rrggbb" for CSS, so DOM legends match the canvas.
func Hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
