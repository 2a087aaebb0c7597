package panel

import (
	"reflect"
	"testing"

	"playground/assets"
	"playground/assets/catalog"
)

func TestComparisonsOfEachPaper(t *testing.T) {
	papers, presets, err := assets.ReadCatalogs(assets.Files)
	if err != nil {
		t.Fatal(err)
	}
	of := func(id string) []comparison {
		paper, ok := papers.Find(id)
		if !ok {
			t.Fatalf("no paper %q", id)
		}
		var list []catalog.Preset
		for _, pid := range paper.Presets {
			p, _ := presets.Find(pid)
			list = append(list, p)
		}
		return comparisons(list)
	}
	// Five presets: the three interval ones are variants of one experiment.
	want := []comparison{{"Compare side by side: Spike interval", "/compare?presets=interval-no-delays,interval-fixed-delays,interval-learned-delays"}}
	if got := of("snn-learnable-delays"); !reflect.DeepEqual(got, want) {
		t.Errorf("DCLS: %+v, want %+v", got, want)
	}
	// Two presets: compared as they are.
	want = []comparison{{"Compare side by side", "/compare?presets=kan-select,kan-vs-mlp"}}
	if got := of("s-kan"); !reflect.DeepEqual(got, want) {
		t.Errorf("S-KAN: %+v, want %+v", got, want)
	}
	// One preset: nothing to compare.
	if got := of("grokking-li2"); len(got) != 0 {
		t.Errorf("grokking: %+v, want none", got)
	}
}

func TestComparisonsSkipGroupsTooSmallOrLarge(t *testing.T) {
	p := func(id, title string) catalog.Preset { return catalog.Preset{ID: id, Title: title} }
	five := []catalog.Preset{p("a1", "A, one"), p("b1", "B, one"), p("a2", "A, two"), p("c", "C alone"), p("b2", "B, two")}
	want := []comparison{{"Compare side by side: A", "/compare?presets=a1,a2"}, {"Compare side by side: B", "/compare?presets=b1,b2"}}
	if got := comparisons(five); !reflect.DeepEqual(got, want) {
		t.Errorf("%+v, want %+v", got, want)
	}
	many := []catalog.Preset{p("x1", "X, 1"), p("x2", "X, 2"), p("x3", "X, 3"), p("x4", "X, 4"), p("x5", "X, 5")}
	if got := comparisons(many); len(got) != 0 {
		t.Errorf("five variants of one subject: %+v, want none (more than fit)", got)
	}
}
