//go:build js

package main

import (
	"fmt"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
	"playground/session"
)

// restoreLinkWeights loads the weights a link carries into sess, built from
// the link's spec. A link without weights leaves sess as it is; weights
// that cannot be read, or are another network's, leave it at step 0 and
// come back as the message to show.
func restoreLinkWeights(sess *session.Session, hash string) string {
	payload, err := experiment.HashWeights(hash)
	if err == nil && payload == "" {
		return ""
	}
	if err == nil {
		err = restorePayload(sess, payload)
	}
	if err != nil {
		return fmt.Sprintf("The trained weights in this link could not be used, so the experiment starts from scratch: %v", err)
	}
	return ""
}

// restorePayload decodes a weights payload for sess's network and loads it.
func restorePayload(sess *session.Session, payload string) error {
	w, err := experiment.DecodeWeights(payload, sess.WeightCounts())
	if err != nil {
		return err
	}
	return sess.Restore(w)
}

// linkWithWeights is the link to the experiment with its trained weights,
// or why they cannot go in one (float16 cannot hold them, or the link
// would be longer than a page reads).
func (a *app) linkWithWeights() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	hash, err := a.hashWithWeights(a.sess.Spec())
	if err != nil {
		return "", err
	}
	loc := dom.GetWindow().Location()
	return loc.Origin() + loc.Pathname() + "#" + hash, nil
}

// hashWithWeights is spec's hash with the session's trained weights, or
// why they cannot go in a link. The caller holds a.mu; spec is the
// session's, perhaps with other view settings (an embed's autoplay).
func (a *app) hashWithWeights(spec experiment.Spec) (string, error) {
	if counts := a.sess.WeightCounts(); !mayFitInLink(counts) {
		return "", fmt.Errorf("the network's %d values are too many for a link", counts.Params+counts.State)
	}
	hash, err := experiment.EncodeHashWithWeights(spec, a.sess.Weights())
	if err != nil {
		return "", err
	}
	if len(hash) > experiment.MaxHashLen {
		return "", fmt.Errorf("with them the link would be %d KB, and pages read at most %d KB", len(hash)>>10, experiment.MaxHashLen>>10)
	}
	return hash, nil
}

// mayFitInLink says whether a network's weights could fit in a link at
// all: each value takes more than two characters of payload (2.3 to 2.8
// measured), so beyond MaxHashLen/2 values they are not even encoded.
func mayFitInLink(c experiment.WeightCounts) bool {
	return 2*(c.Params+c.State) <= experiment.MaxHashLen
}

// exportJSON is the export file: the experiment and its trained weights.
func (a *app) exportJSON() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	payload, err := experiment.EncodeWeights(a.sess.Weights())
	if err != nil {
		return "", fmt.Errorf("the weights cannot be written: %w", err)
	}
	b, err := experiment.EncodeExport(a.sess.Spec(), payload)
	return string(b), err
}

// importJSON opens an export file (or a preset file) as opening a link
// does. A file that cannot be read, whose experiment cannot run, or whose
// weights do not fit it is refused whole: the experiment stays.
func (a *app) importJSON(text string) error {
	spec, payload, err := experiment.ImportFile([]byte(text))
	if err != nil {
		return fmt.Errorf("This file could not be opened, so the experiment is unchanged: %v", err)
	}
	sess, err := session.New(spec)
	if err == nil && payload != "" {
		err = restorePayload(sess, payload)
	}
	if err != nil {
		return fmt.Errorf("This file's experiment cannot be opened, so the experiment is unchanged: %v", err)
	}
	a.install(sess, "", experiment.EncodeHash(spec), false)
	return nil
}

// newExperiment forgets the autosaved experiment and opens the default.
func (a *app) newExperiment() {
	clearAutosave()
	_ = a.load("") // the default always opens
}

// predictions is the plane's answer at every cell of the picture's grid
// (surfaceRes a side, or fewer for the widest networks, see
// session.planeRes; ui.Field values: for two classes p(class 1) - p(class 0)),
// for tests that compare what two pages show.
func (a *app) predictions() []any {
	a.mu.Lock()
	defer a.mu.Unlock()
	values := a.sess.Snapshot(surfaceRes).Surface.Output.Values
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = float64(v)
	}
	return out
}

// exposeWeightsAPI adds to window.playground:
//
//	link(weights)     the link to share, with the trained weights when
//	                  weights is true; an Error when they cannot go in one
//	exportJSON()      the export file's text (experiment and weights), or
//	                  an Error
//	importJSON(text)  opens an export or preset file; null, or the error
//	                  (then the experiment is unchanged)
//	predictions()     the plane's answer on the picture's grid (50x50; coarser for the widest networks), row
//	                  by row
//	newExperiment()   forgets the autosave and opens the default
func exposeWeightsAPI(api js.Value, a *app) {
	jsError := func(err error) js.Value { return js.Global().Get("Error").New(err.Error()) }
	api.Set("link", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Truthy() {
			link, err := a.linkWithWeights()
			if err != nil {
				return jsError(err)
			}
			return link
		}
		return a.link()
	}))
	api.Set("exportJSON", js.FuncOf(func(js.Value, []js.Value) any {
		text, err := a.exportJSON()
		if err != nil {
			return jsError(err)
		}
		return text
	}))
	api.Set("importJSON", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return "importJSON(text): text must be a string"
		}
		if err := a.importJSON(args[0].String()); err != nil {
			a.showRefusal(err)
			return err.Error()
		}
		return nil
	}))
	api.Set("predictions", js.FuncOf(func(js.Value, []js.Value) any { return a.predictions() }))
	api.Set("newExperiment", js.FuncOf(func(js.Value, []js.Value) any { a.newExperiment(); return nil }))
}

// showRefusal shows why a file was refused, as the panel's import does.
func (a *app) showRefusal(err error) {
	if a.panel != nil {
		a.panel.ShowMessage(err.Error())
	}
}
