//go:build !js

package session

import (
	"testing"

	"playground/ui"
)

// The latency-coded XOR preset trains to high accuracy as the page trains
// it, and its surface is the plane's: the network's answer over a grid of
// plane points, each coded as the examples are, showing XOR's quadrants.
// Numbers are printed; nothing is timed.
func TestLatencyPresetDrawsThePlane(t *testing.T) {
	spec := presetSpec(t, "xor-latency")
	if !spec.LatencyCoded() {
		t.Fatal("the preset is not latency-coded")
	}
	sess := newSession(t, spec)
	sess.Step(1500)
	m := sess.Metrics()
	t.Logf("after %d steps: test accuracy %.3f (train %.3f)", m.Step, m.TestAcc, m.TrainAcc)
	if m.TestAcc < 0.95 {
		t.Errorf("test accuracy %.3f, want at least 0.95", m.TestAcc)
	}

	const res = 24
	surf := sess.Snapshot(res).Surface
	if surf.Res != res || len(surf.Output.Values) != res*res {
		t.Fatalf("surface res %d with %d values, want a %d×%d grid of the plane", surf.Res, len(surf.Output.Values), res, res)
	}
	if got, want := len(surf.Nodes[0]), spec.Inputs(); got != want || want != 4 {
		t.Fatalf("%d input thumbnails, want %d (two spike channels per feature)", got, want)
	}
	// Away from the axes, the surface's sign is XOR's: p(1) - p(0) > 0
	// where x1·x2 > 0.
	sq := ui.Square(spec.Data.Set.Extent())
	var agree, cells, pos int
	for row := range res {
		for col := range res {
			x1, x2 := sq.GridPoint(row, col, res)
			v := surf.Output.Values[row*res+col]
			if v > 0 {
				pos++
			}
			if abs32(x1) < 1 || abs32(x2) < 1 {
				continue
			}
			cells++
			if (v > 0) == (x1*x2 > 0) {
				agree++
			}
		}
	}
	t.Logf("the surface agrees with XOR's quadrants on %d of %d cells away from the axes; %d of %d cells positive", agree, cells, pos, res*res)
	if agree < cells*9/10 {
		t.Errorf("the surface agrees with XOR on %d of %d cells, want at least 90%%", agree, cells)
	}
}
