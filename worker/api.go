package worker

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"playground/assets"
	"playground/assets/catalog"
)

// apiPrefix starts every Go route.
const apiPrefix = "/api/"

// apiCacheControl lets browsers and the edge keep an answer for five
// minutes; after that the ETag makes revalidation cheap.
const apiCacheControl = "public, max-age=300"

// maxQueryLength caps a query string: the only parameter is a short tag.
const maxQueryLength = 128

func isAPIPath(p string) bool { return p == "/api" || strings.HasPrefix(p, apiPrefix) }

// api answers the /api/ routes from the catalogs in data (laid out as in
// package assets). The catalogs are read on first use: on Cloudflare
// every request starts a fresh Go instance, so nothing is read that the
// request does not need.
type api struct {
	data fs.FS

	once    sync.Once
	papers  catalog.Papers
	presets catalog.Presets
	err     error
}

func newAPI(data fs.FS) *api { return &api{data: data} }

func (a *api) load() error {
	a.once.Do(func() { a.papers, a.presets, a.err = assets.ReadCatalogs(a.data) })
	return a.err
}

// ServeHTTP routes
//
//	GET /api/papers[?tag=t]  {"version": 1, "papers": [...]}, filtered by tag
//	GET /api/papers/{id}     one paper
//	GET /api/presets         the preset index, {"version": 1, "presets": [...]}
//	GET /api/presets/{id}    a preset's entry with its "experiment" (the preset file)
//
// and answers anything else with a JSON error: 400 for malformed ids and
// query values, 404 for what does not exist, 405 for methods other than
// GET, HEAD and OPTIONS (a CORS preflight).
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setAPIHeaders(w.Header())
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, "method %s is not allowed; the API is read-only, use GET", r.Method)
		return
	}
	p := r.URL.Path
	if len(p) > maxPathLength {
		writeError(w, http.StatusBadRequest, "the path is %d bytes long; at most %d are read", len(p), maxPathLength)
		return
	}
	// The route first: a path that names no route is a 404 whatever its
	// query or method says.
	collection, id, hasID := strings.Cut(strings.TrimPrefix(p, apiPrefix), "/")
	if path.Clean(p) != p || !strings.HasPrefix(p, apiPrefix) ||
		collection != "papers" && collection != "presets" || strings.Contains(id, "/") {
		writeError(w, http.StatusNotFound, "no such route: %s (see /api/papers and /api/presets)", truncate(p, 80))
		return
	}
	if r.Method == http.MethodOptions {
		answerPreflight(w)
		return
	}
	query, ok := a.query(w, r)
	if !ok {
		return
	}
	if err := a.load(); err != nil {
		writeError(w, http.StatusInternalServerError, "the catalog cannot be read: %v", err)
		return
	}
	switch {
	case hasID && !catalog.IsID(id):
		writeError(w, http.StatusBadRequest, "%q is not an id: ids are lowercase letters and digits joined by single hyphens, at most %d characters", truncate(id, 80), catalog.MaxIDLen)
	case hasID && len(query) > 0:
		writeError(w, http.StatusBadRequest, "%s takes no query parameters", truncate(p, 80))
	case collection == "papers" && hasID:
		a.paper(w, r, id)
	case collection == "papers":
		a.paperList(w, r, query)
	case len(query) > 0:
		writeError(w, http.StatusBadRequest, "%s takes no query parameters", p)
	case hasID:
		a.preset(w, r, id)
	default:
		writeJSON(w, r, a.presets)
	}
}

// answerPreflight answers a CORS preflight (OPTIONS) for a read-only
// route: any site may GET it, revalidating with If-None-Match.
func answerPreflight(w http.ResponseWriter) {
	w.Header().Set("Allow", "GET, HEAD, OPTIONS")
	w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	w.Header().Set("Access-Control-Allow-Headers", "If-None-Match")
	w.Header().Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// query parses and bounds the query string; it answers 400 itself when
// the query is malformed.
func (a *api) query(w http.ResponseWriter, r *http.Request) (map[string][]string, bool) {
	if len(r.URL.RawQuery) > maxQueryLength {
		writeError(w, http.StatusBadRequest, "the query is %d bytes long; at most %d are read", len(r.URL.RawQuery), maxQueryLength)
		return nil, false
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "the query cannot be read: %v", err)
		return nil, false
	}
	return q, true
}

func (a *api) paperList(w http.ResponseWriter, r *http.Request, query map[string][]string) {
	for key, values := range query {
		switch {
		case key != "tag":
			writeError(w, http.StatusBadRequest, "unknown query parameter %q; /api/papers takes tag", truncate(key, 40))
			return
		case len(values) > 1:
			writeError(w, http.StatusBadRequest, "tag is given %d times; give it once", len(values))
			return
		case !catalog.IsTag(values[0]):
			writeError(w, http.StatusBadRequest, "tag %q is not a tag: tags are lowercase letters and digits joined by single hyphens, at most %d characters", truncate(values[0], 40), catalog.MaxTagLen)
			return
		}
	}
	list := a.papers
	if tags := query["tag"]; len(tags) == 1 {
		list = catalog.Papers{Version: a.papers.Version, Papers: a.papers.WithTag(tags[0])}
	}
	writeJSON(w, r, list)
}

func (a *api) paper(w http.ResponseWriter, r *http.Request, id string) {
	paper, ok := a.papers.Find(id)
	if !ok {
		writeError(w, http.StatusNotFound, "no paper %q", id)
		return
	}
	writeJSON(w, r, paper)
}

// presetAnswer is a preset's index entry with its experiment, the preset
// file as it is (a spec that experiment.DecodeJSON reads).
type presetAnswer struct {
	catalog.Preset
	Experiment json.RawMessage `json:"experiment"`
}

func (a *api) preset(w http.ResponseWriter, r *http.Request, id string) {
	preset, ok := a.presets.Find(id)
	if !ok {
		writeError(w, http.StatusNotFound, "no preset %q", id)
		return
	}
	// id is kebab case and indexed, so the path stays inside presets/.
	b, err := fs.ReadFile(a.data, assets.PresetPath(id))
	if err != nil || !json.Valid(b) {
		writeError(w, http.StatusInternalServerError, "preset %q is indexed but its file cannot be read", id)
		return
	}
	writeJSON(w, r, presetAnswer{Preset: preset, Experiment: b})
}

// writeJSON answers v as JSON with an ETag (a hash of the body), so a
// client revalidating gets 304 Not Modified.
func writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the answer: %v", err)
		return
	}
	body = append(body, '\n')
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", apiCacheControl)
	h.Add("Vary", "Accept-Encoding")
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	if len(body) >= minGzipSize && accepts(r, "gzip") {
		if gz := gzipBytes(body); gz != nil {
			body, etag = gz, gzipETag(etag)
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// Written by hand rather than with http.ServeContent, which would
	// honour Range and answer a fragment of a JSON document.
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// etagMatches reports whether an If-None-Match header names etag (or is
// "*"); weak validators match too, as RFC 9110 asks for this header.
func etagMatches(header, etag string) bool {
	for candidate := range strings.SplitSeq(header, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
}
