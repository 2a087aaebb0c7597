//go:build browser

package e2e

import (
	"context"
	"fmt"
	neturl "net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"playground/assets"
	"playground/assets/catalog"
	"playground/experiment"
)

// TestPapersPanelOpensAPreset opens the Papers panel, searches it by title
// and by tag, and opens a preset: the link becomes the preset's experiment
// and it trains.
func TestPapersPanelOpensAPreset(t *testing.T) {
	papers, presets := embeddedCatalogs(t)
	const presetID = "spiral"
	want := presetHash(t, presetID)

	p := openPage(t)
	tab := p.tab
	click(t, tab, `#papers > summary`)
	waitFor(t, tab, fmt.Sprintf(`document.querySelectorAll("#papers-list .paper-item").length === %d`, len(papers.Papers)))
	classics := 0
	for _, pr := range presets.Presets {
		if pr.Group == catalog.GroupClassic {
			classics++
		}
	}
	if n := countVisible(t, tab, ".preset-item"); n != classics {
		t.Errorf("%d classic experiments listed, want %d", n, classics)
	}

	// Search by tag: exactly the papers the panel's rule matches.
	search(t, tab, "kan")
	wantKAN := 0
	for _, paper := range papers.Papers {
		if matchesSearch(paper.Title, paper.Tags, "kan") {
			wantKAN++
		}
	}
	if wantKAN == 0 {
		t.Fatal("no paper carries a kan tag: pick another search")
	}
	if n := countVisible(t, tab, ".paper-item"); n != wantKAN {
		t.Errorf("search kan: %d papers shown, want %d", n, wantKAN)
	}
	// Headings show for the groups with a match: Papers, and the classic
	// experiments when one's title matches too (they are listed under
	// their own heading, tagged "classic").
	groups := map[string]bool{"papers": true}
	for _, pr := range presets.Presets {
		if pr.Group == catalog.GroupClassic && matchesSearch(pr.Title, []string{"classic"}, "kan") {
			groups[pr.Group] = true
		}
	}
	if n := countVisible(t, tab, "#papers-list h2"); n != len(groups) {
		t.Errorf("search kan: %d group headings shown, want %d (%v)", n, len(groups), groups)
	}
	screenshot(t, tab, "papers-01-tag")

	// Search by title, then open the preset.
	search(t, tab, "spiral")
	if n := countVisible(t, tab, fmt.Sprintf(`[data-preset-item=%q]`, presetID)); n != 1 {
		t.Fatalf("search spiral does not show the spiral preset")
	}
	if n := countVisible(t, tab, `[data-preset-item="circle"]`); n != 0 {
		t.Errorf("search spiral still shows the circle preset")
	}
	screenshot(t, tab, "papers-02-search")
	before := currentStatus(t, tab)
	if before.Hash == want {
		t.Fatalf("the page already shows the preset")
	}
	click(t, tab, fmt.Sprintf(`button[data-preset=%q]`, presetID))
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().hash === %q`, want))
	if h := locationHash(t, tab); h != "#"+want {
		t.Errorf("location hash %q, want the preset's #%s", h, want)
	}
	link, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("link").value`))
	if err != nil || !strings.HasSuffix(link, "#"+want) {
		t.Errorf("the share link is %q (%v), want it to end with the preset's hash", link, err)
	}

	// It trains: the page keeps running after the load.
	opened := currentStatus(t, tab)
	if opened.Error != "" || !opened.Running {
		t.Fatalf("after opening the preset: error %q, running %v", opened.Error, opened.Running)
	}
	waitForSteps(t, tab, opened.Step+100)
	trained := currentStatus(t, tab)
	if trained.TrainLoss == nil || trained.Hash != want {
		t.Errorf("after training: loss %v, hash %q", trained.TrainLoss, trained.Hash)
	}
	t.Logf("preset %s: step %d, train loss %.4f", presetID, trained.Step, loss(trained.TrainLoss))
	waitForPicture(t, tab)
	screenshot(t, tab, "papers-03-opened")
}

// matchesSearch is the panel's rule (ui/panel/papers_list.go): the title
// contains the query or a tag starts with it.
func matchesSearch(title string, tags []string, query string) bool {
	if strings.Contains(strings.ToLower(title), query) {
		return true
	}
	for _, tag := range tags {
		if strings.HasPrefix(tag, query) {
			return true
		}
	}
	return false
}

func embeddedCatalogs(t *testing.T) (catalog.Papers, catalog.Presets) {
	t.Helper()
	papers, presets, err := assets.ReadCatalogs(assets.Files)
	if err != nil {
		t.Fatal(err)
	}
	return papers, presets
}

// presetHash is the URL hash of a preset's experiment.
func presetHash(t *testing.T, id string) string {
	t.Helper()
	spec, err := assets.ReadPreset(assets.Files, id)
	if err != nil {
		t.Fatal(err)
	}
	return experiment.EncodeHash(spec)
}

func click(t *testing.T, ctx contextLike, selector string) {
	t.Helper()
	c, cancel := withTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Click(chromedp.CSS(selector))); err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
}

// search types query into the Papers panel's search box, replacing what
// was there.
func search(t *testing.T, ctx contextLike, query string) {
	t.Helper()
	c, cancel := withTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("papers-search").value = ""`),
		chromedp.SendKeys(chromedp.CSS(`#papers-search`), query),
	); err != nil {
		t.Fatalf("searching %q: %v", query, err)
	}
}

// countVisible counts the elements matching selector that are displayed.
func countVisible(t *testing.T, ctx contextLike, selector string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(
		`[...document.querySelectorAll(%q)].filter(e => getComputedStyle(e).display !== "none").length`, selector)))
	if err != nil {
		t.Fatalf("counting %s: %v", selector, err)
	}
	return n
}

// TestPapersPanelReportsFailedFetches makes the panel's requests fail (a
// server error, a body that is not the catalog's JSON, a request that
// never reaches a server) and checks that each failure is told in the
// panel while the playground keeps training, that the next opening
// retries, and that a preset file that cannot be fetched or read leaves
// the running experiment alone with a message.
func TestPapersPanelReportsFailedFetches(t *testing.T) {
	papers, _ := embeddedCatalogs(t)
	const presetID = "spiral"
	want := presetHash(t, presetID)

	p := openPage(t)
	tab := p.tab
	logConsoleOnFailure(t, tab)
	faults := interceptCatalogs(t, tab)

	failures := []struct {
		name  string
		file  string // the file that fails; the others are served
		fault fetchFault
		say   string // what the message must name
	}{
		{"index server error", "index.json", serverError, "assets/presets/index.json: 500"},
		{"papers bad JSON", "papers.json", badJSON, "papers.json"},
		{"papers network error", "papers.json", networkError, "assets/papers.json: TypeError"},
	}
	for i, f := range failures {
		faults.set(map[string]fetchFault{f.file: f.fault})
		before := faults.requests(f.file)
		previous := panelStatus(t, tab) // the last failure's message
		setPanelOpen(t, tab, true)
		waitFor(t, tab, fmt.Sprintf(`(s => s.includes("could not be loaded") && s !== %q)(document.getElementById("papers-status").textContent)`, previous))
		text := panelStatus(t, tab)
		t.Logf("%s: %q", f.name, text)
		if !strings.Contains(text, f.say) || !strings.Contains(text, "try again") {
			t.Errorf("%s: the panel says %q, want it to name %q and say how to try again", f.name, text, f.say)
		}
		if n := faults.requests(f.file); n != before+1 {
			t.Errorf("%s: %s was requested %d times on opening, want once", f.name, f.file, n-before)
		}
		if n := countVisible(t, tab, ".paper-item, .preset-item"); n != 0 {
			t.Errorf("%s: %d entries listed after a failed load", f.name, n)
		}
		keepsTraining(t, tab, f.name)
		if i == 0 {
			screenshot(t, tab, "papers-10-load-failed")
		}
		setPanelOpen(t, tab, false)
	}

	// The next opening retries, and with the files served the panel lists
	// the catalog.
	faults.set(nil)
	setPanelOpen(t, tab, true)
	waitFor(t, tab, fmt.Sprintf(`document.querySelectorAll("#papers-list .paper-item").length === %d`, len(papers.Papers)))
	if text := panelStatus(t, tab); !strings.HasSuffix(text, "shown") {
		t.Errorf("after a successful load the panel says %q", text)
	}

	// A preset file that fails to arrive, or arrives broken, leaves the
	// experiment running, with a message.
	search(t, tab, presetID)
	before := currentStatus(t, tab)
	for i, fault := range []fetchFault{serverError, badJSON, networkError} {
		faults.set(map[string]fetchFault{presetID + ".json": fault})
		previous, _ := messageText(t, tab)
		click(t, tab, fmt.Sprintf(`button[data-preset=%q]`, presetID))
		waitFor(t, tab, fmt.Sprintf(`(m => getComputedStyle(m).display !== "none" && m.textContent !== %q)(document.getElementById("message"))`, previous))
		text, _ := messageText(t, tab)
		t.Logf("preset %s: %q", fault, text)
		if !strings.Contains(text, "“The spiral” could not be opened") {
			t.Errorf("preset %s: the page says %q", fault, text)
		}
		if h := currentStatus(t, tab).Hash; h != before.Hash {
			t.Fatalf("a failed preset changed the experiment to %q", h)
		}
		keepsTraining(t, tab, "a failed preset")
		if i == 0 {
			screenshot(t, tab, "papers-11-preset-failed")
		}
	}

	// Clicked again with the file served, the preset opens and the
	// message goes.
	faults.set(nil)
	click(t, tab, fmt.Sprintf(`button[data-preset=%q]`, presetID))
	waitFor(t, tab, fmt.Sprintf(`window.playground.status().hash === %q`, want))
	if text, visible := messageText(t, tab); visible {
		t.Errorf("the message %q stays after the preset opened", text)
	}
	keepsTraining(t, tab, "preset opened")
}

// fetchFault is how an intercepted request fails.
type fetchFault int

const (
	served       fetchFault = iota // the request goes through to the server
	serverError                    // a 500 answer
	badJSON                        // a 200 answer whose body is cut short
	networkError                   // no answer at all, as when offline
)

func (f fetchFault) String() string {
	return [...]string{"served", "server error", "bad JSON", "network error"}[f]
}

// catalogFaults answers the page's requests for the catalogs and the
// preset files in the test's stead, failing those it is told to.
type catalogFaults struct {
	mu     sync.Mutex
	faults map[string]fetchFault // by file name, such as papers.json
	seen   map[string]int        // requests by file name
}

// interceptCatalogs pauses every request for assets/papers.json and
// assets/presets/* in tab (with the DevTools fetch domain) and answers it
// as the returned catalogFaults says; at first every file is served.
func interceptCatalogs(t *testing.T, tab context.Context) *catalogFaults {
	t.Helper()
	cf := &catalogFaults{seen: map[string]int{}}
	ctx, cancel := context.WithCancel(tab)
	// Subscribe before enabling, so no paused request goes unanswered.
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range paused {
			if err != nil {
				if ctx.Err() == nil {
					t.Errorf("intercepting the catalogs: %v", err)
				}
				return
			}
			if err := cf.answer(ctx, ev); err != nil && ctx.Err() == nil {
				t.Errorf("answering %s: %v", ev.Request.URL, err)
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	_, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*/assets/papers.json*"},
		{URLPattern: "*/assets/presets/*"},
	}})
	if err != nil {
		t.Fatalf("enabling request interception: %v", err)
	}
	return cf
}

// set replaces the faults: files not named are served.
func (cf *catalogFaults) set(faults map[string]fetchFault) {
	cf.mu.Lock()
	defer cf.mu.Unlock()
	cf.faults = faults
}

// requests is how many times the page asked for file.
func (cf *catalogFaults) requests(file string) int {
	cf.mu.Lock()
	defer cf.mu.Unlock()
	return cf.seen[file]
}

func (cf *catalogFaults) answer(ctx context.Context, ev fetch.EventRequestPaused) error {
	file := ev.Request.URL
	if u, err := neturl.Parse(ev.Request.URL); err == nil {
		file = path.Base(u.Path)
	}
	cf.mu.Lock()
	fault := cf.faults[file]
	cf.seen[file]++
	cf.mu.Unlock()
	var err error
	switch fault {
	case served:
		_, err = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
	case serverError:
		_, err = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: 500, Body: []byte("the server broke"),
		})
	case badJSON:
		_, err = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: 200,
			ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/json"}},
			Body:            []byte(`{"version": 1, "papers": [{"id": "cut-`),
		})
	case networkError:
		_, err = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{
			RequestID: ev.RequestID, ErrorReason: network.ErrorReasonConnectionRefused,
		})
	}
	return err
}

// setPanelOpen opens or closes the Papers panel with a click on its
// summary, as a reader does.
func setPanelOpen(t *testing.T, ctx contextLike, open bool) {
	t.Helper()
	click(t, ctx, `#papers > summary`)
	waitFor(t, ctx, fmt.Sprintf(`document.getElementById("papers").open === %v`, open))
}

func panelStatus(t *testing.T, ctx contextLike) string {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("papers-status").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// keepsTraining checks that the playground runs and its steps advance.
func keepsTraining(t *testing.T, ctx contextLike, when string) {
	t.Helper()
	s := currentStatus(t, ctx)
	if !s.Running {
		t.Fatalf("%s: the playground stopped training (error %q)", when, s.Error)
	}
	waitForSteps(t, ctx, s.Step+50)
}

// logConsoleOnFailure keeps what the page writes to its console from now
// on and logs it if the test fails: a Go panic in the page (which stops
// the playground) shows there and nowhere else.
func logConsoleOnFailure(t *testing.T, tab context.Context) {
	t.Helper()
	ctx, cancel := context.WithCancel(tab)
	var (
		mu    sync.Mutex
		lines []string
	)
	events := chromedp.Events(ctx, cdpruntime.ConsoleAPICalled)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range events {
			if err != nil {
				return
			}
			var words []string
			for _, arg := range ev.Args {
				word := arg.Description
				if arg.Value != nil {
					word = string(arg.Value)
					if s, err := strconv.Unquote(word); err == nil {
						word = s
					}
				}
				words = append(words, word)
			}
			mu.Lock()
			lines = append(lines, string(ev.Type)+": "+strings.Join(words, " "))
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		if !t.Failed() {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if len(lines) == 0 {
			t.Log("the page wrote nothing to its console")
			return
		}
		t.Logf("the page's console:\n%s", strings.Join(lines, "\n"))
	})
}
