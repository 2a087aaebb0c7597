package catalog

import (
	"strings"
	"testing"
)

const fixturePapers = `{"version": 1, "papers": [
  {"id": "tiny-kan", "title": "A tiny KAN", "date": "2024-04-30", "authors": 3,
   "code": "https://github.com/example/kan", "tags": ["kan", "interpretability"],
   "summary": "Splines on edges.", "demo": "preset", "presets": ["kan-demo"]},
  {"id": "big-llm", "title": "A big model", "date": "2025-01-02", "authors": 120,
   "tags": ["language-model"], "summary": "Too big for a tab.", "demo": "none", "presets": [],
   "reason": "Needs billions of parameters."}
]}`

const fixturePresets = `{"version": 1, "presets": [
  {"id": "circle", "title": "Two circles", "summary": "The default.", "group": "classic", "papers": []},
  {"id": "kan-demo", "title": "KAN", "summary": "Splines.", "group": "paper", "papers": ["tiny-kan"]}
]}`

func TestDecodesFixtures(t *testing.T) {
	papers, err := DecodePapers([]byte(fixturePapers))
	if err != nil {
		t.Fatal(err)
	}
	presets, err := DecodePresets([]byte(fixturePresets))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckLinks(papers, presets); err != nil {
		t.Fatal(err)
	}
	if got := papers.WithTag("kan"); len(got) != 1 || got[0].ID != "tiny-kan" {
		t.Errorf("WithTag(kan) = %v", got)
	}
	if got := papers.WithTag("vision"); got == nil || len(got) != 0 {
		t.Errorf("WithTag(vision) = %#v, want an empty non-nil list", got)
	}
	if p, ok := papers.Find("big-llm"); !ok || p.Authors != 120 || p.Presets == nil {
		t.Errorf("Find(big-llm) = %+v, %v", p, ok)
	}
	if _, ok := presets.Find("nope"); ok {
		t.Error("Find(nope) found something")
	}
}

// TestRefusesBadPapers breaks the fixture one way at a time: each must be
// refused with a message naming what is wrong.
func TestRefusesBadPapers(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{`"version": 1`, `"version": 2`, "version 2"},
		{`"id": "tiny-kan"`, `"id": "Tiny_KAN"`, "kebab"},
		{`"id": "big-llm"`, `"id": "tiny-kan"`, "more than once"},
		{`"title": "A tiny KAN"`, `"title": " "`, "title"},
		{`"date": "2024-04-30"`, `"date": "2024-13-30"`, "date"},
		{`"date": "2024-04-30"`, `"date": "30.04.2024"`, "date"},
		{`"authors": 3`, `"authors": 0`, "authors"},
		{`"code": "https://github.com/example/kan"`, `"code": "javascript:alert(1)"`, "https URL"},
		{`"tags": ["kan", "interpretability"]`, `"tags": []`, "tags"},
		{`"tags": ["kan", "interpretability"]`, `"tags": ["kan", "Bad Tag"]`, "tag"},
		{`"summary": "Splines on edges."`, `"summary": "` + strings.Repeat("word ", 61) + `"`, "summary"},
		{`"summary": "Splines on edges."`, `"summary": ""`, "summary"},
		{`"demo": "preset"`, `"demo": "maybe"`, "demo"},
		{`"demo": "preset"`, `"demo": "none"`, "demo must be"},
		{`"demo": "none", "presets": []`, `"demo": "preset", "presets": []`, "no presets are listed"},
		{`"reason": "Needs billions of parameters."`, `"reason": ""`, "reason is required"},
		{`"presets": ["kan-demo"]`, `"presets": ["../x"]`, "preset id"},
		{`"authors": 3,`, `"authors": 3, "author": 3,`, "unknown field"},
		{`"authors": 3`, `"authors": "3"`, "cannot unmarshal"},
		{"\n]}", "\n]} {}", "after the top-level object"},
	} {
		if !strings.Contains(fixturePapers, tc.old) {
			t.Fatalf("fixture lacks %q", tc.old)
		}
		bad := strings.Replace(fixturePapers, tc.old, tc.new, 1)
		_, err := DecodePapers([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: error %v, want one mentioning %q", tc.old, tc.new, err, tc.want)
		}
	}
}

func TestRefusesBadPresets(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{`"id": "circle"`, `"id": "index"`, "index"},
		{`"id": "circle"`, `"id": "kan-demo"`, "more than once"},
		{`"title": "Two circles"`, `"title": ""`, "title"},
		{`"group": "classic"`, `"group": "other"`, "group"},
		{`"group": "paper", "papers": ["tiny-kan"]`, `"group": "paper", "papers": []`, "needs the ids"},
		{`"papers": ["tiny-kan"]`, `"papers": ["%2e%2e"]`, "paper id"},
		{`"version": 1,`, `"version": 1, "extra": 1,`, "unknown field"},
	} {
		bad := strings.Replace(fixturePresets, tc.old, tc.new, 1)
		_, err := DecodePresets([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: error %v, want one mentioning %q", tc.old, tc.new, err, tc.want)
		}
	}
}

func TestRefusesOversizedFiles(t *testing.T) {
	big := []byte(`{"version": 1, "papers": [], "x": "` + strings.Repeat("a", MaxFileLen) + `"}`)
	if _, err := DecodePapers(big); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("oversized file: %v", err)
	}
}

func TestCheckLinksBothWays(t *testing.T) {
	papers, _ := DecodePapers([]byte(fixturePapers))
	presets, _ := DecodePresets([]byte(fixturePresets))
	for name, mutate := range map[string]func(*Papers, *Presets){
		"paper names a missing preset": func(pa *Papers, _ *Presets) { pa.Papers[0].Presets = []string{"missing"} },
		"preset names a missing paper": func(_ *Papers, pr *Presets) { pr.Presets[1].Papers = []string{"missing"} },
		"preset does not name back":    func(_ *Papers, pr *Presets) { pr.Presets[1].Papers = []string{"big-llm"} },
		"paper does not list back":     func(pa *Papers, _ *Presets) { pa.Papers[0].Presets = []string{"circle"} },
	} {
		pa := Papers{Version: 1, Papers: append([]Paper(nil), papers.Papers...)}
		pr := Presets{Version: 1, Presets: append([]Preset(nil), presets.Presets...)}
		mutate(&pa, &pr)
		if err := CheckLinks(pa, pr); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestIDs(t *testing.T) {
	for _, ok := range []string{"a", "kan-2024", "x1-y2-z3", strings.Repeat("a", MaxIDLen)} {
		if !IsID(ok) {
			t.Errorf("IsID(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", "-a", "a-", "a--b", "A", "a_b", "a.b", "..", "%2e", "a/b", "é", strings.Repeat("a", MaxIDLen+1)} {
		if IsID(bad) {
			t.Errorf("IsID(%q) = true", bad)
		}
	}
	if IsTag(strings.Repeat("a", MaxTagLen+1)) {
		t.Error("an overlong tag passed")
	}
}
