package session

import (
	"image"
	"testing"

	"playground/experiment"
	"playground/nn"
	"playground/ui"
)

// largestSpec is the widest network the limits allow on the default
// task (2-256-256-128-2), which the page must keep drawing smoothly.
func largestSpec() experiment.Spec {
	s := experiment.Default()
	s.Layers = []experiment.LayerSpec{
		experiment.NewLayer(nn.DenseLayer, 256, nn.Tanh),
		experiment.NewLayer(nn.DenseLayer, 256, nn.Tanh),
		experiment.NewLayer(nn.DenseLayer, 128, nn.Tanh),
		s.Layers[len(s.Layers)-1],
	}
	return s
}

func BenchmarkSnapshotLargest(b *testing.B) {
	sess, err := New(largestSpec())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sess.Step(1)
		sess.Snapshot(50)
	}
}

func BenchmarkStepLargest(b *testing.B) {
	sess, err := New(largestSpec())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sess.Step(1)
	}
}

func BenchmarkDrawGraphLargest(b *testing.B) {
	sess, err := New(largestSpec())
	if err != nil {
		b.Fatal(err)
	}
	snap := sess.Snapshot(50)
	cols := []int{}
	for _, c := range snap.Surface.Nodes {
		cols = append(cols, len(c))
	}
	img := image.NewRGBA(image.Rect(0, 0, 600, 560))
	l := ui.NewGraphLayout(600, 560, cols)
	for b.Loop() {
		ui.DrawGraph(img, l, snap.Edges, snap.Surface.Nodes)
	}
}
