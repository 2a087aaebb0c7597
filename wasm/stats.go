//go:build js

package main

import (
	"syscall/js"
	"time"
)

// frameStats measures the Go side of each frame (training, drawing) and
// when the first frame was drawn, for window.playground.status() and the
// benchmarks.
type frameStats struct {
	ticks        int     // Update calls
	frames       int     // Draw calls that drew (unchanged frames are skipped)
	firstFrameMs float64 // performance.now() at the end of the first Draw: ms since navigation
	recentUpdate time.Duration
	recentDraw   time.Duration
	window       int // frames in the recent sums
	// longestUpdate is the longest Update (training and input) since the
	// experiment was last replaced: what a long L-BFGS step would show.
	longestUpdate time.Duration
}

// statsWindow is how many frames the averages cover.
const statsWindow = 120

func (s *frameStats) addUpdate(d time.Duration) {
	s.ticks++
	if s.window >= statsWindow {
		s.recentUpdate -= s.recentUpdate / statsWindow
		s.recentDraw -= s.recentDraw / statsWindow
	} else {
		s.window++
	}
	s.recentUpdate += d
	s.longestUpdate = max(s.longestUpdate, d)
}

func (s *frameStats) addDraw(d time.Duration) {
	s.recentDraw += d
	s.frames++
	if s.frames == 1 {
		s.firstFrameMs = js.Global().Get("performance").Call("now").Float()
	}
}

// goMsPerFrame is the average Go time of a tick (an Update and the Draw
// that follows it, if it drew) over the recent window.
func (s *frameStats) goMsPerFrame() float64 {
	if s.window == 0 {
		return 0
	}
	return float64(s.recentUpdate+s.recentDraw) / float64(s.window) / float64(time.Millisecond)
}
