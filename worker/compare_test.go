package worker

import (
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"playground/assets"
	"playground/embedmode"
	"playground/experiment"
)

var (
	compareFrame = regexp.MustCompile(`<iframe src="([^"]*)" height="\d+" title="([^"]*)"`)
	compareOpen  = regexp.MustCompile(`<a href="/#([^"]*)" target="_blank"`)
)

func TestCompareShowsOneTrainingEmbedPerPreset(t *testing.T) {
	h := NewHandler(nil) // as on Cloudflare: the route needs no static files
	for _, ids := range [][]string{
		{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays"},
		{"circle", "spiral"},
		{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays", "sequence-learned-delays"},
	} {
		rec := get(t, h, http.MethodGet, embedmode.CompareLink(ids), nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%v: status %d: %s", ids, rec.Code, rec.Body.String())
		}
		if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("%v: content type %q", ids, got)
		}
		if rec.Header().Get("Content-Security-Policy") != pageCSP {
			t.Errorf("%v: not the page's CSP: %q", ids, rec.Header().Get("Content-Security-Policy"))
		}
		body := rec.Body.String()
		frames := compareFrame.FindAllStringSubmatch(body, -1)
		opens := compareOpen.FindAllStringSubmatch(body, -1)
		if len(frames) != len(ids) || len(opens) != len(ids) {
			t.Fatalf("%v: %d iframes and %d playground links, want %d each:\n%s", ids, len(frames), len(opens), len(ids), body)
		}
		_, presets, err := assets.ReadCatalogs(assets.Files)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			preset, _ := presets.Find(id)
			if got := html.UnescapeString(frames[i][2]); got != preset.Title {
				t.Errorf("%s: iframe title %q, want %q", id, got, preset.Title)
			}
			if !strings.Contains(body, "<h2>"+html.EscapeString(preset.Title)+"</h2>") {
				t.Errorf("%s: no heading with the title %q", id, preset.Title)
			}
			src := html.UnescapeString(frames[i][1])
			page, hash, ok := strings.Cut(src, "#")
			if !ok || !strings.HasPrefix(page, "/?") {
				t.Fatalf("%s: iframe src %q is not the page with a hash", id, src)
			}
			if _, on, _, err := embedmode.Parse(strings.TrimPrefix(page, "/")); !on || err != nil {
				t.Errorf("%s: iframe src %q is not in embed mode (%v)", id, src, err)
			}
			got, ignored, err := experiment.DecodeHash(hash)
			if err != nil || len(ignored) > 0 {
				t.Fatalf("%s: the iframe's hash does not decode: %v %v", id, err, ignored)
			}
			want, err := assets.ReadPreset(assets.Files, id)
			if err != nil {
				t.Fatal(err)
			}
			if !got.View.Play {
				t.Errorf("%s: the embed does not start training", id)
			}
			want.View.Play = true
			if !reflect.DeepEqual(experiment.WithoutUnused(got), experiment.WithoutUnused(want)) {
				t.Errorf("%s: the iframe opens another experiment:\n got %+v\nwant %+v", id, got, want)
			}
			if html.UnescapeString(opens[i][1]) != hash {
				t.Errorf("%s: the playground link opens %q, the embed %q", id, opens[i][1], hash)
			}
		}
	}
}

// TestCompareForwardsTheKernels: kernels=scalar (or simd) on the
// comparison goes on to every embed, as it forces the body on the page.
func TestCompareForwardsTheKernels(t *testing.T) {
	h := NewHandler(nil)
	ids := []string{"circle", "spiral"}
	for _, body := range append([]string{""}, embedmode.KernelBodies...) {
		link := embedmode.CompareLink(ids)
		if body != "" {
			link += "&" + embedmode.KernelsKey + "=" + body
		}
		rec := get(t, h, http.MethodGet, link, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", link, rec.Code, rec.Body.String())
		}
		frames := compareFrame.FindAllStringSubmatch(rec.Body.String(), -1)
		if len(frames) != len(ids) {
			t.Fatalf("%s: %d iframes", link, len(frames))
		}
		for _, f := range frames {
			page, _, _ := strings.Cut(html.UnescapeString(f[1]), "#")
			u, err := url.Parse(page)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Query().Get(embedmode.KernelsKey); got != body {
				t.Errorf("%s: an embed's address %q asks for kernels %q, want %q", link, page, got, body)
			}
		}
	}
}

func TestCompareRefusesBadPresetLists(t *testing.T) {
	h := NewHandler(nil)
	for _, tc := range []struct{ query, reason string }{
		{"", "name the presets"},
		{"?presets=", "presets is empty"},
		{"?presets=circle", "1 preset is named"},
		{"?presets=circle,spiral,xor-hidden,gauss-linear,plane-regression", "5 presets are named"},
		{"?presets=circle,circle", "named twice"},
		{"?presets=circle,no-such-preset", "no preset &#34;no-such-preset&#34;"},
		{"?presets=circle,Spiral", "is not a preset id"},
		{"?presets=circle,,spiral", "&#34;&#34; is not a preset id"},
		{"?presets=circle,%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;"},
		{"?presets=circle,spiral&presets=xor-hidden,circle", "given 2 times"},
		{"?presets=circle,spiral&embed=1", "unknown parameter"},
		{"?presets=circle,spiral&x", "cannot be read"},
		{"?presets=%zz", "cannot be read"},
		{"?presets=" + strings.Repeat("a", 600), "bytes long"},
		{"?presets=circle,spiral&kernels=fast", "kernels is given as &#34;fast&#34;"},
		{"?presets=circle,spiral&kernels=simd&kernels=scalar", "give it once"},
	} {
		rec := get(t, h, http.MethodGet, comparePath+tc.query, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%q: status %d, want 400", tc.query, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("%q: content type %q", tc.query, got)
		}
		if !strings.Contains(strings.ToLower(body), strings.ToLower(tc.reason)) {
			t.Errorf("%q: the page does not say %q:\n%s", tc.query, tc.reason, body)
		}
		if strings.Contains(body, "<iframe") || strings.Contains(body, "<script") {
			t.Errorf("%q: the error page holds an iframe or a script:\n%s", tc.query, body)
		}
	}
	rec := get(t, h, http.MethodPost, embedmode.CompareLink([]string{"circle", "spiral"}), nil)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: status %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}
