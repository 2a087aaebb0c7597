//go:build js

package main

import (
	"errors"
	"fmt"
	"log"
	"math"
	"sync"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
	"playground/session"
)

// The postMessage API of an embedded playground: the page that frames the
// playground in an iframe (the host) drives it with messages and hears
// about its changes. README.md ("Script it") documents the protocol.

// Message types of the protocol.
const (
	requestType = "playground"        // host to playground
	statusType  = "playground-status" // playground to host: answers and updates
	readyType   = "playground-ready"  // playground to host, once it listens
)

// hostActions are the actions a host may ask for.
var hostActions = map[string]bool{"play": true, "pause": true, "reset": true, "step": true, "load": true, "status": true}

// maxActionLen bounds an action name read into Go; longer is unknown.
const maxActionLen = 16

// statusInterval is how often the playground looks for changes to post to
// the host: at most four posts a second keep a host's display live
// without flooding it while training.
const statusInterval = 250 * time.Millisecond

// minTicksPerProgressPost spaces the posts that only report training
// progress (the step moved, nothing else) by game ticks as well: a
// quarter of a second at 60 ticks a second, and fewer posts when the page
// runs slower and has less time to spare.
const minTicksPerProgressPost = 15

// hostChannel answers the host page and keeps it posted.
type hostChannel struct {
	app    *app
	parent js.Value // window.parent: the host, the only sender heard

	mu sync.Mutex
	// origin is the host's origin, known from its first message; updates
	// go there, and none go anywhere before it.
	origin string
	// posted is the state the host last heard about, at postedTicks.
	posted      statusKey
	postedTicks int
	watching    bool
}

// statusKey is what a status post reports that can change: the
// experiment (a new session, a rebuilt model, an edit, a reset), the step,
// whether it trains, whether an embed is seen, and the page's message.
type statusKey struct {
	sess       *session.Session
	generation int
	step       int
	running    bool
	hidden     bool
	edits      int
	message    string
}

// hostRequest is a checked message from the host.
type hostRequest struct {
	action string
	id     js.Value // echoed in the answer; undefined when not given
	n      int      // steps, for "step"
	hash   string   // for "load"
}

// listenForHostMessages installs the postMessage API when the page is
// framed; a page on its own has no host to listen to. It then tells the
// host it listens, with a message that carries nothing else (the host's
// origin is not known yet, so it goes to any).
func (a *app) listenForHostMessages(win dom.Window) {
	if !framed() {
		return
	}
	h := &hostChannel{app: a, parent: js.Global().Get("parent")}
	win.AddEventListener("message", false, func(e dom.Event) { h.receive(e.Underlying()) })
	_ = h.post(map[string]any{"type": readyType}, "*")
}

// framed says this page is in a frame of another window.
func framed() bool {
	return !js.Global().Get("parent").Equal(js.Global())
}

// receive handles one message event. Only the host is heard; everything
// else, and any message not of the protocol (the channel is shared with
// other scripts), is ignored without a word. A malformed request is
// answered with an error and changes nothing.
func (h *hostChannel) receive(ev js.Value) {
	// A panic here would stop the Go program, and with it the page; no
	// message may do that.
	defer func() {
		if r := recover(); r != nil {
			log.Printf("playground: a message from the host page could not be handled: %v", r)
		}
	}()
	if !framed() || !ev.Get("source").Equal(h.parent) {
		return
	}
	req, addressed, err := parseHostRequest(ev.Get("data"))
	if !addressed {
		return
	}
	origin := ev.Get("origin")
	if origin.Type() != js.TypeString || origin.String() == "null" {
		// An opaque origin (a sandboxed or file: host) cannot be named as
		// a target, and nothing is posted to any origin but the host's.
		return
	}
	h.hear(origin.String())
	if err == nil {
		err = h.do(req)
	}
	h.answer(req.id, err)
}

// hear records the host's origin and starts posting updates to it.
func (h *hostChannel) hear(origin string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.origin = origin
	if !h.watching {
		h.watching = true
		go h.watch()
	}
}

// do carries out a checked request.
func (h *hostChannel) do(req hostRequest) error {
	a := h.app
	switch req.action {
	case "play":
		a.scriptPlay()
	case "pause":
		a.scriptPause()
	case "reset":
		a.scriptReset()
	case "step":
		a.scriptStep(req.n)
	case "load":
		// As window.playground.load: a link that cannot be read is said
		// on the page and in the answer, and the default experiment opens.
		return a.load(req.hash)
	}
	return nil
}

// answer posts the status to the host, with the request's id and error.
func (h *hostChannel) answer(id js.Value, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	msg := h.statusMessage()
	if err != nil {
		msg["error"] = err.Error()
	}
	if id.IsUndefined() {
		_ = h.post(msg, h.origin)
		return
	}
	msg["id"] = id
	if postErr := h.post(msg, h.origin); postErr != nil {
		// The id cannot be cloned (a MessagePort, say): answer without it.
		delete(msg, "id")
		msg["error"] = fmt.Sprintf("the id could not be sent back: %v", postErr)
		_ = h.post(msg, h.origin)
	}
}

// watch posts the status to the host when it changed, every
// statusInterval.
func (h *hostChannel) watch() {
	for range time.Tick(statusInterval) {
		h.postIfChanged()
	}
}

func (h *hostChannel) postIfChanged() {
	h.mu.Lock()
	defer h.mu.Unlock()
	key, ticks := h.app.statusKey()
	if key == h.posted {
		return
	}
	progressOnly := key
	progressOnly.step = h.posted.step
	if progressOnly == h.posted && ticks-h.postedTicks < minTicksPerProgressPost {
		return
	}
	_ = h.post(h.statusMessage(), h.origin)
}

// statusMessage is a status post, and marks its state as heard; call it
// with h.mu held.
func (h *hostChannel) statusMessage() map[string]any {
	// The key is read first: a change in between is posted again later,
	// never lost.
	h.posted, h.postedTicks = h.app.statusKey()
	return map[string]any{"type": statusType, "status": h.app.status()}
}

// post sends msg to the host. A message the browser refuses (an id it
// cannot clone) is an error, not a panic.
func (h *hostChannel) post(msg map[string]any, targetOrigin string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	h.parent.Call("postMessage", js.ValueOf(msg), targetOrigin)
	return nil
}

// statusKey reads what a status post would report that can change, and
// the game's tick count.
func (a *app) statusKey() (statusKey, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return statusKey{
		sess:       a.sess,
		generation: a.sess.Generation(),
		step:       a.sess.Steps(),
		running:    a.sess.Running(),
		hidden:     a.hidden,
		edits:      a.edits,
		message:    a.message,
	}, a.stats.ticks
}

// parseHostRequest checks a message's data. addressed says it is of the
// protocol ({type: "playground"}); err says why such a message is
// malformed. Strings are measured before they are copied into Go, so a
// huge one costs nothing.
func parseHostRequest(data js.Value) (req hostRequest, addressed bool, err error) {
	req.id = js.Undefined()
	if data.Type() != js.TypeObject {
		return req, false, nil
	}
	if t := data.Get("type"); !isStringOfLen(t, len(requestType), len(requestType)) || t.String() != requestType {
		return req, false, nil
	}
	req.id = data.Get("id")
	action := data.Get("action")
	switch {
	case action.Type() != js.TypeString:
		return req, true, errors.New("action must be a string: play, pause, reset, step, load or status")
	case !isStringOfLen(action, 0, maxActionLen) || !hostActions[action.String()]:
		return req, true, errors.New("unknown action; want play, pause, reset, step, load or status")
	}
	req.action = action.String()
	if req.n, err = stepsField(req.action, data.Get("n")); err != nil {
		return req, true, err
	}
	if req.hash, err = hashField(req.action, data.Get("hash")); err != nil {
		return req, true, err
	}
	return req, true, nil
}

// stepsField checks n: only for step, where it is 1 when absent.
func stepsField(action string, n js.Value) (int, error) {
	switch {
	case action != "step" && !n.IsUndefined():
		return 0, errors.New("n is only for the step action")
	case action != "step":
		return 0, nil
	case n.IsUndefined():
		return 1, nil
	case n.Type() != js.TypeNumber:
		return 0, errors.New("n must be a number of steps")
	}
	f := n.Float()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errors.New("n must be a finite number of steps")
	}
	return stepCount(f)
}

// hashField checks hash: a string of at most experiment.MaxHashLen bytes,
// required for load and only for load.
func hashField(action string, hash js.Value) (string, error) {
	switch {
	case action != "load" && !hash.IsUndefined():
		return "", errors.New("hash is only for the load action")
	case action != "load":
		return "", nil
	case hash.Type() != js.TypeString:
		return "", errors.New("load needs a hash: a string")
	}
	tooLong := fmt.Errorf("the hash is longer than %d bytes", experiment.MaxHashLen)
	// A UTF-16 code unit is at least one UTF-8 byte, so a string of more
	// units is too long without being read.
	if !isStringOfLen(hash, 0, experiment.MaxHashLen) {
		return "", tooLong
	}
	s := hash.String()
	if len(s) > experiment.MaxHashLen {
		return "", tooLong
	}
	return s, nil
}

// isStringOfLen says v is a JavaScript string of shortest to longest
// UTF-16 code units, read without copying it into Go (Value.Length refuses strings;
// Object(v) boxes the string so its length can be read).
func isStringOfLen(v js.Value, shortest, longest int) bool {
	if v.Type() != js.TypeString {
		return false
	}
	n := js.Global().Get("Object").Invoke(v).Get("length").Int()
	return n >= shortest && n <= longest
}
