package worker

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// Handler serves the playground from a file system laid out like the
// repository: index.html at the root, build/ (the compiled app) and assets/.
// Only those are reachable; everything else is a JSON 404.
type Handler struct {
	files *staticFiles
}

// servedDirs are the only folders below the root a request may reach.
var servedDirs = []string{"build/", "assets/"}

// NewHandler returns the handler serving root.
func NewHandler(root fs.FS) *Handler {
	return &Handler{files: newStaticFiles(root)}
}

// maxPathLength caps request paths: nothing the page needs is longer.
const maxPathLength = 256

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method %s is not allowed; use GET", r.Method)
		return
	}
	name, ok := servedName(r.URL.Path)
	if !ok {
		writeError(w, http.StatusNotFound, "no such file: %s", truncate(r.URL.Path, 80))
		return
	}
	h.files.serve(w, r, name)
}

// servedName maps a URL path to a file name below the root, refusing
// anything outside index.html and servedDirs, and any path that is not
// already clean (so "..", "//" and encoded tricks never reach the FS).
func servedName(p string) (string, bool) {
	if len(p) > maxPathLength || !strings.HasPrefix(p, "/") {
		return "", false
	}
	if p == "/" || p == "/index.html" {
		return "index.html", true
	}
	name := p[1:]
	if path.Clean(p) != p || strings.ContainsAny(name, "\\\x00") || !fs.ValidPath(name) {
		return "", false
	}
	for _, dir := range servedDirs {
		if strings.HasPrefix(name, dir) && len(name) > len(dir) {
			return name, true
		}
	}
	return "", false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
