//go:build js

package main

import (
	"errors"
	"image"
	"math"
	"syscall/js"
	"time"

	"playground/experiment"
	"playground/nn"
	"playground/session"
	"playground/ui"
)

// maxAPISteps bounds one step(n) call (about a second of training for
// the default experiment) so a page cannot freeze its tab; call step
// again for more.
const maxAPISteps = 10000

// exposeAPI installs window.playground for pages and tests:
//
//	status()   {step, epoch, trainLoss, testLoss, trainAcc, testAcc,
//	            trainRMSE, testRMSE, params, flops, running, visible,
//	            suspended, error, hash,
//	            ticks, frames, panel, fresh, firstFrameMs, goMsPerFrame,
//	            longestUpdateMs, pictureMs, viewsMs, kernels, bases}
//	           (the task's metric by name: accuracy for classes, RMSE for
//	           a regression, the other null; params and flops: the
//	           network's trainable values and floating-point operations per
//	           example;
//	           panel: the controls are built (just after the first
//	           picture, so it shows sooner; open() needs them);
//	           fresh: the picture shows this step and the latest edit;
//	           longestUpdateMs: the longest training slice of a frame
//	           since the experiment was loaded;
//	           pictureMs: Go time of the last picture over all the frames
//	           it took (a wide network's is prepared over several);
//	           viewsMs: the part of it that drew the views;
//	           canvasText: every text on the canvas as last drawn (titles,
//	           the graph's column and input names, axes);
//	           hover: {column, unit} of the neuron under the pointer, or null;
//	           edge: the KAN edge whose large plot is on screen, or null:
//	           {layer, from, to, pinned, dragging, active (handle), lo, hi
//	           (its input's range), counts (histogram), yLo, yHi,
//	           handles: [{x, y, inside, px, py (canvas pixel)}],
//	           coefficients (of the control points)};
//	           spikes: on a task of spike trains, what the spiking
//	           pictures show, else null: {example, class, predicted,
//	           neuron: {column, unit} whose membrane is traced, spikes:
//	           the example's spike count over every column, rasterHash:
//	           a hash of the raster's spikes and readout (to 1/100),
//	           delays: {layer, histograms, lastStep, meanDelay, hash of
//	           the newest histogram} of the first layer with delays, or
//	           absent, playbackDots: the spikes travelling over the
//	           graph in the playback frame on screen}; they follow the
//	           picture on screen (see fresh);
//	           kernels: the WebAssembly kernel body the loader chose, "simd"
//	           or "scalar";
//	           bases: per layer, null, or for a KAN layer of the selectable
//	           basis per unit {basis (its leading one's name), weight,
//	           decided (it chose: step 100 on)}, as the weights are now;
//	           visible: false while an embed (?embed=1) is scrolled out of
//	           view or its tab is hidden, always true on the full page;
//	           suspended: running, but not training because not visible:
//	           running stays what the reader or host chose, and training
//	           resumes when the embed is seen again)
//	load(hash) replaces the experiment as opening that link would; returns
//	           null or the error message (then the default is loaded)
//	open(id)   opens the preset with that id as the Papers panel does;
//	           returns a Promise of null, or of the reason it was not
//	           opened (then the experiment is unchanged)
//	formula() a network of KAN layers read off as formulas: {outputs,
//	           edges: [{layer, from, to, function, text, r2, pruned}],
//	           testRMSE}, or {error}
//	play(), pause(), reset()
//	prune(threshold?), snap()  KAN actions, see exposeKANAPI (kan.go)
//	step(n)    trains n steps now (paused), returns status()
//	importData(csvText)
//	           switches the experiment to the points of a CSV file's text,
//	           as the panel's Upload CSV does (data.ParseCSV says what is
//	           read); returns null, or the error naming the bad rows (then
//	           the experiment is unchanged and the page shows the error)
//	spikeExample(i) chooses the example the spiking pictures show, as a
//	           click on the example grid does; null, or why not
//	layout()   {heatmap: {x, y, w, h}, nodes: [[{x, y, w, h}, ...], ...],
//	           edges: [{layer, from, to, x, y}]}: where the decision
//	           surface and each neuron (by graph column, inputs first) are
//	           on the page, and a pixel on each KAN edge that can be hovered
//	link(weights), exportJSON(), importJSON(text), predictions(),
//	newExperiment(): sharing trained weights, files and the autosave
//	           (weights.go)
func exposeAPI(a *app) {
	api := js.Global().Get("Object").New()
	api.Set("status", js.FuncOf(func(js.Value, []js.Value) any { return a.status() }))
	api.Set("load", js.FuncOf(func(_ js.Value, args []js.Value) any {
		hash := ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			hash = args[0].String()
		}
		if err := a.load(hash); err != nil {
			return err.Error()
		}
		return nil
	}))
	api.Set("open", js.FuncOf(func(_ js.Value, args []js.Value) any {
		id := ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			id = args[0].String()
		}
		return promise(func(resolve func(any)) {
			if a.panel == nil {
				resolve("open(id): this page has no panel to open presets with")
				return
			}
			a.panel.OpenPreset(id, func(err error) {
				if err != nil {
					resolve(err.Error())
					return
				}
				resolve(nil)
			})
		})
	}))
	api.Set("formula", js.FuncOf(func(js.Value, []js.Value) any {
		f, err := a.formula()
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		outs := make([]any, len(f.Outputs))
		for i, o := range f.Outputs {
			outs[i] = o
		}
		edges := make([]any, len(f.Edges))
		for i, e := range f.Edges {
			edges[i] = map[string]any{"layer": e.Layer, "from": e.From, "to": e.To,
				"function": e.Fit.Func.Name, "text": e.Fit.Formula("x"), "r2": jsNumber(float32(e.Fit.R2)), "pruned": e.Pruned}
		}
		return map[string]any{"outputs": outs, "edges": edges, "testRMSE": jsNumber(float32(f.TestRMSE))}
	}))
	api.Set("play", js.FuncOf(func(js.Value, []js.Value) any { a.scriptPlay(); return nil }))
	api.Set("pause", js.FuncOf(func(js.Value, []js.Value) any { a.scriptPause(); return nil }))
	api.Set("reset", js.FuncOf(func(js.Value, []js.Value) any { a.scriptReset(); return nil }))
	api.Set("step", js.FuncOf(func(_ js.Value, args []js.Value) any {
		n := 1
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			var err error
			if n, err = stepCount(args[0].Float()); err != nil {
				return js.Global().Get("Error").New("step(n): " + err.Error())
			}
		}
		a.scriptStep(n)
		return a.status()
	}))
	api.Set("importData", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return "importData(csvText): the argument must be the file's text, a string"
		}
		text := args[0]
		// Object(text) wraps the string without copying it: its length
		// is read before the text crosses into Go (Value.Length takes
		// objects only).
		length := js.Global().Get("Object").Invoke(text).Get("length").Int()
		if err := a.importSized(length, text.String); err != nil {
			return err.Error()
		}
		return nil
	}))
	api.Set("layout", js.FuncOf(func(js.Value, []js.Value) any { return a.layout() }))
	exposeKANAPI(a, api)
	exposeSpikeAPI(a, api)
	exposeWeightsAPI(api, a)
	js.Global().Set("playground", api)
}

// The actions a script takes, through window.playground or the messages
// of a page that frames this one (messages.go): each changes the state as
// the panel's buttons do, then refreshes the panel to show it.

func (a *app) scriptPlay()  { a.setRunning(true); a.syncPanel() }
func (a *app) scriptPause() { a.setRunning(false); a.syncPanel() }
func (a *app) scriptReset() { a.reset(); a.syncPanel() }

// scriptStep trains n steps now and leaves training paused.
func (a *app) scriptStep(n int) {
	a.setRunning(false)
	a.step(n)
	a.syncPanel()
}

// stepCount is how many steps step(n) trains: n must be 0 or more (NaN
// is refused), and a fraction is cut off. More than maxAPISteps trains
// maxAPISteps.
func stepCount(n float64) (int, error) {
	if !(n >= 0) { // also refuses NaN
		return 0, errors.New("n must be a non-negative number")
	}
	return int(math.Min(n, maxAPISteps)), nil
}

// status is what status() returns, as plain values (numbers, strings,
// booleans, nil, maps of them) that js.ValueOf turns into a plain object:
// a host page's messages carry it too, so it must survive structured
// cloning.
func (a *app) status() map[string]any {
	// The error is what the page shows, which includes refused panel
	// edits; read it before taking mu, since the panel is outside it.
	shown := ""
	if a.panel != nil {
		shown = a.panel.Message()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.panel == nil {
		shown = a.message
	}
	m := a.sess.Metrics()
	cost := a.sess.Spec().Cost()
	return map[string]any{
		"step":            m.Step,
		"epoch":           m.Epoch,
		"trainLoss":       jsNumber(m.TrainLoss),
		"testLoss":        jsNumber(m.TestLoss),
		"trainAcc":        jsNumber(m.TrainAcc),
		"testAcc":         jsNumber(m.TestAcc),
		"trainRMSE":       jsNumber(m.TrainRMSE),
		"testRMSE":        jsNumber(m.TestRMSE),
		"params":          cost.Params,
		"flops":           cost.FLOPs,
		"running":         a.sess.Running(),
		"visible":         !a.hidden,
		"suspended":       a.hidden && a.sess.Running(),
		"error":           shown,
		"hash":            experiment.EncodeHash(a.sess.Spec()),
		"ticks":           a.stats.ticks,
		"frames":          a.stats.frames,
		"panel":           a.panel != nil,
		"hover":           hoverJS(a.hover),
		"fresh":           a.drawnStep == m.Step && a.drawnEdits == a.edits,
		"firstFrameMs":    a.stats.firstFrameMs,
		"goMsPerFrame":    a.stats.goMsPerFrame(),
		"longestUpdateMs": float64(a.stats.longestUpdate) / float64(time.Millisecond),
		"pictureMs":       float64(a.stats.lastPicture) / float64(time.Millisecond),
		"viewsMs":         float64(a.stats.lastViews) / float64(time.Millisecond),
		"kernels":         kernelBody(),
		"spikes":          spikeStatusJS(a.spikeStatus),
		"bases":           basesJS(session.BasisMarks(nil, a.sess.Network())),
		"canvasText":      canvasTextJS(a.canvasText),
		"edge":            edgeStatusJS(a.edgeStatus),
	}
}

// canvasTextJS is the canvas's texts, in the order they are drawn.
func canvasTextJS(labels []ui.Label) []any {
	out := make([]any, len(labels))
	for i, l := range labels {
		out[i] = l.Text
	}
	return out
}

// basesJS is status().bases: per layer, null for a layer with one basis,
// else per unit {basis: the leading basis's name, weight: its weight,
// decided: whether the unit has chosen}.
func basesJS(marks [][]ui.BasisMark) []any {
	layers := make([]any, len(marks))
	for i, layer := range marks {
		if layer == nil {
			continue
		}
		units := make([]any, len(layer))
		for u, m := range layer {
			win := m.Winner()
			units[u] = map[string]any{"basis": nn.KANBasis(win).String(), "weight": float64(m.Weights[win]), "decided": m.Decided}
		}
		layers[i] = units
	}
	return layers
}

// kernelBody is the WebAssembly kernel body the loader chose ("simd" or
// "scalar"), or nil before it said.
func kernelBody() any {
	if body := js.Global().Get("playgroundKernelBody"); body.Type() == js.TypeString {
		return body.String()
	}
	return nil
}

// jsNumber turns NaN (no value, e.g. accuracy in regression) into null.
func jsNumber(v float32) any {
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		return nil
	}
	return float64(v)
}

func (a *app) layout() any {
	a.mu.Lock()
	defer a.mu.Unlock()
	nodes := make([]any, len(a.nodes))
	for c, col := range a.nodes {
		rects := make([]any, len(col))
		for u, r := range col {
			rects[u] = jsRect(r)
		}
		nodes[c] = rects
	}
	edges := make([]any, len(a.edgeSpots))
	for i, e := range a.edgeSpots {
		edges[i] = map[string]any{"layer": e.layer, "from": e.from, "to": e.to, "x": e.at.X, "y": e.at.Y}
	}
	return map[string]any{"heatmap": jsRect(a.heatmap), "nodes": nodes, "edges": edges}
}

func jsRect(r image.Rectangle) map[string]any {
	return map[string]any{"x": r.Min.X, "y": r.Min.Y, "w": r.Dx(), "h": r.Dy()}
}

func hoverJS(n node) any {
	if !n.ok {
		return nil
	}
	return map[string]any{"column": n.column, "unit": n.unit}
}

// promise returns a JavaScript Promise that run settles by calling resolve
// once (from any goroutine).
func promise(run func(resolve func(any))) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		executor.Release()
		resolveJS := args[0]
		run(func(v any) { resolveJS.Invoke(v) })
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}
