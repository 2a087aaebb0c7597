package worker

import (
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"

	"playground/assets"
	"playground/assets/catalog"
	"playground/embedmode"
	"playground/experiment"
)

// The side-by-side page (embedmode.ComparePath) and its bounds.
const (
	comparePath       = embedmode.ComparePath
	minComparePresets = embedmode.MinCompared
	maxComparePresets = embedmode.MaxCompared
)

// maxCompareQueryLength bounds the query: four ids of catalog.MaxIDLen,
// escaped, and the key.
const maxCompareQueryLength = 512

// compareEmbedHeight is each embed's height in CSS pixels; its width is
// the grid column's.
const compareEmbedHeight = embedmode.DefaultHeight

// comparedPreset is one column of the comparison.
type comparedPreset struct {
	title string
	hash  string // the experiment with autoplay, without '#'
}

// serveCompare answers
//
//	GET /compare?presets=<id>,<id>[,<id>[,<id>]][&kernels=simd|scalar]
//
// with an HTML page holding one embed (an iframe of the page in embed
// mode) per preset, titled with the preset's title, in a grid that
// wraps to one column on narrow screens; every embed's experiment asks to
// play on opening, so they all train at once (each while seen, see
// docs/DESIGN.md's embed mode). kernels passes the page's choice of the
// kernels' body on to every embed, as it forces it on the page. Fewer
// than two or more than four ids, an id that is malformed, unknown or
// repeated, a kernels value other than those, or any other parameter is
// a 400 page saying why.
func (h *Handler) serveCompare(w http.ResponseWriter, r *http.Request) {
	setPageHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeComparePage(w, http.StatusMethodNotAllowed, "Method not allowed", errorBody(fmt.Sprintf("Method %s is not allowed; use GET", r.Method)))
		return
	}
	ids, kernels, err := compareQuery(r.URL.RawQuery)
	if err != nil {
		writeComparePage(w, http.StatusBadRequest, "Cannot compare these presets", errorBody(err.Error()))
		return
	}
	if err := h.api.load(); err != nil {
		writeComparePage(w, http.StatusInternalServerError, "The catalog cannot be read", errorBody(err.Error()))
		return
	}
	compared := make([]comparedPreset, len(ids))
	for i, id := range ids {
		preset, ok := h.api.presets.Find(id)
		if !ok {
			writeComparePage(w, http.StatusBadRequest, "Cannot compare these presets",
				errorBody(fmt.Sprintf("There is no preset %q. The presets are listed at /api/presets", id)))
			return
		}
		spec, err := assets.ReadPreset(h.api.data, id)
		if err != nil {
			writeComparePage(w, http.StatusInternalServerError, "A preset cannot be read",
				errorBody(fmt.Sprintf("Preset %q is indexed but cannot be read: %v", id, err)))
			return
		}
		spec.View.Play = true
		compared[i] = comparedPreset{title: preset.Title, hash: experiment.EncodeHash(spec)}
	}
	w.Header().Set("Cache-Control", apiCacheControl)
	writeComparePage(w, http.StatusOK, compareTitle(compared), compareBody(compared, kernels))
}

// compareQuery reads the query: the preset ids, and the kernels' body
// the embeds are to use ("" for the browser's choice); its errors say
// what is wrong.
func compareQuery(rawQuery string) (ids []string, kernels string, err error) {
	if len(rawQuery) > maxCompareQueryLength {
		return nil, "", fmt.Errorf("the query is %d bytes long; at most %d are read", len(rawQuery), maxCompareQueryLength)
	}
	query, err := parseQuery(rawQuery)
	if err != nil {
		return nil, "", fmt.Errorf("the query cannot be read: %v", err)
	}
	for key := range query {
		if key != "presets" && key != embedmode.KernelsKey {
			return nil, "", fmt.Errorf("unknown parameter %q: /compare takes presets=a,b,c and optionally %s=%s", truncate(key, 40), embedmode.KernelsKey, strings.Join(embedmode.KernelBodies, "|"))
		}
	}
	if k, given := query[embedmode.KernelsKey]; given {
		if len(k) != 1 || !slices.Contains(embedmode.KernelBodies, k[0]) {
			return nil, "", fmt.Errorf("%s is given as %q: give it once, as one of %s", embedmode.KernelsKey, truncate(strings.Join(k, ","), 40), strings.Join(embedmode.KernelBodies, ", "))
		}
		kernels = k[0]
	}
	ids, err = compareIDs(query["presets"])
	return ids, kernels, err
}

// compareIDs reads the presets parameter's values.
func compareIDs(values []string) ([]string, error) {
	switch len(values) {
	case 0:
		return nil, fmt.Errorf("name the presets to compare: /compare?presets=a,b (%d to %d ids)", minComparePresets, maxComparePresets)
	case 1:
		if values[0] == "" {
			return nil, fmt.Errorf("presets is empty: name %d to %d preset ids, separated by commas", minComparePresets, maxComparePresets)
		}
	default:
		return nil, fmt.Errorf("presets is given %d times; give it once, its ids separated by commas", len(values))
	}
	ids := strings.Split(values[0], ",")
	if len(ids) < minComparePresets || len(ids) > maxComparePresets {
		named := fmt.Sprintf("%d presets are named", len(ids))
		if len(ids) == 1 {
			named = "1 preset is named"
		}
		return nil, fmt.Errorf("%s: a comparison shows %d to %d", named, minComparePresets, maxComparePresets)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		switch {
		case !catalog.IsID(id):
			return nil, fmt.Errorf("%q is not a preset id: ids are lowercase letters and digits joined by single hyphens, at most %d characters", truncate(id, 80), catalog.MaxIDLen)
		case seen[id]:
			return nil, fmt.Errorf("preset %q is named twice: compare different presets", id)
		}
		seen[id] = true
	}
	return ids, nil
}

// compareStyle lays the embeds out: as many columns of at least 320 px
// as fit (one on a phone), each embed filling its column.
const compareStyle = `body{margin:0;padding:16px;font:15px/1.4 system-ui,sans-serif;color:#222;background:#f6f6f3}
h1{font-size:20px;margin:0 0 12px}
.compare-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.compare-item{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}
.compare-item h2{font-size:16px;margin:0 0 6px}
.compare-item iframe{display:block;width:100%;border:0}
.compare-item a,.back{font-size:13px}
.error{max-width:640px}`

func compareTitle(compared []comparedPreset) string {
	titles := make([]string, len(compared))
	for i, c := range compared {
		titles[i] = c.title
	}
	return "Compare: " + strings.Join(titles, " · ")
}

// compareBody is the grid of embeds, every value HTML-escaped; kernels,
// when set, is the kernels' body each embed is told to use.
func compareBody(compared []comparedPreset, kernels string) string {
	var b strings.Builder
	b.WriteString(`<p class="back"><a href="/">Neural playground</a></p><h1>Side by side</h1><div class="compare-grid">`)
	query := embedmode.WithMode("")
	if kernels != "" {
		query += "&" + embedmode.KernelsKey + "=" + kernels
	}
	for _, c := range compared {
		src := query + "#" + c.hash
		title := html.EscapeString(c.title)
		fmt.Fprintf(&b, `<figure class="compare-item"><h2>%s</h2>`+
			`<iframe src="/?%s" height="%d" title="%s" allow="clipboard-write"></iframe>`+
			`<a href="/#%s" target="_blank" rel="noopener">Open “%s” in the full playground</a></figure>`,
			title, html.EscapeString(src), compareEmbedHeight, title, html.EscapeString(c.hash), title)
	}
	b.WriteString(`</div>`)
	return b.String()
}

// errorBody is an error page's body: the reason (HTML-escaped) and a way
// back.
func errorBody(reason string) string {
	if reason != "" && reason[0] >= 'a' && reason[0] <= 'z' {
		reason = strings.ToUpper(reason[:1]) + reason[1:]
	}
	return `<div class="error"><h1>Cannot show this comparison</h1><p>` + html.EscapeString(reason) +
		`.</p><p>For example: <a href="` + html.EscapeString(embedmode.CompareLink([]string{"interval-no-delays", "interval-fixed-delays", "interval-learned-delays"})) +
		`">no, fixed and learned delays</a>. <a href="/">Back to the playground</a>.</p></div>`
}

// writeComparePage answers an HTML page with this title (escaped here)
// and body (already HTML).
func writeComparePage(w http.ResponseWriter, status int, title, body string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status != http.StatusOK {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8">`+
		`<meta name="viewport" content="width=device-width,initial-scale=1"><title>%s</title><style>%s</style></head><body>%s</body></html>`,
		html.EscapeString(title), compareStyle, body)
}
