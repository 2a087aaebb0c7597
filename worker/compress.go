package worker

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"
)

// Text answers (CSS, JSON, scripts) are gzipped on the fly for clients
// that take gzip, when they are large enough for it to pay; the program
// itself comes with its gzip copy made by the build (name.gz).
const minGzipSize = 1024

// compressible reports whether a file of this name is text worth
// compressing.
func compressible(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".css", ".json", ".js", ".html", ".svg", ".txt", ".map":
		return true
	}
	return false
}

// gzipBytes compresses b at the best level. Errors cannot happen writing
// to memory; on one anyway, nil tells the caller to send b as it is.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil
	}
	if _, err := w.Write(b); err != nil {
		return nil
	}
	if err := w.Close(); err != nil {
		return nil
	}
	return buf.Bytes()
}

// gzipETag is the validator of a representation's gzip form: different
// bytes need a different tag.
func gzipETag(etag string) string { return strings.TrimSuffix(etag, `"`) + `-gz"` }
