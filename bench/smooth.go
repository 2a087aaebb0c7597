//go:build !js

package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/chromedp/chromedp"
)

// smoothness trains the default experiment and the largest network the
// limits allow (2-256-256-128-2, batch 10, 99,714 parameters) for a number
// of ticks each and reports pictures drawn per second and the page's long
// tasks (the Long Tasks API: main-thread tasks over 50 ms) meanwhile.
func smoothness(browser context.Context, base string, ticks int) {
	type result struct {
		name             string
		picturesPerSec   float64
		longTasks        int
		longestTaskMs    float64
		goMsPerTick      float64
		ticksPerSecDrawn float64
		pictureMs        float64
		viewsMs          float64
	}
	measure := func(name, open string) result {
		ctx, done := openExperiment(browser, base, open)
		defer done()
		type sample struct {
			Frames, Ticks float64
			Now           float64
			Long          int
			LongestMs     float64
			GoMs          float64
			PictureMs     float64
			ViewsMs       float64
		}
		// Long tasks from now on: the observer sees tasks after it starts.
		const observe = `window.__long = {n: 0, max: 0}; new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__long.n++; window.__long.max = Math.max(window.__long.max, e.duration); } }).observe({type: "longtask"}); window.playground.play();`
		read := `(() => { const s = window.playground.status(); return {Frames: s.frames, Ticks: s.ticks, Now: performance.now(), Long: window.__long.n, LongestMs: window.__long.max, GoMs: s.goMsPerFrame, PictureMs: s.pictureMs, ViewsMs: s.viewsMs}; })()`
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](observe)); err != nil {
			log.Fatalf("bench: %s: %v", name, err)
		}
		start, err := chromedp.Run(ctx, chromedp.Evaluate[sample](read))
		if err == nil {
			err = chromedp.Do(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.playground.status().ticks >= %v`, start.Ticks+float64(ticks)),
				chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(4*time.Minute)))
		}
		var end sample
		if err == nil {
			end, err = chromedp.Run(ctx, chromedp.Evaluate[sample](read))
		}
		if err != nil {
			log.Fatalf("bench: %s: %v", name, err)
		}
		secs := (end.Now - start.Now) / 1000
		return result{name, (end.Frames - start.Frames) / secs, end.Long, end.LongestMs, end.GoMs, (end.Ticks - start.Ticks) / secs, end.PictureMs, end.ViewsMs}
	}
	rows := []result{
		measure("default experiment", ""),
		measure("largest network (2-256-256-128-2, batch 10)",
			`window.playground.load(window.playground.status().hash.replace("l=dense:4:tanh,dense:2:tanh", "l=dense:256:tanh,dense:256:tanh,dense:128:tanh"))`),
	}
	fmt.Println()
	fmt.Println("| while training, headless Chromium | pictures/s | ticks/s | Go ms a tick | last picture: Go ms (drawing the views) | long tasks (> 50 ms) | longest task |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Printf("| %s | %.1f | %.1f | %.1f | %.0f (%.0f) | %d | %.0f ms |\n", r.name, r.picturesPerSec, r.ticksPerSecDrawn, r.goMsPerTick, r.pictureMs, r.viewsMs, r.longTasks, r.longestTaskMs)
	}
}
