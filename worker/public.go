package worker

import (
	"path"
	"strings"
)

// publicDirs are the only folders below the root whose files are public.
var publicDirs = []string{"build/", "assets/"}

// publicExtensions are the kinds of file the page is made of. Go sources
// and test data sit next to the JSON in assets/ and must not be served.
var publicExtensions = map[string]bool{
	".html": true, ".css": true, ".js": true, ".mjs": true, ".json": true,
	".wasm": true, ".png": true, ".svg": true, ".ico": true, ".webp": true,
}

// IsPublicFile reports whether a slash-separated name below the root is
// part of the page: index.html, or a file of a public kind below build/ or
// assets/. `make run` serves exactly these, and the site folder deployed
// to Cloudflare holds exactly these. The build's compressed copies
// (name.br, name.gz) are never asked for by name: they are the files'
// encodings (see staticFiles.encoded). Its manifest is for the server.
func IsPublicFile(name string) bool {
	if name == "index.html" {
		return true
	}
	if name == BuildManifest {
		return false
	}
	if !publicExtensions[path.Ext(name)] || strings.Contains(name, "/testdata/") {
		return false
	}
	for _, dir := range publicDirs {
		if strings.HasPrefix(name, dir) && len(name) > len(dir) {
			return true
		}
	}
	return false
}
