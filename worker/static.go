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
	"strconv"
	"strings"
	"sync"
	"time"
)

// staticFiles serves files with a strong ETag (a hash of the content) and
// "no-cache", so a reload revalidates cheaply and a rebuilt app.wasm is
// never stale. A file with a precompressed sibling (name.gz) is sent
// compressed to clients that accept gzip; a text file without one is
// gzipped once, on the first request that takes it.
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
	gz      *staticFile // its gzip form, made on demand (nil until then)

	// rewritten marks the page made for one origin (withDiscovery): a
	// gzip copy stored beside the file is not its gzip form.
	rewritten bool
	// withLink holds the page's rewritten copies by origin.
	withLink map[string]*staticFile
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
	f = s.withDiscovery(name, f, r)
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
		if gz, err := s.load(name + ".gz"); err == nil && !f.rewritten {
			h.Set("Content-Encoding", "gzip")
			f = gz
		} else if gz := s.gzipped(name, f); gz != nil {
			h.Set("Content-Encoding", "gzip")
			f = gz
		}
	}
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", f.modTime, bytes.NewReader(f.data))
}

// gzipped is f's gzip form when f is text large enough to be worth it,
// made once per version of the file.
func (s *staticFiles) gzipped(name string, f *staticFile) *staticFile {
	if !compressible(name) || len(f.data) < minGzipSize {
		return nil
	}
	s.mu.Lock()
	gz := f.gz
	s.mu.Unlock()
	if gz != nil {
		return gz
	}
	b := gzipBytes(f.data)
	if b == nil {
		return nil
	}
	gz = &staticFile{size: int64(len(b)), modTime: f.modTime, data: b, etag: gzipETag(f.etag)}
	s.mu.Lock()
	f.gz = gz
	s.mu.Unlock()
	return gz
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
	f := &staticFile{size: info.Size(), modTime: info.ModTime(), data: data, etag: contentETag(data)}
	s.mu.Lock()
	s.cache[name] = f
	s.mu.Unlock()
	return f, nil
}

// contentETag is a strong validator for data: a hash of the bytes.
func contentETag(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// with a quality above 0: named, or else through "*" (a named gzip;q=0
// refuses it whatever "*" says).
func acceptsGzip(r *http.Request) bool {
	star := false
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(part, ";")
		switch coding = strings.TrimSpace(coding); {
		case strings.EqualFold(coding, "gzip"):
			return qualityAboveZero(params)
		case coding == "*":
			star = qualityAboveZero(params)
		}
	}
	return star
}

// qualityAboveZero reads the q parameter of one Accept-Encoding entry
// (absent means 1); a value that is not a number counts as 0.
func qualityAboveZero(params string) bool {
	for param := range strings.SplitSeq(params, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		if strings.EqualFold(strings.TrimSpace(name), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
			return err == nil && q > 0
		}
	}
	return true
}
