package worker

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// staticFiles serves files with a strong ETag (a hash of the content) and
// "no-cache", so a reload revalidates cheaply and a rebuilt app.wasm is
// never stale. A file with a precompressed sibling (name.gz) is sent
// compressed to clients that accept gzip.
type staticFiles struct {
	root fs.FS

	mu    sync.Mutex
	cache map[string]*staticFile // by name (and name+".gz"); dropped when size or mtime change
}

type staticFile struct {
	size    int64
	modTime time.Time
	data    []byte
	etag    string
}

func newStaticFiles(root fs.FS) *staticFiles {
	return &staticFiles{root: root, cache: map[string]*staticFile{}}
}

func (s *staticFiles) serve(w http.ResponseWriter, r *http.Request, name string) {
	f, err := s.load(name)
	if err != nil {
		writeError(w, http.StatusNotFound, "no such file: /%s", name)
		return
	}
	h := w.Header()
	if ctype := mime.TypeByExtension(path.Ext(name)); ctype != "" {
		h.Set("Content-Type", ctype)
	}
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	if strings.HasPrefix(name, "assets/") {
		// Public data, as on Cloudflare (see StaticHeadersFile).
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if acceptsGzip(r) {
		if gz, err := s.load(name + ".gz"); err == nil {
			h.Set("Content-Encoding", "gzip")
			f = gz
		}
	}
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", f.modTime, bytes.NewReader(f.data))
}

func (s *staticFiles) load(name string) (*staticFile, error) {
	info, err := fs.Stat(s.root, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	s.mu.Lock()
	cached := s.cache[name]
	s.mu.Unlock()
	if cached != nil && cached.size == info.Size() && cached.modTime.Equal(info.ModTime()) {
		return cached, nil
	}
	data, err := fs.ReadFile(s.root, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	f := &staticFile{size: info.Size(), modTime: info.ModTime(), data: data, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	s.mu.Lock()
	s.cache[name] = f
	s.mu.Unlock()
	return f, nil
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && !strings.Contains(strings.ReplaceAll(params, " ", ""), "q=0") {
			return true
		}
	}
	return false
}
