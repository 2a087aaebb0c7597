//go:build !js

package main

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// presetRates measures training speed in the page for each preset of the
// core issue, against the default experiment measured in the same run,
// and the longest frame's training slice while L-BFGS runs on the largest
// full batch the limits allow.
func presetRates(browser context.Context, base string, ticks int) {
	type rate struct {
		name        string
		stepsPerSec float64
		longestMs   float64
	}
	measure := func(name, open string) rate {
		ctx, done := openExperiment(browser, base, open)
		defer done()
		type sample struct {
			Step  float64 `json:"step"`
			Ticks float64 `json:"ticks"`
			Now   float64 `json:"now"`
			Long  float64 `json:"longestUpdateMs"`
			Error string  `json:"error"`
		}
		read := func() sample {
			s, err := chromedp.Run(ctx, chromedp.Evaluate[sample](`(() => { window.playground.play(); const s = window.playground.status(); return {step: s.step, ticks: s.ticks, now: performance.now(), longestUpdateMs: s.longestUpdateMs, error: s.error}; })()`))
			if err != nil {
				log.Fatalf("bench: %s: %v", name, err)
			}
			return s
		}
		start := read()
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.playground.status().ticks >= %v`, start.Ticks+float64(ticks)),
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(4*time.Minute))); err != nil {
			log.Fatalf("bench: %s: %v", name, err)
		}
		end := read()
		if end.Error != "" && !strings.Contains(end.Error, "converged") {
			log.Printf("bench: %s: %s", name, end.Error)
		}
		return rate{name, (end.Step - start.Step) / (end.Now - start.Now) * 1000, end.Long}
	}
	def := measure("default experiment (circle, 2-4-2-2, batch 10)", "")
	rows := []rate{
		measure("expsin-lbfgs (L-BFGS iterations, 1000 points)", `window.playground.open("expsin-lbfgs")`),
		measure("lowrank-spiral (batch 10)", `window.playground.open("lowrank-spiral")`),
		measure("grokking-modadd (full batch)", `window.playground.open("grokking-modadd")`),
		measure("kan-expsin (KAN[2,5,1], L-BFGS iterations, 1000 points)", `window.playground.open("kan-expsin")`),
		measure("kan-2551-expsin (KAN[2,5,5,1] G=5, L-BFGS iterations, 1000 points)", `window.playground.open("kan-2551-expsin")`),
	}
	// L-BFGS on the spiral with 2-64-64-2 on 1000 training points: 4,482
	// parameters times 1,000 rows, about half the step-work limit.
	heavy := `window.playground.load(window.playground.status().hash.replace("d=circle", "d=spiral").replace("n=500", "n=2000").replace("l=dense:4:tanh,dense:2:tanh", "l=dense:64:tanh,dense:64:tanh") + "&rule=lbfgs")`
	lb := measure("L-BFGS, spiral 2-64-64-2 on 1000 points", heavy)

	fmt.Println()
	fmt.Println("| training speed in the page, headless Chromium, while drawing | steps/s | ratio to the default experiment |")
	fmt.Println("|---|---|---|")
	fmt.Printf("| %s | %.0f | 1 |\n", def.name, def.stepsPerSec)
	for _, r := range append(rows, lb) {
		fmt.Printf("| %s | %.0f | %.3f |\n", r.name, r.stepsPerSec, r.stepsPerSec/def.stepsPerSec)
	}
	fmt.Println()
	fmt.Println("| longest training slice of one frame (budget 6 ms) | ms |")
	fmt.Println("|---|---|")
	fmt.Printf("| default experiment | %.1f |\n", def.longestMs)
	fmt.Printf("| %s | %.1f |\n", lb.name, lb.longestMs)
}

// openExperiment opens the page in a new tab, waits for its first frame,
// runs open, a window.playground call that opens an experiment (open(id)
// or load(hash); "" keeps the default), and sets the pace to "max".
// done closes the tab.
func openExperiment(browser context.Context, base, open string) (ctx context.Context, done func()) {
	tab, cancel := chromedp.NewContext(browser)
	ctx, cancelT := context.WithTimeout(tab, 5*time.Minute)
	done = func() { cancelT(); cancel() }
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"),
		chromedp.Poll[chromedp.Void](`window.playground && window.playground.status().frames > 0 && window.playground.status().panel`)); err != nil {
		log.Fatalf("bench: %v", err)
	}
	if open != "" {
		// open() settles to null, load() returns it: both mean success.
		js := `Promise.resolve(` + open + `).then(r => r === null ? "" : String(r))`
		msg, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil || msg != "" {
			log.Fatalf("bench: %s: %q %v", open, msg, err)
		}
	}
	// Benchmarks train as fast as the page goes, not at the default pace.
	const maxPace = `window.playground.load(window.playground.status().hash.replace(/&speed=\d+/, "") + "&speed=0")`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](maxPace)); err != nil {
		log.Fatalf("bench: setting the pace: %v", err)
	}
	return ctx, done
}
