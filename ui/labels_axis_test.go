package ui

import (
	"image"
	"testing"
)

func TestAxisLabels(t *testing.T) {
	body := image.Rect(100, 50, 400, 170)
	top := YAxisTop(nil, body, "0.8")
	if len(top) != 1 || !image.Pt(top[0].X, top[0].Y).In(body) {
		t.Errorf("y-axis top label %+v outside %v", top, body)
	}
	labels := LogStepLabels(nil, body, 0, 12000)
	var texts []string
	right := 0
	for _, l := range labels {
		texts = append(texts, l.Text)
		if l.X < right || l.X < body.Min.X || l.X+GlyphWidth*len(l.Text) > body.Max.X || l.Y+GlyphHeight > body.Max.Y {
			t.Errorf("label %+v overlaps the one before or leaves %v", l, body)
		}
		right = l.X + GlyphWidth*len(l.Text)
	}
	t.Logf("decades on a 0..12000 axis: %v", texts)
	if len(texts) < 4 || texts[0] != "1" || texts[len(texts)-1] != "10k" {
		t.Errorf("decades %v, want 1 ... 10k", texts)
	}
	// A narrow chart keeps only labels that fit apart.
	narrow := LogStepLabels(nil, image.Rect(0, 0, 40, 60), 0, 1_000_000)
	for i := 1; i < len(narrow); i++ {
		if narrow[i].X < narrow[i-1].X+GlyphWidth*len(narrow[i-1].Text)+GlyphWidth {
			t.Errorf("narrow chart: labels %+v and %+v overlap", narrow[i-1], narrow[i])
		}
	}
	for step, want := range map[int]string{1: "1", 100: "100", 1000: "1k", 100000: "100k", 1000000: "1M"} {
		if got := stepText(step); got != want {
			t.Errorf("stepText(%d) = %q, want %q", step, got, want)
		}
	}
}
