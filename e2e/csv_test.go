//go:build browser

package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// blobsCSV is n points of three separated clusters in a person's own
// units (rescaled onto the plane), their classes named, semicolons.
func blobsCSV(n int) string {
	var b strings.Builder
	b.WriteString("width;height;species\n")
	centers := [][2]float64{{100, 20}, {300, 20}, {200, 60}}
	names := []string{"setosa", "versicolor", "virginica"}
	for i := range n {
		c := centers[i%3]
		fmt.Fprintf(&b, "%g;%g;%s\n", c[0]+10*math.Sin(float64(i)), c[1]+4*math.Cos(float64(3*i)), names[i%3])
	}
	return b.String()
}

// importData calls window.playground.importData and returns its answer:
// "" for null, else the error.
func importData(t *testing.T, ctx contextLike, csv string) string {
	t.Helper()
	arg, _ := json.Marshal(csv)
	c, cancel := withTimeout(ctx, time.Minute)
	defer cancel()
	got, err := chromedp.Run(c, chromedp.Evaluate[string](`(r => r === null ? "" : String(r))(window.playground.importData(`+string(arg)+`))`))
	if err != nil {
		t.Fatalf("importData: %v", err)
	}
	return got
}

func TestImportDataTrainsAndTravelsInTheLink(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	opened := call(t, tab, `window.playground.pause()`)

	// A bad file: the message names the row, the experiment stays.
	bad := "x1,x2,label\n" + strings.Repeat("1,2,0\n3,4,1\n", 6) + "5,abc,1\n"
	msg := importData(t, tab, bad)
	text, visible := messageText(t, tab)
	after := currentStatus(t, tab)
	if !strings.Contains(msg, `line 14: x2 is not a number: "abc"`) || !visible || !strings.Contains(text, "line 14") || after.Hash != opened.Hash {
		t.Fatalf("bad file: importData = %q; message visible %v %q; hash changed %v", msg, visible, text, after.Hash != opened.Hash)
	}
	if msg := importData(t, tab, "<img src=x onerror=alert(1)>,1,2\n"); !strings.Contains(msg, "at least 10") {
		t.Errorf("a one-row file: %q", msg)
	}
	if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#message img").length`)); n != 0 {
		t.Error("the file's text was inserted as HTML")
	}
	// Bounded before it is read: a 2 MB string, and no string at all.
	if msg := importData(t, tab, strings.Repeat("x", 2<<20)); !strings.Contains(msg, "at most 1048576 (1 MB)") {
		t.Errorf("a 2 MB file: %q", msg)
	}
	if got, _ := chromedp.Run(tab, chromedp.Evaluate[string](`String(window.playground.importData(42))`)); !strings.Contains(got, "must be the file's text") {
		t.Errorf("importData(42) = %q", got)
	}
	if s := currentStatus(t, tab); s.Hash != opened.Hash {
		t.Fatalf("a refused file changed the experiment: %s", s.Hash)
	}

	// A good file trains: accuracy rises.
	if msg := importData(t, tab, blobsCSV(300)); msg != "" {
		t.Fatalf("importData(good) = %q", msg)
	}
	waitFor(t, tab, `document.getElementById("upload-status").textContent.includes("300 points, 3 classes; x1 mapped from")`)
	s := call(t, tab, `window.playground.step(0)`)
	if !strings.Contains(s.Hash, "&d=csv&n=300&") || !strings.Contains(s.Hash, "&k=3&") || !strings.Contains(s.Hash, "&csv=") || s.Step != 0 || s.Error != "" {
		t.Fatalf("after the import: step %d, error %q, hash %s", s.Step, s.Error, s.Hash)
	}
	start := s
	for s.Step < 3000 && (s.TestAcc == nil || *s.TestAcc < 0.9) {
		s = call(t, tab, `window.playground.step(300)`)
	}
	if s.TestAcc == nil || start.TestAcc == nil || *s.TestAcc < 0.9 || *s.TestAcc <= *start.TestAcc {
		t.Errorf("test accuracy %v at step %d, %v at step 0", orNull(s.TestAcc), s.Step, orNull(start.TestAcc))
	}
	t.Logf("uploaded 300 points, 3 classes: test accuracy %s at step 0, %s at step %d", orNull(start.TestAcc), orNull(s.TestAcc), s.Step)
	screenshot(t, tab, "csv-trained")

	// The link carries the points: a fresh tab opens the same experiment
	// with the same data (the same loss at step 0).
	tab2 := newTab(t, p.browser)
	other := open(t, tab2, p.base+"/#"+start.Hash)
	if other.Hash != start.Hash || loss(other.TrainLoss) != loss(start.TrainLoss) || other.Error != "" {
		t.Errorf("the link opened as %q with train loss %v (want %v), error %q", other.Hash, loss(other.TrainLoss), loss(start.TrainLoss), other.Error)
	}
	t.Logf("link with 300 uploaded points: %d bytes", len(start.Hash))
}

func TestUploadCSVControl(t *testing.T) {
	p := openPage(t)
	tab := p.tab
	opened := call(t, tab, `window.playground.pause()`)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// A refused file through the control: the message names the row.
	badPath := write("bad.csv", strings.Repeat("1\t2\t0.5\n", 12)+"1\t2\n")
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#upload-csv"), []string{badPath})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.getElementById("message").textContent.includes("line 13: 2 fields")`)
	if s := currentStatus(t, tab); s.Hash != opened.Hash {
		t.Errorf("a refused file changed the experiment: %s", s.Hash)
	}
	// A regression (decimal targets, tabs) through the control.
	var b strings.Builder
	b.WriteString("x\ty\theight\n")
	for i := range 200 {
		x1, x2 := float64(i%20)/4-2.5, float64(i/20)/2-2.5
		fmt.Fprintf(&b, "%g\t%g\t%g\n", x1, x2, 50+10*x1-5*x2)
	}
	goodPath := write("good.tsv", b.String())
	if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#upload-csv"), []string{goodPath})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `window.playground.status().hash.includes("&d=csvreg&n=200&")`)
	waitFor(t, tab, `document.getElementById("upload-status").textContent.includes("200 points, a regression; value mapped from")`)
	if text, visible := messageText(t, tab); visible {
		t.Errorf("a good file left the message %q", text)
	}
	start := currentStatus(t, tab)
	s := start
	for s.Step < 3000 && (s.TestRMSE == nil || *s.TestRMSE > 0.1) {
		s = call(t, tab, `window.playground.step(300)`)
	}
	if s.TestRMSE == nil || *s.TestRMSE > 0.1 {
		t.Errorf("test RMSE %s at step %d (%s at step 0)", orNull(s.TestRMSE), s.Step, orNull(start.TestRMSE))
	}
	t.Logf("uploaded regression: test RMSE %s at step 0, %s at step %d", orNull(start.TestRMSE), orNull(s.TestRMSE), s.Step)
	waitFor(t, tab, `window.playground.status().fresh`)
	screenshot(t, tab, "csv-regression")
}
