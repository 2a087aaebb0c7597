//go:build !js

// The corpus was recorded with the pure-Go kernel bodies; the WebAssembly
// bodies may round differently, so this test runs natively only.

package session

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"strings"
	"testing"

	"playground/experiment"
)

// TestV1LinksTrainAsBefore opens every link of a corpus written by the page
// before hash version 2 (every data set, clicked and removed points, every
// optimizer, schedule and penalty) and checks that 40 steps give exactly,
// bit for bit, the losses and weights they gave then.
func TestV1LinksTrainAsBefore(t *testing.T) {
	f, err := os.Open("testdata/v1_links.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	checked := 0
	for lines.Scan() {
		line := lines.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		link, want, _ := strings.Cut(line, "\t")
		spec, ignored, err := experiment.DecodeHash(link)
		if err != nil || len(ignored) > 0 {
			t.Errorf("%s: %v (ignored %v)", link, err, ignored)
			continue
		}
		sess, err := New(spec)
		if err != nil {
			t.Errorf("%s: %v", link, err)
			continue
		}
		n := sess.Step(40)
		m := sess.Metrics()
		h := fnv.New64a()
		for _, v := range sess.Network().CopyParams(nil) {
			bits := math.Float32bits(v)
			h.Write([]byte{byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24)})
		}
		got := fmt.Sprintf("%d\t%08x\t%08x\t%016x", n, math.Float32bits(m.TrainLoss), math.Float32bits(m.TestLoss), h.Sum64())
		if got != want {
			t.Errorf("%s\n got %s\nwant %s", link, got, want)
		}
		checked++
	}
	if checked < 60 {
		t.Errorf("only %d links checked", checked)
	}
}
