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

// staticFiles serves files with a strong ETag (a hash of the content).
// Build files named by their content (IsContentNamed) are cached for a
// year, immutable; the rest (the page, assets/) is "no-cache", so a reload
// revalidates cheaply and a new build is never missed. A file with a
// precompressed sibling (name.br, name.gz) is sent compressed to clients
// that accept the encoding, brotli first; a text file without one is
// gzipped once, on the first request that takes it. The page gets the
// build's content names written into it (see buildnames.go).
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
	// named is the page with the build's content names, made for the
	// manifest whose ETag is namedFor.
	named    *staticFile
	namedFor string
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
	if name == pageName {
		if f, err = s.withContentNames(f); err != nil {
			writeError(w, http.StatusInternalServerError, "%v (run `make build` again)", err)
			return
		}
	}
	f = s.withDiscovery(name, f, r)
	h := w.Header()
	if ctype := mime.TypeByExtension(path.Ext(name)); ctype != "" {
		h.Set("Content-Type", ctype)
	}
	if IsContentNamed(name) {
		h.Set("Cache-Control", ImmutableCacheControl)
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Add("Vary", "Accept-Encoding")
	if strings.HasPrefix(name, "assets/") {
		// Public data, as on Cloudflare (see StaticHeadersFile).
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if coded, encoding := s.encoded(name, f, r); coded != nil {
		h.Set("Content-Encoding", encoding)
		f = coded
	}
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", f.modTime, bytes.NewReader(f.data))
}

// encoded is the form of f to send to r, and its Content-Encoding: the
// build's brotli or gzip copy beside the file (name.br, name.gz), brotli
// first, or else a gzip made here for text; nil for f as it is.
func (s *staticFiles) encoded(name string, f *staticFile, r *http.Request) (*staticFile, string) {
	if f.rewritten {
		// The copies beside the page are not copies of the rewritten page.
		if accepts(r, "gzip") {
			if gz := s.gzipped(name, f); gz != nil {
				return gz, "gzip"
			}
		}
		return nil, ""
	}
	for _, encoding := range [...]struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !accepts(r, encoding.name) {
			continue
		}
		if c, err := s.load(name + encoding.ext); err == nil {
			return c, encoding.name
		}
	}
	if accepts(r, "gzip") {
		if gz := s.gzipped(name, f); gz != nil {
			return gz, "gzip"
		}
	}
	return nil, ""
}

// withContentNames returns the page f with the build's content names
// written in (BuildManifest), made once per version of the page and the
// manifest. Without a manifest (nothing built yet) the page is as it is.
func (s *staticFiles) withContentNames(f *staticFile) (*staticFile, error) {
	m, err := s.load(BuildManifest)
	if err != nil {
		return f, nil
	}
	s.mu.Lock()
	named, namedFor := f.named, f.namedFor
	s.mu.Unlock()
	if named != nil && namedFor == m.etag {
		return named, nil
	}
	names, err := ParseManifest(m.data)
	if err != nil {
		return nil, err
	}
	data, err := WithContentNames(f.data, names)
	if err != nil {
		return nil, err
	}
	named = &staticFile{size: int64(len(data)), modTime: f.modTime, data: data, etag: contentETag(data), rewritten: true}
	s.mu.Lock()
	f.named, f.namedFor = named, m.etag
	s.mu.Unlock()
	return named, nil
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

// accepts reports whether the request's Accept-Encoding takes coding
// (gzip, br) with a quality above 0: named, or else through "*" (a named
// coding with q=0 refuses it whatever "*" says).
func accepts(r *http.Request, coding string) bool {
	star := false
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		switch name = strings.TrimSpace(name); {
		case strings.EqualFold(name, coding):
			return qualityAboveZero(params)
		case name == "*":
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
