// Package ui draws the playground's pictures into plain *image.RGBA
// buffers: the decision surface over a square of the plane (Square,
// Field, DrawField, DrawPoints), the table of answers of a pairs task such
// as (a+b) mod p (PairTable, DrawPairTable), the network graph
// (GraphLayout, DrawGraph), the loss and metric curves (History,
// DrawChart, and DrawChartLogSteps against the log of the step) and the
// arrangement of all of them on the canvas (Layout).
//
// Views only compute pixels; the browser's game loop owns the buffers,
// reuses them every frame and uploads them to Ebiten. So every picture is
// testable natively, and once the buffers exist a frame allocates nothing.
// Text is not drawn here: the caller prints it with Ebiten's debug font
// (6x16 pixels a character) into the title lines and label rectangles the
// layouts reserve. The debug font is white, hence the dark theme.
//
// Colors follow TensorFlow Playground: orange for negative values and
// class 0, blue for positive values and class 1, a near-white in between;
// more classes take the further colors of Palette.
package ui
