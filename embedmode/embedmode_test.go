package embedmode

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		query   string
		on      bool
		want    []Control
		skipped []string
	}{
		{"", false, nil, nil},
		{"kernels=scalar", false, nil, nil},
		{"embed=0&controls=play", false, nil, nil},
		{"embed=1", true, DefaultControls, nil},
		{"?embed=1", true, DefaultControls, nil},
		{"embed=1&embed=0", true, DefaultControls, nil},
		{"embed=1&controls=", true, []Control{}, nil},
		{"embed=1&controls=layers,play,play,,speed", true, []Control{Play, Speed, Layers}, nil},
		{"embed=1&controls=play%2Creset", true, []Control{Play, Reset}, nil},
		{"embed=1&controls=play,fly,<b>", true, []Control{Play}, []string{`"fly"`, `"<b>"`}},
	} {
		opts, on, skipped, err := Parse(c.query)
		if err != nil || on != c.on || !reflect.DeepEqual(skipped, c.skipped) {
			t.Errorf("%q: on %v, skipped %q, err %v", c.query, on, skipped, err)
			continue
		}
		if c.on && !reflect.DeepEqual(opts.Controls, c.want) {
			t.Errorf("%q: controls %v, want %v", c.query, opts.Controls, c.want)
		}
	}
	if _, on, _, err := Parse("embed=1&controls=%zz"); err == nil || on {
		t.Errorf("a malformed query: on %v, err %v", on, err)
	}
}

// TestParseBoundsWhatItReports: a hostile controls list is read only so
// far, and what the page says about it stays short.
func TestParseBoundsWhatItReports(t *testing.T) {
	long := "embed=1&controls=" + strings.Repeat(strings.Repeat("x", 1000)+",", 1000) + "play"
	opts, on, skipped, err := Parse(long)
	if err != nil || !on || len(skipped) > maxSkippedShown+1 {
		t.Fatalf("on %v, %d skipped, err %v", on, len(skipped), err)
	}
	if len(opts.Controls) != 0 {
		t.Errorf("controls %v past the %d names read", opts.Controls, maxNamed)
	}
	for _, s := range skipped {
		if len(s) > 40 {
			t.Errorf("a skipped name %d bytes long is reported", len(s))
		}
	}
}

func TestQueryRoundTrips(t *testing.T) {
	for _, cs := range [][]Control{nil, {Play}, Controls(), {Layers, Play}} {
		opts := NewOptions(cs...)
		got, on, skipped, err := Parse(Query(opts))
		if err != nil || !on || skipped != nil || !reflect.DeepEqual(got.Controls, opts.Controls) {
			t.Errorf("%v: %q reads back as %v (on %v, skipped %v, err %v)", cs, Query(opts), got.Controls, on, skipped, err)
		}
	}
}

func TestURL(t *testing.T) {
	opts := NewOptions(Play, Speed)
	for link, want := range map[string]string{
		"https://p.example/#v=2&d=xor":        "https://p.example/?embed=1&controls=play,speed#v=2&d=xor",
		"https://p.example/?kernels=scalar#v": "https://p.example/?embed=1&controls=play,speed#v",
		"https://p.example/":                  "https://p.example/?embed=1&controls=play,speed",
	} {
		if got := URL(link, opts); got != want {
			t.Errorf("URL(%q) = %q, want %q", link, got, want)
		}
	}
}

func TestWithMode(t *testing.T) {
	for q, want := range map[string]string{
		"":                      "embed=1",
		"kernels=scalar":        "embed=1&kernels=scalar",
		"embed=1&controls=data": "embed=1&controls=data",
		"embed=0":               "embed=1&embed=0",
		"controls=play&embed=1": "controls=play&embed=1",
	} {
		if got := WithMode(q); got != want {
			t.Errorf("WithMode(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestSnippetEscapes(t *testing.T) {
	got := Snippet(`https://p.example/?embed=1&controls=play#v=2&d="x"`, `a <b> "c"`, 600, 400)
	want := `<iframe src="https://p.example/?embed=1&amp;controls=play#v=2&amp;d=&#34;x&#34;" width="600" height="400" ` +
		`title="a &lt;b&gt; &#34;c&#34;" loading="lazy" allow="clipboard-write" referrerpolicy="strict-origin-when-cross-origin" ` +
		`style="border:0;max-width:100%"></iframe>`
	if got != want {
		t.Errorf("snippet\n%s\nwant\n%s", got, want)
	}
}

func TestLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Controls() {
		if c.Label() == string(c) || seen[c.Label()] {
			t.Errorf("control %q has no label of its own", c)
		}
		seen[c.Label()] = true
	}
}
