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
	// lastPicture is the Go time of the last picture over all the frames
	// it took, lastViews the part spent drawing the views into pixels
	// once the snapshot was ready.
	lastPicture, lastViews time.Duration
}

// statsWindow is how many frames the averages cover.
const statsWindow = 120

func (s *frameStats) addUpdate(d time.Duration) {
	s.ticks++
	if s.ticks == 1 {
		markStartup("first-update")
	}
	if s.window >= statsWindow {
		s.recentUpdate -= s.recentUpdate / statsWindow
		s.recentDraw -= s.recentDraw / statsWindow
	} else {
		s.window++
	}
	s.recentUpdate += d
	s.longestUpdate = max(s.longestUpdate, d)
}

// addSlice counts a frame that prepared part of a picture but drew none,
// or drew only the spiking playback.
func (s *frameStats) addSlice(d time.Duration) { s.recentDraw += d }

// addDraw counts a drawn picture: d is this frame's Draw, picture the
// whole picture's Go time over its frames, views the part that drew.
func (s *frameStats) addDraw(d, picture, views time.Duration) {
	s.lastPicture, s.lastViews = picture, views
	s.recentDraw += d
	s.frames++
	if s.frames == 1 {
		markStartup("first-frame")
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
