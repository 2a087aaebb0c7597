//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playground/embedmode"
	"playground/experiment"
)

// blogPage is a blog post on another origin with two embedded
// playgrounds: #a near the top, #b far below the fold (not lazily
// loaded, so it loads out of view). Each embed's messages are recorded
// per frame; ask(name, msg) posts to one with a fresh id and resolves
// with its answer; latest(name) is the last status it posted. #stranger
// is a sibling frame on the host's origin that posts to #b: #b must not
// hear it.
const blogPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Two circles, twice</title>
<style>
body { font: 17px/1.5 Georgia, serif; margin: 24px auto; max-width: 720px; color: #222; background: #fdfcf8; }
.far { margin-top: 2600px; }
#stranger { width: 200px; height: 40px; border: 1px dashed #999; }
</style>
<script>
"use strict";
const embedOrigin = EMBED_ORIGIN;
const frameOf = (name) => document.querySelector("#" + name + " iframe").contentWindow;
window.received = { a: [], b: [] };
window.ready = { a: false, b: false };
window.addEventListener("message", (e) => {
  if (e.origin !== embedOrigin) return;
  for (const name of ["a", "b"]) {
    if (e.source !== frameOf(name)) continue;
    if (e.data && e.data.type === "playground-ready") window.ready[name] = true;
    window.received[name].push(e.data);
  }
});
let asked = 0;
window.ask = (name, msg) => {
  const id = "q" + (++asked);
  frameOf(name).postMessage({ ...msg, id }, embedOrigin);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const look = () => {
      const answer = window.received[name].find((m) => m && m.id === id);
      if (answer) return resolve(answer);
      if (performance.now() - started > 30000) return reject(new Error("no answer to " + JSON.stringify(msg)));
      setTimeout(look, 20);
    };
    look();
  });
};
window.latest = (name) => {
  const posts = window.received[name].filter((m) => m && m.type === "playground-status");
  return posts.length ? posts[posts.length - 1].status : null;
};
</script>
</head>
<body>
<h1>Two circles, twice</h1>
<p>A network with two hidden layers learns to tell the inner circle from the outer ring. Press play, or watch it go.</p>
<div id="a">EMBED_A</div>
<p>Scroll on for the second one.</p>
<iframe id="stranger" title="Another widget" srcdoc="<script>window.sendToEmbed = (msg) => parent.document.querySelector('#b iframe').contentWindow.postMessage(msg, '*');</script>"></iframe>
<div id="b" class="far">EMBED_B</div>
<p>The end.</p>
</body>
</html>`

// embedStatus is status() with the fields an embed adds.
type embedStatus struct {
	status
	Visible   bool `json:"visible"`
	Suspended bool `json:"suspended"`
}

// embedAnswer is an embed's answer to a host's request.
type embedAnswer struct {
	Type   string      `json:"type"`
	ID     any         `json:"id"`
	Status embedStatus `json:"status"`
	Error  *string     `json:"error"`
}

// startBlogServer serves blogPage with the two snippets from localhost,
// where the playground is served from 127.0.0.1: another origin.
func startBlogServer(t *testing.T, embedOrigin, snippetA, snippetB string) string {
	t.Helper()
	origin, err := json.Marshal(embedOrigin)
	if err != nil {
		t.Fatal(err)
	}
	page := strings.NewReplacer("EMBED_ORIGIN", string(origin), "EMBED_A", snippetA, "EMBED_B", snippetB).Replace(blogPage)
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

// askEmbed posts msg (a JavaScript object literal) to embed name and
// returns its answer.
func askEmbed(t *testing.T, ctx context.Context, name, msg string) embedStatus {
	t.Helper()
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	a, err := chromedp.Run(c, chromedp.Evaluate[embedAnswer](fmt.Sprintf(`window.ask(%q, %s)`, name, msg), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("asking %s %s: %v", name, msg, err)
	}
	if a.Type != "playground-status" || a.Error != nil {
		t.Fatalf("asking %s %s: answer of type %q, error %v", name, msg, a.Type, a.Error)
	}
	return a.Status
}

// waitForEmbed asks embed name for its status until ok says yes.
func waitForEmbed(t *testing.T, ctx context.Context, name, what string, ok func(embedStatus) bool) embedStatus {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		s := askEmbed(t, ctx, name, `{type: "playground", action: "status"}`)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("embed %s: waiting for %s; status %+v", name, what, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestEmbedsInABlogPost: the builder writes the snippet; a blog post on
// another origin embeds it twice, one far below the fold. Both load; the
// visible one trains by itself (autoplay); the one out of view says it is
// suspended and trains once scrolled into view (and the first, scrolled
// out, stops); the host drives one by postMessage; a sibling frame is not
// heard. On its own, a 600x400 embed shows only its controls, gives the
// plane at least 300 px, links to the full playground and leaves its
// address alone.
func TestEmbedsInABlogPost(t *testing.T) {
	base := startServer(t)
	browser := newBrowser(t)
	spec := experiment.Default()
	spec.View.Play = true
	hash := experiment.EncodeHash(spec)
	chosen := embedmode.NewOptions(embedmode.Play, embedmode.Step, embedmode.Reset, embedmode.Speed, embedmode.Layers)

	// A 600x400 embed on its own, first, with a cold cache: what it costs
	// on the wire and to its first frame (docs/BENCHMARKS.md).
	alone := newTab(t, browser)
	c, cancel := withTimeout(alone, time.Minute)
	if err := chromedp.Do(c, chromedp.EmulateViewport(600, 400)); err != nil {
		t.Fatal(err)
	}
	cancel()
	src := withKernels(t, embedmode.URL(base+"/#"+hash, chosen))
	first := open(t, alone, src)
	wire := evalHost[float64](t, alone, `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + e.transferSize, 0)`)
	t.Logf("embed 600x400, cold cache: %.2f MB on the wire, first frame at %.0f ms", wire/1e6, first.FirstFrameMs)
	checkEmbedAlone(t, alone, base, hash)
	call(t, alone, `window.playground.pause()`)
	// Warm, an embed and the full page in the same browser: how the
	// embed's first frame compares (only logged; the machine is shared).
	// The embed's address names a control this page does not know: it is
	// skipped, and the embed says so.
	for _, page := range []string{base + "/?embed=1&controls=play,fly#" + hash, base + "/#" + strings.Replace(hash, "&play=1", "", 1)} {
		tab := newTab(t, browser)
		s := open(t, tab, page)
		t.Logf("warm cache, first frame at %.0f ms: %s", s.FirstFrameMs, page)
		call(t, tab, `window.playground.pause()`)
		if !strings.Contains(page, "fly") {
			continue
		}
		if msg, shown := messageText(t, tab); !shown || !strings.Contains(msg, `"fly"`) {
			t.Errorf("an embed naming an unknown control says %q (shown %v)", msg, shown)
		}
		if has := evalHost[[]bool](t, tab, `["#play", "#reset"].map((s) => !!document.querySelector(s))`); !has[0] || has[1] {
			t.Errorf("controls=play,fly: #play %v, #reset %v; want only play", has[0], has[1])
		}
	}

	// The builder on the full page writes the snippet for the same
	// choices.
	full := newTab(t, browser)
	open(t, full, base+"/#"+hash)
	call(t, full, `window.playground.pause()`)
	snippet := buildEmbedSnippet(t, full, chosen)
	wantSrc := embedmode.URL(base+"/#"+hash, chosen)
	if !strings.Contains(snippet, `src="`+strings.ReplaceAll(wantSrc, "&", "&amp;")+`"`) ||
		!strings.Contains(snippet, `width="600" height="400"`) || !strings.Contains(snippet, `title="Neural playground: circle`) {
		t.Fatalf("the builder's snippet %s does not frame %s at 600x400", snippet, wantSrc)
	}
	t.Logf("builder's snippet: %s", snippet)

	// The blog post: the snippet twice, the second not lazily loaded so
	// it loads out of view.
	snippetFor := func(s string) string {
		u := strings.ReplaceAll(wantSrc, "&", "&amp;")
		return strings.Replace(s, u, strings.ReplaceAll(withKernels(t, wantSrc), "&", "&amp;"), 1)
	}
	blog := startBlogServer(t, base, snippetFor(snippet), strings.Replace(snippetFor(snippet), ` loading="lazy"`, "", 1))
	tab := newTab(t, browser)
	c, cancel = withTimeout(tab, time.Minute)
	if err := chromedp.Do(c, chromedp.Navigate(blog+"/")); err != nil {
		t.Fatalf("opening the blog post: %v", err)
	}
	cancel()
	waitFor(t, tab, `window.ready.a && window.ready.b`)

	a := waitForEmbed(t, tab, "a", "training in view", func(s embedStatus) bool {
		return s.Running && s.Visible && !s.Suspended && s.Step > 0 && s.Frames > 0
	})
	b := askEmbed(t, tab, "b", `{type: "playground", action: "status"}`)
	if !b.Running || b.Visible || !b.Suspended || b.Step != 0 {
		t.Fatalf("the embed below the fold: running %v, visible %v, suspended %v, step %d; want autoplayed, not visible, suspended at step 0",
			b.Running, b.Visible, b.Suspended, b.Step)
	}
	// While #a trains 100 more steps, #b stays at step 0.
	waitForEmbed(t, tab, "a", "100 more steps", func(s embedStatus) bool { return s.Step >= a.Step+100 })
	if b := askEmbed(t, tab, "b", `{type: "playground", action: "status"}`); b.Step != 0 || !b.Suspended {
		t.Errorf("out of view, embed b trained: step %d, suspended %v", b.Step, b.Suspended)
	}
	screenshot(t, tab, "embed-blog-top")

	// Scrolled into view, #b trains; #a, now out of view, is suspended,
	// and says so unasked.
	runHost(t, tab, `document.getElementById("b").scrollIntoView()`)
	b = waitForEmbed(t, tab, "b", "training once in view", func(s embedStatus) bool {
		return s.Visible && !s.Suspended && s.Running && s.Step > 0
	})
	waitFor(t, tab, `window.latest("a") && window.latest("a").visible === false && window.latest("a").suspended === true`)
	a = askEmbed(t, tab, "a", `{type: "playground", action: "status"}`)
	waitForEmbed(t, tab, "b", "50 more steps", func(s embedStatus) bool { return s.Step >= b.Step+50 })
	if again := askEmbed(t, tab, "a", `{type: "playground", action: "status"}`); again.Step != a.Step || !again.Running {
		t.Errorf("out of view, embed a: step %d (was %d), running %v", again.Step, a.Step, again.Running)
	}
	screenshot(t, tab, "embed-blog-below")

	// The host drives #b: pause, step, play.
	paused := askEmbed(t, tab, "b", `{type: "playground", action: "pause"}`)
	if paused.Running || paused.Suspended {
		t.Errorf("pause: running %v, suspended %v", paused.Running, paused.Suspended)
	}
	if s := askEmbed(t, tab, "b", `{type: "playground", action: "step", n: 10}`); s.Step != paused.Step+10 || s.Running {
		t.Errorf("step 10: step %d (from %d), running %v", s.Step, paused.Step, s.Running)
	}
	// A sibling frame is not the parent: #b does not hear it.
	runHost(t, tab, `document.getElementById("stranger").contentWindow.sendToEmbed({type: "playground", action: "play", id: "stranger"})`)
	s := askEmbed(t, tab, "b", `{type: "playground", action: "status"}`)
	waitForEmbed(t, tab, "b", "30 ticks", func(e embedStatus) bool { return e.Ticks >= s.Ticks+30 })
	if s := askEmbed(t, tab, "b", `{type: "playground", action: "status"}`); s.Running || s.Step != paused.Step+10 {
		t.Errorf("a sibling frame's play was heard: running %v, step %d", s.Running, s.Step)
	}
	if s := askEmbed(t, tab, "b", `{type: "playground", action: "play"}`); !s.Running {
		t.Errorf("play: not running")
	}
	waitForEmbed(t, tab, "b", "training after play", func(s embedStatus) bool { return s.Step > paused.Step+10 })
}

// checkEmbedAlone checks a 600x400 embed opened at base with hash: its
// controls, its picture's room, its link out, and its address kept.
func checkEmbedAlone(t *testing.T, ctx context.Context, base, hash string) {
	t.Helper()
	screenshot(t, ctx, "embed-600x400")
	for sel, want := range map[string]bool{
		"#play": true, "#step": true, "#reset": true, "#speed": true, "#embed-settings-toggle": true, "#add-layer": true,
		"#dataset": false, "#papers": false, "#link": false, "#lr": false, "#embed-builder": false, "#placeholder": false,
	} {
		if got := evalHost[bool](t, ctx, fmt.Sprintf(`!!document.querySelector(%q)`, sel)); got != want {
			t.Errorf("the embed has %s: %v, want %v", sel, got, want)
		}
	}
	// The settings the address names open over the picture.
	click(t, ctx, "#embed-settings-toggle")
	if open := evalHost[bool](t, ctx, `!document.getElementById("embed-settings").hidden && document.getElementById("embed-settings").contains(document.getElementById("add-layer"))`); !open {
		t.Errorf("the embed's Settings do not show the layer editor")
	}
	screenshot(t, ctx, "embed-600x400-settings")
	click(t, ctx, "#embed-settings-toggle")
	side := evalHost[int](t, ctx, `Math.min(window.playground.layout().heatmap.w, window.playground.layout().heatmap.h)`)
	if side < 300 {
		t.Errorf("in a 600x400 embed the plane is %d px, want at least 300", side)
	}
	t.Logf("600x400 embed: plane %d px", side)

	link := evalHost[map[string]string](t, ctx, `(() => { const a = document.getElementById("open-full"); return {href: a.href, target: a.target, rel: a.rel, text: a.textContent}; })()`)
	if link["href"] != base+"/#"+hash || link["target"] != "_blank" || link["rel"] != "noopener" {
		t.Errorf("the link to the full playground: %v, want %s/#%s in a new tab", link, base, hash)
	}
	// Another experiment loaded: the link follows it, the address stays.
	before := locationHash(t, ctx)
	other := presetHash(t, "lowrank-spiral")
	call(t, ctx, fmt.Sprintf(`window.playground.load(%q)`, other))
	if after := locationHash(t, ctx); after != before {
		t.Errorf("an embed rewrote its address: %q, was %q", after, before)
	}
	if href := evalHost[string](t, ctx, `document.getElementById("open-full").href`); href != base+"/#"+other {
		t.Errorf("after a load the link is %s, want %s/#%s", href, base, other)
	}
	if s := call(t, ctx, `window.playground.status()`); !strings.HasPrefix(s.Hash, "v=") {
		t.Errorf("status hash %q", s.Hash)
	}
}

// buildEmbedSnippet sets the full page's embed builder to 600x400 with
// the chosen controls and autoplay, checks its preview, and returns its
// snippet.
func buildEmbedSnippet(t *testing.T, ctx context.Context, chosen embedmode.Options) string {
	t.Helper()
	runHost(t, ctx, `document.getElementById("embed-builder").open = true`)
	for _, c := range embedmode.Controls() {
		runHost(t, ctx, fmt.Sprintf(`(() => { const box = document.getElementById("embed-control-%s"); if (box.checked !== %v) box.click(); })()`, c, chosen.Shows(c)))
	}
	runHost(t, ctx, `(() => { const box = document.getElementById("embed-autoplay"); if (!box.checked) box.click(); })()`)
	setControl(t, ctx, "#embed-width", "600")
	setControl(t, ctx, "#embed-height", "400")
	// A size out of bounds is refused and the last good one kept.
	setControl(t, ctx, "#embed-width", "5")
	if w := evalHost[string](t, ctx, `document.getElementById("embed-width").value`); w != "600" {
		t.Errorf("width 5 was taken: the field shows %s", w)
	}
	snippet := evalHost[string](t, ctx, `document.getElementById("embed-snippet").value`)
	click(t, ctx, "#preview-embed")
	waitFor(t, ctx, `document.getElementById("embed-preview").open`)
	preview := evalHost[map[string]string](t, ctx, `(() => { const f = document.querySelector("#embed-preview iframe"); return {src: f.getAttribute("src"), w: f.getAttribute("width"), h: f.getAttribute("height")}; })()`)
	if !strings.Contains(snippet, `src="`+strings.ReplaceAll(preview["src"], "&", "&amp;")+`"`) || preview["w"] != "600" || preview["h"] != "400" {
		t.Errorf("the preview shows %v; the snippet is %s", preview, snippet)
	}
	screenshot(t, ctx, "embed-builder")
	click(t, ctx, "#close-preview")
	waitFor(t, ctx, `!document.getElementById("embed-preview").open && !document.querySelector("#embed-preview iframe").hasAttribute("src")`)
	if u, err := url.Parse(preview["src"]); err != nil || u.Query().Get("embed") != "1" {
		t.Errorf("the preview's address %q is not in embed mode", preview["src"])
	}
	// Starting from the trained weights puts them in the embed's link
	// (key w); unticked, the embed starts from scratch.
	if strings.Contains(snippet, "&amp;w=") {
		t.Errorf("the snippet carries weights before they were asked for: %s", snippet)
	}
	runHost(t, ctx, `document.getElementById("embed-trained").click()`)
	if trained := evalHost[string](t, ctx, `document.getElementById("embed-snippet").value`); !strings.Contains(trained, "&amp;w=") {
		t.Errorf("with the trained weights ticked, the snippet has none: %s", trained)
	}
	runHost(t, ctx, `document.getElementById("embed-trained").click()`)
	return snippet
}
