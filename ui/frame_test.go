package ui

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"playground/data"
)

// previewDir is the git-ignored folder the preview frames are written to,
// to be looked at by a person.
const previewDir = "../out"

// scene is one experiment rendered as a full preview frame.
type scene struct {
	name       string
	w, h       int
	set        data.Set
	classes    int
	noise      int
	feats      []data.Feature
	hidden     []int
	epochs     int
	lr         float32
	discretize bool
}

var scenes = []scene{
	{name: "circle_900x600", w: 900, h: 600, set: data.Circle, noise: 10,
		feats: []data.Feature{data.X1, data.X2, data.X1Squared, data.X2Squared}, hidden: []int{6, 4}, epochs: 150, lr: 0.03},
	{name: "spiralk4_1280x720", w: 1280, h: 720, set: data.SpiralK, classes: 4,
		feats: data.Features(), hidden: []int{16, 16, 12}, epochs: 250, lr: 0.005},
	{name: "xor_portrait_400x600", w: 400, h: 600, set: data.XOR, noise: 5,
		feats: []data.Feature{data.X1, data.X2, data.X1X2}, hidden: []int{4}, epochs: 60, lr: 0.03, discretize: true},
	{name: "multigauss_600x600", w: 600, h: 600, set: data.MultiGauss,
		feats: []data.Feature{data.X1, data.X2, data.SinX1, data.SinX2}, hidden: []int{8, 8}, epochs: 300, lr: 0.03},
}

// TestPreviewFrames trains a tiny network per scene, composes the frame the
// browser would show and saves it as a PNG in previewDir. It checks that
// every panel was drawn, and that the network learned enough for the
// picture to mean something.
func TestPreviewFrames(t *testing.T) {
	if testing.Short() {
		t.Skip("trains small networks")
	}
	if err := os.MkdirAll(previewDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenes {
		t.Run(sc.name, func(t *testing.T) {
			frame, acc := renderScene(sc)
			if !sc.set.Regression() && acc < 0.8 {
				t.Errorf("test accuracy %.2f: the preview shows an untrained network", acc)
			}
			r := Layout(sc.w, sc.h)
			for name, p := range r.panels() {
				c := p.Body.Min.Add(p.Body.Max).Div(2)
				if at(frame, c.X, c.Y) == PageColor {
					t.Errorf("%s panel was not drawn", name)
				}
			}
			savePNG(t, frame, sc.name)
		})
	}
}

// TestPreviewWideGraph draws the graph of a network with two 256-unit
// layers, to judge legibility.
func TestPreviewWideGraph(t *testing.T) {
	cols := []int{7, 256, 256, 8}
	const w, h = 700, 420
	net := newTinyNet(cols, 8, 3)
	_, thumbs := net.picture(16, data.Features())
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	l := NewGraphLayout(w, h, cols)
	DrawGraph(img, l, net.weights(), thumbs)
	labelGraph(img, l, data.Features())
	if s := l.NodeRect(1, 0).Dx(); s < 3 {
		t.Errorf("wide layer boxes are %d px", s)
	}
	savePNG(t, img, "graph_7-256-256-8")
}

func savePNG(t *testing.T, img image.Image, name string) {
	t.Helper()
	// Any test may save first, whatever order they run in.
	if err := os.MkdirAll(previewDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(previewDir, name+".png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// renderScene trains the scene's network and composes its frame; it also
// returns the final test accuracy.
func renderScene(sc scene) (*image.RGBA, float32) {
	classes := sc.set.Classes(sc.classes)
	pts := data.Generate(sc.set, 400, sc.noise, classes, 1)
	train, test := data.Split(pts, 50, 2)
	outputs := 1
	if classes >= 3 {
		outputs = classes
	}
	cols := append(append([]int{len(sc.feats)}, sc.hidden...), outputs)
	net := newTinyNet(cols, classes, 7)
	hist := NewHistory(DefaultHistoryCap)
	x := make([]float32, len(sc.feats))
	for epoch := range sc.epochs {
		for _, p := range train {
			net.step(data.FeatureVector(x, p.X1, p.X2, sc.feats), p, sc.lr)
		}
		trainLoss, trainAcc := net.evaluate(train, sc.feats)
		testLoss, testAcc := net.evaluate(test, sc.feats)
		hist.Add(Sample{Step: (epoch + 1) * len(train), TrainLoss: trainLoss, TestLoss: testLoss, TrainMetric: trainAcc, TestMetric: testAcc})
	}
	out, thumbs := net.picture(100, sc.feats) // the app samples 100 x 100 too
	last, _ := hist.Last()

	r := Layout(sc.w, sc.h)
	frame := image.NewRGBA(image.Rect(0, 0, sc.w, sc.h))
	fill(frame, frame.Rect, PageColor)

	graph := image.NewRGBA(image.Rect(0, 0, r.Graph.Body.Dx(), r.Graph.Body.Dy()))
	l := NewGraphLayout(graph.Rect.Dx(), graph.Rect.Dy(), cols)
	DrawGraph(graph, l, net.weights(), thumbs)
	labelGraph(graph, l, sc.feats)
	paste(frame, graph, r.Graph.Body)
	title(frame, r.Graph, "NETWORK", fmt.Sprintf("epoch %d  lr %g  tanh", sc.epochs, sc.lr))

	heat := image.NewRGBA(image.Rect(0, 0, r.Heatmap.Body.Dx(), r.Heatmap.Body.Dy()))
	DrawField(heat, out, sc.discretize)
	DrawPoints(heat, tfSquare, train, PointColors{Classes: classes}, false)
	DrawPoints(heat, tfSquare, test, PointColors{Classes: classes}, true)
	paste(frame, heat, r.Heatmap.Body)
	title(frame, r.Heatmap, "OUTPUT", fmt.Sprintf("test %.3f  train %.3f", last.TestLoss, last.TrainLoss))

	loss := image.NewRGBA(image.Rect(0, 0, r.Loss.Body.Dx(), r.Loss.Body.Dy()))
	trainS, testS := Series{hist.TrainLoss(), TrainCurveColor}, Series{hist.TestLoss(), TestCurveColor}
	DrawChart(loss, trainS, testS)
	paste(frame, loss, r.Loss.Body)
	title(frame, r.Loss, "LOSS", fmt.Sprintf("max %g", NiceMax(trainS, testS)))

	acc := image.NewRGBA(image.Rect(0, 0, r.Accuracy.Body.Dx(), r.Accuracy.Body.Dy()))
	DrawChartRange(acc, 0, 1, Series{hist.TrainMetric(), TrainCurveColor}, Series{hist.TestMetric(), TestCurveColor})
	paste(frame, acc, r.Accuracy.Body)
	title(frame, r.Accuracy, "ACCURACY", fmt.Sprintf("%.1f%%", 100*last.TestMetric))
	return frame, last.TestMetric
}

// labelGraph prints column titles and feature names as the browser does.
func labelGraph(img *image.RGBA, l GraphLayout, feats []data.Feature) {
	names := make([]string, len(feats))
	for i, f := range feats {
		names[i] = f.Formula()
	}
	for _, lb := range GraphLabels(nil, l, names) {
		printAt(img, lb.Text, lb.X, lb.Y)
	}
}

// title prints a panel's name and status as the browser does.
func title(img *image.RGBA, p Panel, name, status string) {
	for _, lb := range TitleLabels(nil, p, name, status) {
		printAt(img, lb.Text, lb.X, lb.Y)
	}
}

func paste(dst, src *image.RGBA, at image.Rectangle) {
	draw.Draw(dst, at, src, src.Rect.Min, draw.Src)
}
