//go:build js

package main

import (
	"fmt"
	"image"
	"math"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"playground/data"
	"playground/experiment"
	"playground/session"
	"playground/ui"
	"playground/ui/panel"
)

// trainBudget is how long one frame may train: a few milliseconds leaves
// the rest of a 60 Hz frame for drawing and the browser.
const trainBudget = 6 * time.Millisecond

// minRedrawInterval spaces redraws while only training changes the
// picture: 20 pictures a second look live, and uploading fewer textures
// leaves the GPU (software WebGL on some machines) and the page
// responsive. A picture that costs more (wide layers) waits as long as it
// took, so training keeps at least half the time and a picture of the
// widest network still comes several times a second.
const minRedrawInterval = 50 * time.Millisecond

func (g *game) redrawInterval() time.Duration { return max(minRedrawInterval, g.drawCost) }

// pictureBudget is how long one frame may spend preparing a picture of a
// wide network (the rest of the frame is the browser's): the session does
// not train while one is pending, so this replaces trainBudget then.
const pictureBudget = 10 * time.Millisecond

// surfaceRes is the grid the decision surface and thumbnails are computed
// on; the GPU scales it up smoothly.
const surfaceRes = 50

// game is Ebiten's view of the app: Update trains and handles the mouse,
// Draw renders the views into pixel buffers and uploads them.
type game struct {
	app *app

	width, height int
	regions       ui.Regions
	graphLayout   ui.GraphLayout
	graphColumns  []int

	// The heatmap is two layers: the field, drawn small and stretched by
	// the GPU, and the points over it, redrawn only when they change.
	field, points, graph, loss, acc view
	pointsOf                        pointsKey
	// spikes are the spiking pictures (spikeviews.go), on tasks of spike
	// trains, whose layout (spiking) has room for them.
	spikes  spikeViews
	spiking bool

	// removing says the click brush removes points, for the caption;
	// inert that a click does nothing (an embed without data controls).
	removing, inert bool
	// canvasNamed says the canvas has its accessible name.
	canvasNamed bool
	// touches is a reused buffer of touch IDs.
	touches []ebiten.TouchID
	// bases are the selectable KAN units' mixtures (Snapshot.Bases).
	bases [][]ui.BasisMark
	// edges is the large plot of a KAN edge (edgeplot.go).
	edges edgePlotView
	// square is the plane the heatmap shows; 0 when the task's examples
	// are not points on the plane (clicks then add nothing).
	square    ui.Square
	hover     node
	columns   []int
	labels    []ui.Label
	drawn     drawKey // what the screen shows now
	lastDrawn time.Time
	// drawCost is the Go time of the last whole picture, over every frame
	// it took; pictureCost sums the frames of the one being prepared.
	drawCost, pictureCost time.Duration
	// graphPending is a picture whose graph the next frames paint
	// (painting), and graphCost the Go time the graph last took over all
	// its frames (stagedGraphCost).
	graphPending *session.Snapshot
	graphCost    time.Duration
	painting     ui.GraphPainting
	// trainedThisFrame is the training time of this animation frame's
	// ticks so far (Draw ends a frame).
	trainedThisFrame time.Duration
}

// node names a neuron in the graph: column 0 is the inputs.
type node struct {
	column, unit int
	ok           bool
}

// drawKey is everything the picture depends on; Draw skips frames whose
// key is unchanged, and spaces out frames where only the step moved.
type drawKey struct {
	sess          *session.Session
	generation    int
	step          int
	hover         node
	view          experiment.ViewSpec
	running       bool
	width, height int
	edits         int
	removing      bool // the click brush removes points (the caption says so)
	edge          edgeKey
}

func newGame(a *app) *game { return &game{app: a, edges: edgePlotView{chosen: -1}} }

func (g *game) Layout(outsideWidth, outsideHeight int) (int, int) {
	return outsideWidth, outsideHeight
}

func (g *game) Update() error {
	start := time.Now()
	brush := 0
	if g.app.panel != nil {
		brush = g.app.panel.Brush()
	}
	clicked, x1, x2 := g.pointerOnPlane()
	hover := g.hoveredNode()
	onPlot := g.updateEdgePlot(hover) // a press on the edge plot adds no point
	g.removing = brush == panel.RemoveNearest
	g.inert = brush == panel.NoBrush

	a := g.app
	a.mu.Lock()
	g.hover, a.hover = hover, hover
	// The panel's choices (edgepanel.go) take effect from the next tick.
	if r := a.pinRequest; r != nil {
		g.edges.pinned, a.pinRequest = *r, nil
	}
	a.pinnedEdge, g.edges.chosen = g.edges.pinned, a.chosenPoint
	before := a.sess.LastError()
	// Ebiten runs 60 ticks a second and catches up on a late animation
	// frame with several ticks before its Draw: the budget is the frame's,
	// shared by its ticks, or one late frame became a long task of many
	// ticks' training (measured: 50-120 ms tasks with the default).
	if budget := trainBudget - g.trainedThisFrame; !a.hidden && budget > 0 { // an embed out of view is suspended
		trainStart := time.Now()
		a.sess.Advance(budget)
		g.trainedThisFrame += time.Since(trainStart)
	}
	diverged := a.sess.LastError() != before && a.sess.LastError() != ""
	if diverged {
		a.message = a.sess.LastError()
	}
	a.mu.Unlock()

	if clicked && !g.inert && !onPlot {
		a.click(x1, x2, brush)
	}
	if x, y, ok := justPressed(g); ok && !onPlot && image.Pt(x, y).In(g.regions.Heatmap.Body) {
		g.chooseExample(x, y) // the example grid of a spike task
	}
	if diverged {
		a.syncPanel()
	}
	a.mu.Lock()
	a.stats.addUpdate(time.Since(start))
	a.mu.Unlock()
	return nil
}

// pointerOnPlane reports a fresh left click, or a tap, on the heatmap
// and where it falls on the plane.
func (g *game) pointerOnPlane() (bool, float32, float32) {
	x, y, ok := justPressed(g)
	if !ok {
		return false, 0, 0
	}
	r := g.regions.Heatmap.Body
	if !image.Pt(x, y).In(r) || g.square == 0 {
		return false, 0, 0
	}
	x1, x2 := g.square.ToPlane(x-r.Min.X, y-r.Min.Y, r.Dx(), r.Dy())
	return true, x1, x2
}

// justPressed reports a fresh left click, or a tap, and where.
func justPressed(g *game) (x, y int, ok bool) {
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		x, y = ebiten.CursorPosition()
		return x, y, true
	}
	g.touches = inpututil.AppendJustPressedTouchIDs(g.touches[:0])
	if len(g.touches) == 0 {
		return 0, 0, false
	}
	x, y = ebiten.TouchPosition(g.touches[0])
	return x, y, true
}

// longPress is how long, in ticks, a finger rests on a neuron before the
// big picture shows it, as hovering with a mouse does.
const longPress = 30

// hoveredNode is the neuron under the mouse, or under a finger held on it
// for longPress ticks (a touch screen has no hover).
func (g *game) hoveredNode() node {
	x, y := g.pointer()
	r := g.graph.rect
	if !image.Pt(x, y).In(r) {
		return node{}
	}
	c, u, ok := g.graphLayout.NodeAt(x-r.Min.X, y-r.Min.Y)
	return node{column: c, unit: u, ok: ok}
}

func (g *game) Draw(screen *ebiten.Image) {
	start := time.Now()
	g.trainedThisFrame = 0
	if !g.canvasNamed {
		g.canvasNamed = nameCanvas()
	}
	a := g.app
	w, h := screen.Bounds().Dx(), screen.Bounds().Dy()
	a.mu.Lock()
	spiking := a.sess.SpikeTask()
	a.mu.Unlock()
	if w != g.width || h != g.height || spiking != g.spiking {
		g.width, g.height, g.spiking = w, h, spiking
		g.regions = a.regionsFor(w, h)
		if spiking {
			g.regions = ui.SpikingLayout(g.regions)
		}
		g.field.resize(g.regions.Heatmap.Body, fieldScale)
		g.points.resize(g.regions.Heatmap.Body, 1)
		g.pointsOf = pointsKey{} // the new buffer is empty
		g.graph.resize(g.regions.Graph.Body, 1)
		g.loss.resize(g.regions.Loss.Body, 1)
		g.acc.resize(g.regions.Accuracy.Body, 1)
		g.resizeSpikes()
		g.graphColumns = nil
		a.mu.Lock()
		a.heatmap = g.regions.Heatmap.Body
		a.mu.Unlock()
	}
	if g.graphPending != nil {
		g.drawPendingGraph(screen, start)
		return
	}
	a.mu.Lock()
	key := drawKey{
		sess: a.sess, generation: a.sess.Generation(), step: a.sess.Steps(), hover: g.hover,
		view: a.sess.View(), running: a.sess.Running(), width: w, height: h, edits: a.edits,
		removing: g.removing, edge: g.edges.key(),
	}
	if !a.sess.PicturePending() {
		onlyTrained := key.step != g.drawn.step && withStep(key, g.drawn.step) == g.drawn
		if key == g.drawn || onlyTrained && time.Since(g.lastDrawn) < g.redrawInterval() {
			played := g.playSpikes() // the playback moves on between pictures
			a.mu.Unlock()
			if played {
				g.present(screen)
				a.mu.Lock()
				a.stats.addSlice(time.Since(start)) // counted in goMsPerFrame
				a.mu.Unlock()
			}
			return
		}
	}
	// Everything the views draw, in one snapshot, prepared over as many
	// frames as a wide network needs (the session trains nothing
	// meanwhile); the screen keeps the last picture until it is ready.
	budget := pictureBudget
	if a.stats.frames == 0 {
		// The first picture is prepared whole: nothing is on the screen
		// to keep smooth, and its slices run cold code (V8 compiles a
		// function on its first call) that overran the budget on half
		// the loads, a frame or more later (docs/BENCHMARKS.md).
		budget = 0
	}
	snap, ready := a.sess.PreparePicture(surfaceRes, budget)
	g.pictureCost += time.Since(start)
	if !ready {
		a.stats.addSlice(time.Since(start))
		a.mu.Unlock()
		return
	}
	drawStart := time.Now()
	g.drawn, g.lastDrawn = key, time.Now()
	// The charts get a sample per picture: evaluating every point each
	// tick would cost big networks more than training them.
	a.record()
	spec := snap.Spec
	classes := 0
	if spec.Classification() {
		classes = spec.Data.Classes
	}
	set := spec.Data.Set
	g.square = ui.Square(set.Extent())
	if set.Pairs() {
		g.drawPairs(snap)
	} else {
		lo, hi := set.TargetRange()
		g.drawHeatmap(snap, ui.PointColors{Classes: classes, Lo: lo, Hi: hi})
	}
	if g.graph.pix != nil {
		graphStart := time.Now()
		g.beginGraph(snap)
		if g.graphCost >= stagedGraphCost {
			g.graphPending = snap // painted in the frames after
		} else {
			g.paintGraph(snap, 0)
			g.graph.changed()
		}
		g.graphCost = time.Since(graphStart)
	}
	trainLoss := ui.Series{Values: a.history.TrainLoss(), Color: ui.TrainCurveColor}
	testLoss := ui.Series{Values: a.history.TestLoss(), Color: ui.TestCurveColor}
	if g.loss.pix != nil {
		ui.DrawChart(g.loss.pix, trainLoss, testLoss)
		g.loss.changed()
	}
	if g.acc.pix != nil {
		g.drawMetric(set, classes > 0)
		g.acc.changed()
	}
	if g.graphPending == nil { // else fresh once the graph shows it too
		a.drawnStep, a.drawnEdits = key.step, key.edits
	}
	g.drawSpikes(snap)
	g.bases = snap.Bases
	g.drawEdgePlot() // before the titles, which name its edge
	g.labels = g.pictureLabels(g.labels[:0], snap)
	a.canvasText = append(a.canvasText[:0], g.labels...)
	a.mu.Unlock()

	g.present(screen)
	a.mu.Lock()
	g.drawCost = g.pictureCost + time.Since(drawStart)
	a.stats.addDraw(time.Since(start), g.drawCost, time.Since(drawStart))
	g.pictureCost = 0
	if a.afterFirstFrame != nil {
		a.afterFirstFrame()
		a.afterFirstFrame = nil
	}
	a.mu.Unlock()
}

// pictureLabels appends every text of a picture: the panels' titles, the
// graph's column and feature names (of the graph's layout as drawn), the
// axes and the spiking panels' labels.
func (g *game) pictureLabels(dst []ui.Label, snap *session.Snapshot) []ui.Label {
	spec := snap.Spec
	dst = g.titles(dst, snap.Metrics, snap.Running, spec)
	dst = g.axisLabels(dst, spec.Data.Set, spec.Classification())
	dst = g.spikeTitles(dst, snap)
	return g.edgePlotLabels(dst)
}

// stagedGraphCost is how long the graph may take to draw in the frame
// that draws the rest of a picture, and about how long each frame after
// spends painting it when it takes longer: a wide network's graph (a
// thousand weight lines and hundreds of neurons) took 25-40 ms in the
// browser, a long task in any one frame, so it is painted a part (a gap's
// lines, the nodes) at a time over the frames after.
const stagedGraphCost = 8 * time.Millisecond

// drawPendingGraph paints the next parts of the graph of the picture an
// earlier frame drew the other views of, and shows the picture's graph
// once complete. The snapshot is still whole: no picture is prepared in
// between (these frames prepare none), and its edges are copies.
func (g *game) drawPendingGraph(screen *ebiten.Image, start time.Time) {
	a := g.app
	a.mu.Lock()
	done := g.paintGraph(g.graphPending, stagedGraphCost)
	g.graphCost += time.Since(start)
	g.drawCost += time.Since(start)
	if !done { // the screen keeps the last graph meanwhile
		a.stats.addSlice(time.Since(start))
		a.mu.Unlock()
		return
	}
	g.graph.changed()
	// The graph's labels follow its layout, which may have just changed.
	g.labels = g.pictureLabels(g.labels[:0], g.graphPending)
	a.canvasText = append(a.canvasText[:0], g.labels...)
	g.graphPending = nil
	a.drawnStep, a.drawnEdits = g.drawn.step, g.drawn.edits
	a.mu.Unlock()
	g.present(screen)
	a.mu.Lock()
	a.stats.addSlice(time.Since(start))
	a.mu.Unlock()
}

// present puts every view and label on the screen, uploading every
// changed view first (view.upload says why).
func (g *game) present(screen *ebiten.Image) {
	s := &g.spikes
	views := [...]*view{&g.field, &g.points, &g.graph, &s.flight, &g.loss, &g.acc, &s.raster, &s.membrane, &s.delays, &s.scatter}
	for _, v := range views {
		v.upload()
	}
	if g.edges.shown.ok {
		g.edges.view.upload()
	}
	screen.Fill(ui.PageColor)
	for _, v := range views {
		v.draw(screen)
	}
	g.presentEdgePlot(screen)
	for _, l := range g.labels {
		printAt(screen, l.Text, l.X, l.Y)
	}
}

func withStep(k drawKey, step int) drawKey {
	k.step = step
	return k
}

// fieldScale is how many canvas pixels one pixel of the smooth field
// buffer covers: the field is a bilinear blend of a 50x50 grid, so the
// GPU's linear filter loses nothing, and the CPU fills 16 times fewer
// pixels. A discretized field keeps full resolution for its hard edges.
const fieldScale = 4

// pointsKey is what the points layer depends on (besides its buffer,
// which resizing clears, and with it the key).
type pointsKey struct {
	sess       *session.Session
	generation int
	showTest   bool
}

// drawMetric charts the task's metric: accuracy from 0 to 1 (against the
// log of the step for pairs, where test accuracy may jump thousands of
// steps after training accuracy), or the RMSE of a regression.
func (g *game) drawMetric(set data.Set, classification bool) {
	h := g.app.history
	train := ui.Series{Values: h.TrainMetric(), Color: ui.TrainCurveColor}
	test := ui.Series{Values: h.TestMetric(), Color: ui.TestCurveColor}
	switch {
	case set.Pairs():
		ui.DrawChartLogSteps(g.acc.pix, h.Steps(), 0, 1, train, test)
	case classification:
		ui.DrawChartRange(g.acc.pix, 0, 1, train, test)
	default:
		ui.DrawChart(g.acc.pix, train, test)
	}
}

// drawPairs draws the table of the network's answers over every pair, in
// the heatmap's place, at full resolution (its cells have hard edges).
func (g *game) drawPairs(snap *session.Snapshot) {
	r := g.regions.Heatmap.Body
	if g.field.scale != 1 {
		g.field.resize(r, 1)
	}
	if g.field.pix != nil {
		ui.DrawPairTable(g.field.pix, snap.Pairs)
		g.field.changed()
	}
	if g.points.pix != nil && g.pointsOf != (pointsKey{}) {
		// The points layer lies over the table: empty it once.
		clear(g.points.pix.Pix)
		g.points.changed()
		g.pointsOf = pointsKey{}
	}
}

// drawHeatmap draws the field the pointer asks for (the output, or the
// hovered neuron) and, when they changed, the points.
func (g *game) drawHeatmap(snap *session.Snapshot, colors ui.PointColors) {
	surf, v := snap.Surface, snap.Spec.View
	r := g.regions.Heatmap.Body
	field := surf.Output
	if g.hover.ok {
		field = surf.Nodes[g.hover.column][g.hover.unit]
	}
	discretize := v.Discretize && !g.hover.ok
	if scale := fieldScale; discretize != (g.field.scale == 1) {
		if discretize {
			scale = 1
		}
		g.field.resize(r, scale)
	}
	if g.field.pix != nil {
		ui.DrawField(g.field.pix, field, discretize)
		g.field.changed()
	}
	key := pointsKey{sess: g.app.sess, generation: snap.Generation, showTest: v.ShowTest}
	if g.points.pix == nil || key == g.pointsOf {
		return
	}
	g.pointsOf = key
	clear(g.points.pix.Pix)
	ui.DrawPoints(g.points.pix, g.square, snap.Train, colors, false)
	if v.ShowTest {
		ui.DrawPoints(g.points.pix, g.square, snap.Test, colors, true)
	}
	g.points.changed()
}

// beginGraph lays the graph of snap out and starts painting it.
func (g *game) beginGraph(snap *session.Snapshot) {
	surf := snap.Surface
	columns := g.columns[:0]
	for _, c := range surf.Nodes {
		columns = append(columns, len(c))
	}
	g.columns = columns
	if !slices.Equal(columns, g.graphColumns) {
		g.graphColumns = slices.Clone(columns)
		g.graphLayout = ui.NewGraphLayout(g.graph.rect.Dx(), g.graph.rect.Dy(), columns)
		g.app.nodes = nodeRects(g.graphLayout, columns, g.graph.rect.Min)
	}
	g.painting.Start(g.graphLayout, snap.Edges, surf.Nodes)
}

// paintGraph paints parts of the graph begun for snap for about budget
// (to the end for 0), then what lies over a complete graph, and says
// whether it is complete.
func (g *game) paintGraph(snap *session.Snapshot, budget time.Duration) bool {
	start := time.Now()
	for !g.painting.Step(g.graph.pix) {
		if budget > 0 && time.Since(start) >= budget {
			return false
		}
	}
	for i, c := range snap.Curves {
		ui.DrawEdgeCurves(g.graph.pix, g.graphLayout, i, c, snap.Edges[i])
	}
	g.markEdges(snap)
	ui.DrawBasisMarks(g.graph.pix, g.graphLayout, snap.Bases)
	if g.hover.ok {
		ui.HighlightNode(g.graph.pix, g.graphLayout, g.hover.column, g.hover.unit)
	}
	return true
}

// nodeRects are the neurons' boxes on the canvas.
func nodeRects(l ui.GraphLayout, columns []int, at image.Point) [][]image.Rectangle {
	rects := make([][]image.Rectangle, len(columns))
	for c, n := range columns {
		rects[c] = make([]image.Rectangle, n)
		for u := range n {
			rects[c][u] = l.NodeRect(c, u).Add(at)
		}
	}
	return rects
}

// titles lays out every text on the canvas: panel titles with their
// numbers, and the graph's column and feature names.
func (g *game) titles(dst []ui.Label, m session.Metrics, running bool, spec experiment.Spec) []ui.Label {
	set, inputs := spec.Data.Set, spec.InputNames()
	r := g.regions
	state := "paused"
	if running {
		state = "training"
	}
	dst = ui.TitleLabels(dst, r.Graph, "NETWORK", fmt.Sprintf("epoch %d  step %d  %s", m.Epoch, m.Step, state))
	heat := "OUTPUT"
	if set.Temporal() {
		heat = "EXAMPLES" // a cell per example, colored by the network's answer
	}
	switch {
	case g.hover.ok && g.hover.column == 0 && set.Pairs():
		heat = pairInput(g.hover.unit, spec.Data.Classes)
	case g.hover.ok && g.hover.column == 0 && g.hover.unit < len(inputs):
		heat = "INPUT " + inputs[g.hover.unit]
	case g.hover.ok && g.hover.column == 0:
		heat = fmt.Sprintf("INPUT %d", g.hover.unit+1)
	case g.hover.ok && g.hover.column == len(g.graphColumns)-1:
		heat = fmt.Sprintf("OUTPUT NEURON %d", g.hover.unit+1)
	case g.hover.ok:
		heat = fmt.Sprintf("LAYER %d NEURON %d", g.hover.column, g.hover.unit+1)
	}
	if b := g.bases; g.hover.ok && g.hover.column >= 1 && g.hover.column-1 < len(b) && g.hover.unit < len(b[g.hover.column-1]) {
		heat += " " + b[g.hover.column-1][g.hover.unit].String() // a selectable KAN unit's mix of bases
	}
	switch {
	case g.edges.shown.ok:
		name, status := g.edgePlotTitle(inputs)
		dst = ui.TitleLabels(dst, r.Heatmap, name, status)
	case set.Pairs() && !g.hover.ok:
		dst = ui.TitleLabels(dst, r.Heatmap, fmt.Sprintf("(a+b) mod %d", spec.Data.Classes), "blue right, orange wrong; dim: trained on")
	case set.Pairs():
		dst = ui.TitleLabels(dst, r.Heatmap, heat, "over every pair: a down, b across")
	default:
		hint := "click: add point"
		switch {
		case set.Temporal():
			hint = "click: show one"
		case g.inert || !set.OnPlane(): // an embed without the data controls; examples that are not points
			hint = ""
		case g.removing:
			hint = "click: remove point"
		}
		// The colors' meaning, where the title has room for it too.
		status := hint
		if legend := planeLegend(spec); legend != "" && !g.hover.ok &&
			ui.GlyphWidth*(len(heat)+len(legend)+len(hint)+6) <= r.Heatmap.Title.Dx() {
			status = legend + "  " + hint
		}
		dst = ui.TitleLabels(dst, r.Heatmap, heat, status)
	}
	dst = ui.TitleLabels(dst, r.Loss, "LOSS", fmt.Sprintf("test %s train %s", num(m.TestLoss), num(m.TrainLoss)))
	switch {
	case set.Pairs():
		dst = ui.TitleLabels(dst, r.Accuracy, "ACCURACY vs log step", fmt.Sprintf("test %s train %s", pct(m.TestAcc), pct(m.TrainAcc)))
	case set.Regression():
		dst = ui.TitleLabels(dst, r.Accuracy, "RMSE", fmt.Sprintf("test %s train %s", num(m.TestRMSE), num(m.TrainRMSE)))
	default:
		dst = ui.TitleLabels(dst, r.Accuracy, "ACCURACY", fmt.Sprintf("test %s train %s", pct(m.TestAcc), pct(m.TrainAcc)))
	}
	start := len(dst)
	dst = ui.GraphLabels(dst, g.graphLayout, inputs)
	dst = ui.BasisLabels(dst, g.graphLayout, g.bases)
	for i := range dst[start:] {
		dst[start+i].X += r.Graph.Body.Min.X
		dst[start+i].Y += r.Graph.Body.Min.Y
	}
	return dst
}

// axisLabels appends the charts' axis labels: the value at the top of
// each y axis, and the decades of a log-step axis. Call with the app's
// lock held (it reads the history).
func (g *game) axisLabels(dst []ui.Label, set data.Set, classification bool) []ui.Label {
	h := g.app.history
	r := g.regions
	if !r.Loss.Body.Empty() {
		top := ui.NiceMax(ui.Series{Values: h.TrainLoss()}, ui.Series{Values: h.TestLoss()})
		dst = ui.YAxisTop(dst, r.Loss.Body, fmt.Sprintf("%.3g", top))
	}
	if r.Accuracy.Body.Empty() {
		return dst
	}
	if classification {
		dst = ui.YAxisTop(dst, r.Accuracy.Body, "100%")
	} else {
		top := ui.NiceMax(ui.Series{Values: h.TrainMetric()}, ui.Series{Values: h.TestMetric()})
		dst = ui.YAxisTop(dst, r.Accuracy.Body, fmt.Sprintf("%.3g", top))
	}
	if steps := h.Steps(); set.Pairs() && len(steps) > 0 {
		dst = ui.LogStepLabels(dst, r.Accuracy.Body, steps[0], steps[len(steps)-1])
	}
	return dst
}

// planeLegend says what the heatmap's two ends of color mean: classes 0
// and 1, or a regression's target range; "" for more classes (their
// colors are the points' own).
func planeLegend(spec experiment.Spec) string {
	switch set := spec.Data.Set; {
	case set.Regression():
		lo, hi := set.TargetRange()
		return fmt.Sprintf("orange %.3g .. blue %.3g", lo, hi)
	case spec.Data.Classes == 2:
		return "orange 0, blue 1"
	}
	return ""
}

// pairInput names input unit u of a pairs task with modulus p: the first
// p are a's one-hot block, the next p b's.
func pairInput(u, p int) string {
	if u < p {
		return fmt.Sprintf("INPUT a = %d", u)
	}
	return fmt.Sprintf("INPUT b = %d", u-p)
}

func num(v float32) string {
	if math.IsNaN(float64(v)) {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

func pct(v float32) string {
	if math.IsNaN(float64(v)) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}
