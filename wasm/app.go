//go:build js

package main

import (
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"

	"honnef.co/go/js/dom/v2"

	"playground/data"
	"playground/experiment"
	"playground/session"
	"playground/ui"
	"playground/ui/panel"
)

// app is the page's state: the session, the panel, the metric history.
// JavaScript callbacks (panel, keys, window.playground) and Ebiten's loop
// run on different goroutines, so every entry point takes mu. Panel
// updates happen outside mu, because the panel reads the spec through the
// same locked actions.
type app struct {
	mu      sync.Mutex
	sess    *session.Session
	panel   *panel.Panel
	history *ui.History
	// historyStep is the last step recorded in history.
	historyStep int
	// message is what the page shows in its alert box; loadError keeps a
	// bad link's reason until the next successful edit.
	message string
	stats   frameStats
	// afterFirstFrame, set until the first picture is drawn, builds the
	// panel once that picture is on the screen (startup.go).
	afterFirstFrame func()
	// startLink is the link the page was opened with, for showStartLink
	// to put in the address bar after the first picture; nil once the
	// address has been written.
	startLink *openedLink
	// edits counts changes the picture shows but the session's generation
	// and step do not (a live edit, a load, a reset), so Draw redraws.
	edits int
	// drawnStep and drawnEdits are what the picture on screen shows.
	drawnStep, drawnEdits int
	// heatmap and nodes (per graph column) are where the decision surface
	// and the neurons are on the canvas, in CSS pixels; hover is the
	// neuron under the pointer. For window.playground.
	heatmap image.Rectangle
	nodes   [][]image.Rectangle
	hover   node
	// edgeSpots are a pixel on each KAN edge that can be hovered, and
	// edgeStatus the large edge plot on screen (edgeplot.go), for
	// window.playground.
	edgeSpots  []edgeSpot
	edgeStatus map[string]any
	// pinnedEdge is the edge whose plot the plane keeps, as of the last
	// tick; pinRequest one the panel chose, for the next tick; and
	// chosenPoint the kept edge's control point the panel's keyboard
	// controls move, -1 none (edgepanel.go).
	pinnedEdge  edgeRef
	pinRequest  *edgeRef
	chosenPoint int
	// spikeStatus summarizes the spiking pictures on screen for
	// status() (spikeviews.go); nil on other tasks.
	spikeStatus map[string]any
	// canvasText is every text on the canvas as last drawn, for status().
	canvasText []ui.Label
	// traced is the neuron whose membrane the spiking pictures trace, as
	// last drawn; traceChoice one the panel chose, for the next picture.
	traced, traceChoice node
	// embed is the page as an embed (embed.go); hidden says an embed
	// cannot be seen, and then does not train.
	embed  embedMode
	hidden bool
}

// newApp starts from the URL hash, or from the default experiment with a
// message when the hash cannot be read or run.
func newApp(hash string) (*app, error) {
	a := &app{history: ui.NewHistory(ui.DefaultHistoryCap), embed: embedModeOfPage(), chosenPoint: -1}
	sess, msg, broken, err := sessionFromHash(hash)
	if err != nil {
		return nil, err
	}
	a.sess, a.message = sess, msg
	if msg == "" {
		a.message = a.embed.note
	}
	// A page opens paused at step 0, so a reader sees the start; a link
	// (an embed, say) can ask to play.
	a.sess.SetRunning(sess.View().Play)
	a.resetHistory()
	a.startLink = &openedLink{hash, broken}
	return a, nil
}

// openedLink is a link the page opened, and whether it could not be read.
type openedLink struct {
	hash   string
	broken bool
}

// showStartLink writes the address the page opened with as showLink does,
// unless an edit or a load has written one since.
func (a *app) showStartLink() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if l := a.startLink; l != nil {
		a.showLink(l.hash, l.broken)
	}
}

// sessionFromHash builds the session a link describes. A link that cannot
// be read, or describes an experiment that cannot run (a valid spec whose
// every training point was removed), gives the default experiment, a
// message saying why, and broken; only a failure of the default itself
// is an error.
func sessionFromHash(hash string) (sess *session.Session, msg string, broken bool, err error) {
	spec, msg, broken := specFromHash(hash)
	sess, err = session.New(spec)
	if err != nil {
		msg = fmt.Sprintf("This link's experiment cannot run, so the default experiment is shown instead: %v", err)
		broken = true
		sess, err = session.New(experiment.Default())
	} else if !broken {
		msg = strings.TrimSpace(msg + " " + restoreLinkWeights(sess, hash))
	}
	return sess, msg, broken, err
}

// specFromHash decodes a URL hash; an empty one is the default experiment.
// The message says why a link was not opened (broken), or which of its
// settings (from a newer page) were skipped.
func specFromHash(hash string) (spec experiment.Spec, msg string, broken bool) {
	hash = strings.TrimPrefix(hash, "#")
	if hash == "" {
		return experiment.Default(), "", false
	}
	spec, ignored, err := experiment.DecodeHash(hash)
	switch {
	case errors.Is(err, experiment.ErrEmptyHash):
		return experiment.Default(), "", false
	case err != nil:
		return experiment.Default(), fmt.Sprintf("This link could not be read, so the default experiment is shown instead. %v", err), true
	case len(ignored) > 0:
		return spec, fmt.Sprintf("This link has settings this page does not know (%s), perhaps from a newer version; they were skipped and the rest opened.", strings.Join(ignored, ", ")), false
	}
	return spec, "", false
}

func (a *app) attachPanel(root *dom.BasicHTMLElement) {
	a.panel = a.newPanel(root, panel.Actions{
		Spec:       a.spec,
		Edit:       a.edit,
		Running:    a.running,
		SetRunning: a.setRunning,
		Step:       func() { a.step(1) },
		Reset:      a.reset,
		Link:       a.link,
		Open:       a.open,
		Formula:    a.formulaText,
		Prune:      a.prune,
		Snap:       a.snap,
		Snapped:    a.snapped,

		KANEdges:           a.kanEdges,
		PinKANEdge:         a.pinKANEdge,
		SetControlPoint:    a.setControlPoint,
		ChooseControlPoint: a.chooseControlPoint,

		SpikeView:  a.spikeView,
		ShowSpikes: a.showSpikes,
		EmbedLink:  a.embedLink,
		ImportData: a.importData,

		LinkWithWeights: a.linkWithWeights,
		Export:          a.exportJSON,
		Import:          a.importJSON,
		NewExperiment:   a.newExperiment,
	})
	a.panel.ShowMessage(a.message)
}

func (a *app) spec() experiment.Spec {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess.Spec()
}

func (a *app) running() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess.Running()
}

func (a *app) edit(next experiment.Spec) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.sess.Edit(next); err != nil {
		return err
	}
	// A rebuilt model starts at step 0, and so do its curves (a live edit
	// at step 0 loses nothing by restarting them).
	if a.sess.Steps() == 0 {
		a.resetHistory()
	}
	a.message = ""
	a.edits++
	a.writeHash()
	return nil
}

func (a *app) setRunning(run bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sess.SetRunning(run)
	if run {
		a.message = ""
	}
}

func (a *app) step(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sess.Step(n)
	a.record()
	a.message = a.sess.LastError()
}

func (a *app) reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sess.Reset()
	a.edits++
	a.resetHistory()
	a.message = ""
}

// load replaces the experiment with the one a hash describes, as opening
// that link would: a bad link shows why and loads the default experiment.
// It returns that reason as an error.
func (a *app) load(hash string) error {
	sess, msg, broken, err := sessionFromHash(hash)
	if err != nil {
		return err
	}
	a.install(sess, msg, hash, broken)
	if msg != "" {
		return errors.New(msg)
	}
	return nil
}

// install puts a new session (a link's, a file's) in place with the
// message to show, and link in the address bar as showLink does.
func (a *app) install(sess *session.Session, msg, link string, broken bool) {
	a.mu.Lock()
	// A loaded link keeps the page's run state, and starts it if it asks
	// to play.
	sess.SetRunning(a.sess.Running() || sess.View().Play)
	a.sess = sess
	a.edits++
	a.resetHistory()
	a.stats.longestUpdate = 0
	a.message = msg
	a.showLink(link, broken)
	a.mu.Unlock()
	a.syncPanel()
}

// open replaces the experiment with spec (a preset's), as opening its
// link would.
func (a *app) open(spec experiment.Spec) error {
	return a.load(experiment.EncodeHash(spec))
}

// syncPanel refreshes the panel from the state; call it without mu held.
func (a *app) syncPanel() {
	if a.panel == nil {
		return
	}
	a.mu.Lock()
	msg := a.message
	a.mu.Unlock()
	a.panel.Sync()
	a.panel.ShowMessage(msg)
}

func (a *app) link() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return pageLink(a.sess.Spec())
}

// embedLink is the link an embed of the current experiment opens, with
// autoplay or without, from its trained weights or from scratch
// (panel.Actions.EmbedLink); note says why trained weights were left out.
func (a *app) embedLink(autoplay, trained bool) (link, note string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	spec := a.sess.Spec()
	spec.View.Play = autoplay
	if trained {
		hash, err := a.hashWithWeights(spec)
		if err == nil {
			loc := dom.GetWindow().Location()
			return loc.Origin() + loc.Pathname() + "#" + hash, ""
		}
		note = fmt.Sprintf("The embed starts from scratch: %v; share a file instead.", err)
	}
	return pageLink(spec), note
}

// pageLink is the page's address (no query) with spec's hash.
func pageLink(spec experiment.Spec) string {
	loc := dom.GetWindow().Location()
	return loc.Origin() + loc.Pathname() + "#" + experiment.EncodeHash(spec)
}

// showLink puts the experiment's hash in the address bar, except after a
// broken link: that one stays there (link is what was opened) beside its
// error, for the person to mend by hand; the next edit writes over it.
func (a *app) showLink(link string, broken bool) {
	if a.embedded() {
		return // an embed's address is the host page's business
	}
	if broken {
		a.replaceHash(strings.TrimPrefix(link, "#"))
		return
	}
	a.writeHash()
}

// writeHash puts the experiment in the URL without adding a history
// entry per edit.
func (a *app) writeHash() {
	if a.embedded() {
		return
	}
	a.replaceHash(experiment.EncodeHash(a.sess.Spec()))
}

func (a *app) resetHistory() {
	a.history.Reset()
	a.historyStep = -1
	a.record()
}

// record adds the current metrics to the charts' history once per step.
func (a *app) record() {
	if a.sess.Steps() == a.historyStep {
		return
	}
	m := a.sess.Metrics()
	a.historyStep = m.Step
	train, test := m.TrainAcc, m.TestAcc
	if !a.sess.Spec().Classification() {
		train, test = m.TrainRMSE, m.TestRMSE
	}
	a.history.Add(ui.Sample{Step: m.Step, TrainLoss: m.TrainLoss, TestLoss: m.TestLoss, TrainMetric: train, TestMetric: test})
}

// click applies the panel's brush at a point of the plane.
func (a *app) click(x1, x2 float32, brush int) {
	a.mu.Lock()
	spec := a.sess.Spec()
	err := applyBrush(&spec, x1, x2, brush, a.sess)
	if err == nil {
		err = a.sess.Edit(spec)
	}
	if err != nil {
		a.message = err.Error()
	} else {
		a.message = ""
		a.edits++
		a.writeHash()
	}
	a.mu.Unlock()
	a.syncPanel()
}

// applyBrush adds a point of the brush's class (or value) at (x1, x2), or
// removes the point nearest to it.
func applyBrush(s *experiment.Spec, x1, x2 float32, brush int, sess *session.Session) error {
	if brush == panel.RemoveNearest {
		return sess.RemoveNearest(s, x1, x2)
	}
	p := data.Point{X1: quantize(x1), X2: quantize(x2)}
	switch {
	case s.Data.Set.Function():
		p.Value = s.Data.Set.Target(p.X1, p.X2)
	case s.Classification():
		p.Label = brush
	default:
		p.Value = 1
		if brush == 1 {
			p.Value = -1
		}
	}
	s.Data.Added = append(s.Data.Added, p)
	return nil
}

// quantize rounds a coordinate to hundredths, which keeps links short.
func quantize(v float32) float32 {
	return float32(int32(v*100+sign(v)*0.5)) / 100
}

func sign(v float32) float32 {
	if v < 0 {
		return -1
	}
	return 1
}
