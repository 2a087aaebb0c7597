package worker

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"playground/assets"
)

// Handler serves the playground: the Go routes under /api/ (answered from
// the embedded catalogs), /oembed (see serveOEmbed), /compare (see
// serveCompare) and, when it has a
// root, the page's static files from a file system laid out like the
// repository: index.html (with its oEmbed discovery link written for the
// origin asked, see discovery.go), build/ (the compiled app) and assets/.
// On Cloudflare it has no root: the assets binding answers static files
// before the Worker starts, and only what it lacks reaches Go (/oembed,
// /compare, /api/, else a JSON 404).
type Handler struct {
	files *staticFiles // nil: no static files
	api   *api
}

// NewHandler returns the handler serving the static files of root (nil
// for none) and the /api/ routes from the catalogs embedded in package
// assets.
func NewHandler(root fs.FS) *Handler {
	return newHandler(root, assets.Files)
}

// newHandler takes the catalogs from data, for tests with fixtures.
func newHandler(root, data fs.FS) *Handler {
	h := &Handler{api: newAPI(data)}
	if root != nil {
		h.files = newStaticFiles(root)
	}
	return h
}

// maxPathLength caps request paths: nothing the page needs is longer.
const maxPathLength = 256

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isAPIPath(r.URL.Path) {
		h.api.ServeHTTP(w, r)
		return
	}
	if r.URL.Path == oembedPath {
		serveOEmbed(w, r)
		return
	}
	if r.URL.Path == comparePath {
		h.serveCompare(w, r)
		return
	}
	setPageHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method %s is not allowed; use GET", r.Method)
		return
	}
	name, ok := servedName(r.URL.Path)
	if !ok || h.files == nil {
		writeError(w, http.StatusNotFound, "no such file: %s", truncate(r.URL.Path, 80))
		return
	}
	h.files.serve(w, r, name)
}

// servedName maps a URL path to a file name below the root, refusing
// anything that is not a public file (see IsPublicFile) and any path that
// is not already clean (so "..", "//" and encoded tricks never reach the FS).
func servedName(p string) (string, bool) {
	if len(p) > maxPathLength || !strings.HasPrefix(p, "/") {
		return "", false
	}
	if p == "/" {
		return pageName, true
	}
	name := p[1:]
	if path.Clean(p) != p || strings.ContainsAny(name, "\\\x00") || !fs.ValidPath(name) || !IsPublicFile(name) {
		return "", false
	}
	return name, true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
