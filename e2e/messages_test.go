//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostPage is a blog post that embeds the playground (at embedURL, from
// embedOrigin) and talks to it by postMessage. It records every message
// the embed posts in window.received; send posts to the embed; ask posts
// with a fresh id and resolves with the answer that echoes it. A second
// frame, #stranger (a sibling of the embed, on the host's origin), posts
// to the embed too, with sendToEmbed: the embed must not hear it.
const hostPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A post with an embedded playground</title>
<style>
body { font: 16px sans-serif; margin: 12px; }
#embed { width: 1000px; height: 620px; border: 1px solid #999; }
#stranger { width: 200px; height: 40px; border: 1px dashed #999; }
</style>
<script>
"use strict";
const embedOrigin = EMBED_ORIGIN;
window.received = [];
window.ready = false;
const embed = () => document.getElementById("embed").contentWindow;
window.addEventListener("message", (e) => {
  if (e.source !== embed() || e.origin !== embedOrigin) return;
  if (e.data && e.data.type === "playground-ready") window.ready = true;
  window.received.push(e.data);
});
window.send = (msg) => embed().postMessage(msg, embedOrigin);
let asked = 0;
window.ask = (msg) => {
  const id = "q" + (++asked);
  window.send({ ...msg, id });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const look = () => {
      const answer = window.received.find((m) => m && m.id === id);
      if (answer) return resolve(answer);
      if (performance.now() - started > 30000) return reject(new Error("no answer to " + JSON.stringify(msg)));
      setTimeout(look, 20);
    };
    look();
  });
};
// unsolicited is the status posts that answer nothing.
window.unsolicited = () => window.received.filter((m) => m && m.type === "playground-status" && !("id" in m));
</script>
</head>
<body>
<h1>My post about two circles</h1>
<iframe id="embed" title="Neural playground" src="EMBED_URL"></iframe>
<iframe id="stranger" title="Another widget" srcdoc="<script>window.sendToEmbed = (msg) => parent.document.getElementById('embed').contentWindow.postMessage(msg, '*');</script>"></iframe>
</body>
</html>`

// hostAnswer is a message from the embed: {type, id, status, error}.
type hostAnswer struct {
	Type   string  `json:"type"`
	ID     any     `json:"id"`
	Status status  `json:"status"`
	Error  *string `json:"error"`
}

// startHostServer serves hostPage around the playground at embedURL,
// from localhost, where the playground is served from 127.0.0.1: the two
// differ in host and port, so they are different origins.
func startHostServer(t *testing.T, embedURL string) string {
	t.Helper()
	u, err := url.Parse(embedURL)
	if err != nil {
		t.Fatal(err)
	}
	origin, err := json.Marshal(u.Scheme + "://" + u.Host)
	if err != nil {
		t.Fatal(err)
	}
	page := strings.NewReplacer("EMBED_ORIGIN", string(origin), "EMBED_URL", html.EscapeString(embedURL)).Replace(hostPage)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return "http://localhost:" + port
}

// ask posts msg (a JavaScript object literal) from the host page and
// returns the embed's answer.
func ask(t *testing.T, ctx context.Context, msg string) hostAnswer {
	t.Helper()
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	a, err := chromedp.Run(c, chromedp.Evaluate[hostAnswer](`window.ask(`+msg+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("asking %s: %v", msg, err)
	}
	if a.Type != "playground-status" {
		t.Fatalf("asking %s: answer of type %q", msg, a.Type)
	}
	return a
}

// evalHost evaluates js in the host page.
func evalHost[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// runHost runs js in the host page for its effect.
func runHost(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
}

// askUntilTicks asks for the status until the embed's game has ticked n
// more times, so whatever was posted before has been handled.
func askUntilTicks(t *testing.T, ctx context.Context, n int) hostAnswer {
	t.Helper()
	first := ask(t, ctx, `{type: "playground", action: "status"}`)
	a := first
	for a.Status.Ticks < first.Status.Ticks+n {
		time.Sleep(50 * time.Millisecond)
		a = ask(t, ctx, `{type: "playground", action: "status"}`)
	}
	return a
}

// TestHostPageDrivesEmbedByMessages embeds the playground in a page of
// another origin and drives it by postMessage: answers, errors for
// malformed requests, updates while training (throttled), and silence
// towards every window but the host.
func TestHostPageDrivesEmbedByMessages(t *testing.T) {
	base := startServer(t)
	embedURL := withKernels(t, base+"/")
	host := startHostServer(t, embedURL)
	browser := newBrowser(t)
	tab := newTab(t, browser)
	c, cancel := withTimeout(tab, time.Minute)
	if err := chromedp.Do(c, chromedp.Navigate(host+"/")); err != nil {
		t.Fatalf("opening the host page: %v", err)
	}
	cancel()
	waitFor(t, tab, `window.ready`)

	// status answers with the id, and a structured-cloned status.
	opened := ask(t, tab, `{type: "playground", action: "status"}`)
	if opened.ID != "q1" || opened.Error != nil || opened.Status.Hash == "" || opened.Status.Running || opened.Status.Step != 0 {
		t.Fatalf("status: id %v, error %v, status %+v", opened.ID, opened.Error, opened.Status)
	}
	if opened.Status.Kernels != wantKernels() {
		t.Errorf("the embed runs the %q kernels, want %q", opened.Status.Kernels, wantKernels())
	}

	// step, play, pause.
	stepped := ask(t, tab, `{type: "playground", action: "step", n: 25}`)
	if stepped.Status.Step != 25 || stepped.Status.Running || stepped.Error != nil {
		t.Fatalf("step 25: step %d, running %v, error %v", stepped.Status.Step, stepped.Status.Running, stepped.Error)
	}
	if a := ask(t, tab, `{type: "playground", action: "step"}`); a.Status.Step != 26 {
		t.Errorf("step without n: step %d, want 26", a.Status.Step)
	}
	if a := ask(t, tab, `{type: "playground", action: "step", n: 2.7}`); a.Status.Step != 28 {
		t.Errorf("step 2.7: step %d, want 28 (a fraction is cut off)", a.Status.Step)
	}
	if a := ask(t, tab, `{type: "playground", action: "play"}`); !a.Status.Running {
		t.Errorf("play: not running")
	}
	paused := ask(t, tab, `{type: "playground", action: "pause"}`)
	if paused.Status.Running || paused.Status.Step < 28 {
		t.Errorf("pause: running %v at step %d", paused.Status.Running, paused.Status.Step)
	}

	// Malformed requests are answered with an error and change nothing;
	// the embed keeps answering (a panic would have stopped its program).
	for _, bad := range []string{
		`{type: "playground", action: "fly"}`,
		`{type: "playground"}`,
		`{type: "playground", action: 3}`,
		`{type: "playground", action: "step", n: -1}`,
		`{type: "playground", action: "step", n: "x"}`,
		`{type: "playground", action: "step", n: Infinity}`,
		`{type: "playground", action: "step", n: NaN}`,
		`{type: "playground", action: "play", n: 5}`,
		`{type: "playground", action: "load"}`,
		`{type: "playground", action: "load", hash: 42}`,
		`{type: "playground", action: "load", hash: "a".repeat(20 << 10)}`,
		`{type: "playground", action: "reset", hash: "v=2"}`,
	} {
		a := ask(t, tab, bad)
		s := a.Status
		if a.Error == nil || *a.Error == "" {
			t.Errorf("%s: answered without an error", bad)
			continue
		}
		t.Logf("%s: %s", bad, *a.Error)
		if s.Step != paused.Status.Step || s.Running || s.Hash != paused.Status.Hash {
			t.Errorf("%s changed the state: step %d, running %v, hash %q", bad, s.Step, s.Running, s.Hash)
		}
	}

	// Messages not of the protocol are not answered: a later answer
	// arrives first (one sender's messages arrive in order).
	for _, other := range []string{`"play"`, `null`, `42`, `[1, 2]`, `{type: "Playground", action: "play", id: "other"}`, `{action: "play", id: "other"}`} {
		runHost(t, tab, `window.send(`+other+`)`)
	}
	if a := ask(t, tab, `{type: "playground", action: "status"}`); a.Status.Running || a.Status.Step != paused.Status.Step {
		t.Errorf("messages not of the protocol changed the state: %+v", a.Status)
	}
	if n := evalHost[int](t, tab, `window.received.filter((m) => m && m.id === "other").length`); n != 0 {
		t.Errorf("%d answers to messages not of the protocol", n)
	}

	// load opens a preset's hash; reset goes back to step 0.
	want := presetHash(t, "lowrank-spiral")
	loaded := ask(t, tab, fmt.Sprintf(`{type: "playground", action: "load", hash: %q}`, want))
	if loaded.Error != nil || loaded.Status.Hash != want || loaded.Status.Step != 0 {
		t.Fatalf("load: error %v, hash %q (want %q), step %d", loaded.Error, loaded.Status.Hash, want, loaded.Status.Step)
	}
	ask(t, tab, `{type: "playground", action: "step", n: 10}`)
	if a := ask(t, tab, `{type: "playground", action: "reset"}`); a.Status.Step != 0 || a.Status.Hash != want {
		t.Errorf("reset: step %d, hash %q", a.Status.Step, a.Status.Hash)
	}

	// A change the host did not ask for (its link changes: the embed loads
	// it) is posted unasked.
	before := evalHost[int](t, tab, `window.unsolicited().length`)
	runHost(t, tab, fmt.Sprintf(`document.getElementById("embed").src = %q`, embedURL+"#"+opened.Status.Hash))
	waitFor(t, tab, fmt.Sprintf(`window.unsolicited().slice(%d).some((m) => m.status.hash === %q)`, before, opened.Status.Hash))

	// While paused, nothing changes and nothing is posted.
	before = evalHost[int](t, tab, `window.unsolicited().length`)
	quiet := askUntilTicks(t, tab, 60)
	if after := evalHost[int](t, tab, `window.unsolicited().length`); after != before {
		t.Errorf("%d status posts while paused and unchanged", after-before)
	}

	// The sibling frame is not the host: it is neither heard nor answered.
	for _, msg := range []string{`{type: "playground", action: "play", id: "stranger"}`, `{type: "playground", action: "step", n: 50, id: "stranger"}`} {
		runHost(t, tab, `document.getElementById("stranger").contentWindow.sendToEmbed(`+msg+`)`)
	}
	if a := askUntilTicks(t, tab, 30); a.Status.Running || a.Status.Step != quiet.Status.Step {
		t.Errorf("a message from a sibling frame changed the state: running %v, step %d (was %d)", a.Status.Running, a.Status.Step, quiet.Status.Step)
	}
	if n := evalHost[int](t, tab, `window.received.filter((m) => m && m.id === "stranger").length`); n != 0 {
		t.Errorf("the embed answered a sibling frame %d times", n)
	}

	// While training, status posts arrive unasked, at most every 15 ticks
	// (checked with slack: every 10), counted by the embed's own ticks.
	const trainTicks = 300
	played := ask(t, tab, `{type: "playground", action: "play"}`)
	t0 := played.Status.Ticks
	waitFor(t, tab, fmt.Sprintf(`window.unsolicited().some((m) => m.status.ticks >= %d)`, t0+trainTicks))
	posts := evalHost[[]status](t, tab, fmt.Sprintf(`window.unsolicited().filter((m) => m.status.ticks > %d).map((m) => m.status)`, t0))
	t1 := 0
	for i, s := range posts {
		if s.Ticks >= t0+trainTicks {
			posts, t1 = posts[:i+1], s.Ticks
			break
		}
	}
	t.Logf("training: %d status posts over %d ticks (steps %d to %d)", len(posts), t1-t0, played.Status.Step, posts[len(posts)-1].Step)
	if limit := (t1-t0)/10 + 2; len(posts) < 2 || len(posts) > limit {
		t.Errorf("%d status posts over %d ticks of training, want 2 to %d", len(posts), t1-t0, limit)
	}
	for i, s := range posts {
		if !s.Running || i > 0 && s.Step <= posts[i-1].Step {
			t.Errorf("status post %d: step %d, running %v (previous step %d)", i, s.Step, s.Running, posts[max(i-1, 0)].Step)
		}
	}
	screenshot(t, tab, "messages-host-page")
	ask(t, tab, `{type: "playground", action: "pause"}`)

	// A page on its own (not framed) does not listen, even to itself.
	alone := newTab(t, browser)
	s := open(t, alone, embedURL)
	call(t, alone, `window.postMessage({type: "playground", action: "play"}, "*")`)
	call(t, alone, `window.postMessage({type: "playground", action: "step", n: 50}, "*")`)
	waitFor(t, alone, fmt.Sprintf(`window.playground.status().ticks >= %d`, s.Ticks+30))
	if s := currentStatus(t, alone); s.Running || s.Step != 0 {
		t.Errorf("a page on its own obeyed its own message: running %v, step %d", s.Running, s.Step)
	}
}
