//go:build js

package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"image"
	"math"
	"syscall/js"
	"time"

	"playground/session"
	"playground/ui"
	"playground/ui/panel"
)

// The spiking pictures on the canvas (tasks of spike trains): the chosen
// example's raster, the traced neuron's membrane, the delays over
// training, weight by delay, and the example played back over the graph
// as spikes travelling along the synapses. The session prepares their
// data with each picture (session/spikeview.go); this file only places
// and wires them.

// spikeViews are the spiking pictures' views and what they show.
type spikeViews struct {
	raster, membrane, delays, scatter view
	// flight lies over the graph, transparent but for the travelling
	// spikes and the rings of spiking neurons.
	flight view
	// traced is the neuron whose membrane is drawn: the last one hovered
	// (or held) in the graph, the first hidden unit at first.
	traced node
	// sample is the last drawn picture's example (the session's snapshot:
	// read it under the app's lock); res the example grid's side.
	sample *ui.SpikeSample
	res    int
	// frame is the playback frame on screen; start when playback began.
	frame int
	start time.Time
	// delayLayers are the layers the delay pictures' bands show.
	delayLayers []int
}

// Playback of one example over the graph: its time steps spread over
// playbackPeriod, a frame every playbackFrame.
const (
	playbackPeriod = 4 * time.Second
	playbackFrame  = 40 * time.Millisecond
)

// resizeSpikes gives the spiking views their places (empty ones on other
// tasks).
func (g *game) resizeSpikes() {
	v, r := &g.spikes, g.regions
	v.raster.resize(r.Raster.Body, 1)
	v.membrane.resize(r.Membrane.Body, 1)
	v.delays.resize(r.Delays.Body, 1)
	v.scatter.resize(r.Scatter.Body, 1)
	flight := r.Graph.Body
	if !g.spiking {
		flight = image.Rectangle{}
	}
	v.flight.resize(flight, 1)
}

// drawSpikes draws the spiking pictures of a new snapshot, and keeps the
// summary window.playground.status() reports. Call with the app's lock.
func (g *game) drawSpikes(snap *session.Snapshot) {
	v := &g.spikes
	v.sample = snap.Spikes
	if snap.Surface != nil {
		v.res = snap.Surface.Res
	}
	if snap.Spikes == nil {
		g.app.spikeStatus = nil
		return
	}
	s := snap.Spikes
	if a := g.app; a.traceChoice.ok {
		v.traced, a.traceChoice = a.traceChoice, node{}
	}
	if g.hover.ok {
		v.traced = g.hover
	}
	if c := v.traced.column; !v.traced.ok || c >= len(s.Columns) || v.traced.unit >= s.Columns[c].Units {
		v.traced = node{column: min(1, len(s.Columns)-1), ok: true}
	}
	if v.membrane.pix != nil {
		ui.DrawMembraneTrace(v.membrane.pix, s.Columns[v.traced.column], s.Steps, v.traced.unit)
		v.membrane.changed()
	}
	if v.delays.pix != nil {
		ui.DrawDelayHistory(v.delays.pix, snap.Delays)
		v.delays.changed()
	}
	if v.scatter.pix != nil {
		ui.DrawWeightByDelay(v.scatter.pix, snap.Delays, snap.Positions, snap.Edges)
		v.scatter.changed()
	}
	v.delayLayers = ui.DelayedLayers(snap.Delays)
	if !g.hover.ok && g.graph.pix != nil {
		ui.HighlightNode(g.graph.pix, g.graphLayout, v.traced.column, v.traced.unit)
	}
	g.app.spikeStatus = spikeStatus(s, v.traced, snap.Delays)
	g.app.traced = v.traced
	v.frame = -1 // the raster and the playback are drawn afresh
	if !g.playSpikes() && v.raster.pix != nil {
		ui.DrawSpikeRaster(v.raster.pix, *s, -1) // no playback: no cursor
		v.raster.changed()
	}
}

// playSpikes draws the playback frame due now, over the graph and as the
// raster's cursor, and says whether it drew one. Call with the app's
// lock.
func (g *game) playSpikes() bool {
	v := &g.spikes
	if v.sample == nil || g.app.hidden || v.flight.pix == nil && v.raster.pix == nil {
		return false
	}
	if v.start.IsZero() {
		v.start = time.Now()
	}
	since := time.Since(v.start) % playbackPeriod
	frame := int(since / playbackFrame)
	if frame == v.frame {
		return false
	}
	v.frame = frame
	t := float32(since) / float32(playbackPeriod) * ui.FlightLength(*v.sample)
	if v.flight.pix != nil {
		dots := ui.DrawSpikeFlight(v.flight.pix, g.graphLayout, *v.sample, t, ui.MaxFlightDots)
		v.flight.changed()
		if g.app.spikeStatus != nil {
			g.app.spikeStatus["playbackDots"] = dots
		}
	}
	if v.raster.pix != nil {
		ui.DrawSpikeRaster(v.raster.pix, *v.sample, t)
		v.raster.changed()
	}
	return true
}

// chooseExample shows the example under a click on the example grid.
func (g *game) chooseExample(x, y int) {
	r := g.regions.Heatmap.Body
	a := g.app
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.sess.SpikeTask() {
		return
	}
	if cell := ui.FieldNodeAt(x-r.Min.X, y-r.Min.Y, r.Dx(), r.Dy(), g.spikes.res); cell >= 0 {
		a.sess.ChooseSpikeCell(cell)
		a.edits++
	}
}

// spikeTitles appends the spiking panels' titles and labels.
func (g *game) spikeTitles(dst []ui.Label, snap *session.Snapshot) []ui.Label {
	s, r, v := snap.Spikes, g.regions, &g.spikes
	if s == nil {
		return dst
	}
	pred := "-"
	if s.Predicted >= 0 {
		pred = fmt.Sprint(s.Predicted)
	}
	dst = ui.TitleLabels(dst, r.Raster, fmt.Sprintf("SPIKES example %d", s.Example),
		fmt.Sprintf("class %d, predicted %s", s.Class, pred))
	dst = ui.RasterLabels(dst, r.Raster.Body, *s)

	c, u := v.traced.column, v.traced.unit
	col := s.Columns[c]
	name := fmt.Sprintf("MEMBRANE L%d #%d", c, u+1)
	switch {
	case c == 0:
		name = fmt.Sprintf("INPUT %d SPIKES", u+1)
	case col.Readout:
		name = fmt.Sprintf("READOUT class %d", u)
	}
	dst = ui.TitleLabels(dst, r.Membrane, name, "hover a neuron")
	if y, ok := ui.TraceThresholdY(r.Membrane.Body, col, s.Steps, u); ok {
		text := fmt.Sprintf("th %.3g", col.Threshold)
		dst = append(dst, ui.Label{Text: text, X: r.Membrane.Body.Max.X - ui.GlyphWidth*len(text) - 6, Y: y - ui.GlyphHeight})
	}

	maxDelay, first, last := 0, 0, 0
	for _, h := range snap.Delays {
		if h.Mode != 0 && len(h.Steps) > 0 {
			maxDelay, first, last = max(maxDelay, h.MaxDelay), h.Steps[0], h.Steps[len(h.Steps)-1]
		}
	}
	over, across := "", ""
	if maxDelay > 0 {
		over, across = fmt.Sprintf("steps %d-%d, 0-%d up", first, last, maxDelay), fmt.Sprintf("delays 0-%d", maxDelay)
	}
	dst = ui.TitleLabels(dst, r.Delays, "DELAYS", over)
	dst = ui.TitleLabels(dst, r.Scatter, "WEIGHT x DELAY", across)
	for _, p := range []ui.Panel{r.Delays, r.Scatter} {
		if p.Body.Empty() {
			continue
		}
		if len(v.delayLayers) == 0 {
			text := "no delays"
			dst = append(dst, ui.Label{Text: text, X: p.Body.Min.X + (p.Body.Dx()-ui.GlyphWidth*len(text))/2, Y: p.Body.Min.Y + (p.Body.Dy()-ui.GlyphHeight)/2})
			continue
		}
		if len(v.delayLayers) > 1 {
			for i, band := range ui.DelayBands(p.Body, snap.Delays) {
				dst = append(dst, ui.Label{Text: fmt.Sprintf("L%d", v.delayLayers[i]+1), X: band.Min.X + 2, Y: band.Min.Y})
			}
		}
	}
	return dst
}

// spikeStatus summarizes the spiking pictures for status(): the example
// and neuron shown, the raster's spike count and a hash of what it draws,
// and the delay histograms' count, newest step, mean delay and a hash of
// the newest.
func spikeStatus(s *ui.SpikeSample, traced node, hists []ui.DelayHistory) map[string]any {
	h := fnv.New32a()
	spikes := 0
	var buf [4]byte
	put := func(v uint32) {
		buf[0], buf[1], buf[2], buf[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
		h.Write(buf[:])
	}
	for _, c := range s.Columns {
		for _, x := range c.Spikes {
			if x > 0.5 {
				spikes++
				put(1)
			} else {
				put(0)
			}
		}
		if c.Readout {
			for _, m := range c.Membrane {
				put(uint32(int32(math.Round(float64(m) * 100)))) // what the colors show, not float noise
			}
		}
	}
	out := map[string]any{
		"example": s.Example, "class": s.Class, "predicted": s.Predicted,
		"neuron": hoverJS(traced), "spikes": spikes, "rasterHash": float64(h.Sum32()),
	}
	for _, d := range hists {
		if d.Mode == 0 || len(d.Steps) == 0 {
			continue
		}
		n, bins := len(d.Steps), d.Bins()
		newest := d.Counts[(n-1)*bins:]
		dh := fnv.New32a()
		var mean float64
		for b, c := range newest {
			mean += float64(c) * float64(b) / ui.DelayBinsPerStep
			v := uint32(math.Round(float64(c) * 1e4))
			dh.Write([]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)})
		}
		out["delays"] = map[string]any{"layer": d.Layer, "histograms": n, "lastStep": d.Steps[n-1],
			"meanDelay": mean, "hash": float64(dh.Sum32())}
		break
	}
	return out
}

// spikeStatusJS is the summary for status(): null, not an empty object,
// on tasks without spiking pictures.
func spikeStatusJS(s map[string]any) any {
	if s == nil {
		return nil
	}
	return s
}

// spikeView is what the spiking pictures show, for the panel: zero on
// other tasks.
func (a *app) spikeView() panel.SpikeView {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.sess.SpikeTask() {
		return panel.SpikeView{}
	}
	v := panel.SpikeView{Example: a.sess.SpikeExample(), Examples: a.sess.SpikeExamples(),
		Column: a.traced.column, Unit: a.traced.unit}
	for _, col := range a.nodes {
		v.Columns = append(v.Columns, len(col))
	}
	return v
}

// showSpikes shows the example and traces the neuron the panel chose.
func (a *app) showSpikes(v panel.SpikeView) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.sess.SpikeTask() {
		return errors.New("The task's examples are not spike trains.")
	}
	if n := a.sess.SpikeExamples(); v.Example < 0 || v.Example >= n {
		return fmt.Errorf("The example must be from 0 to %d.", max(n-1, 0))
	}
	if v.Column < 1 || v.Column >= len(a.nodes) || v.Unit < 0 || v.Unit >= len(a.nodes[v.Column]) {
		return errors.New("That neuron is not in the network.")
	}
	a.sess.SetSpikeExample(v.Example)
	a.traceChoice = node{column: v.Column, unit: v.Unit, ok: true}
	a.edits++
	return nil
}

// exposeSpikeAPI adds spikeExample(i) to window.playground: the example
// the spiking pictures show, as a click on the example grid chooses it.
func exposeSpikeAPI(a *app, api js.Value) {
	api.Set("spikeExample", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeNumber {
			return "spikeExample(i): i must be a number"
		}
		i := args[0].Float()
		a.mu.Lock()
		defer a.mu.Unlock()
		if !a.sess.SpikeTask() {
			return "spikeExample(i): the task's examples are not spike trains"
		}
		if !(i >= 0 && i < 1<<30) {
			return "spikeExample(i): i must be an example's index, from 0"
		}
		a.sess.SetSpikeExample(int(i))
		a.edits++
		return nil
	}))
}
