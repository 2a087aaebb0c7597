package worker

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Content names: `make build` names each file of the program (and the
// folder of the kernels) by a hash of its content, app.3f9a1c2b4d5e.wasm,
// so they can be cached for a year without ever being stale, and writes
// BuildManifest, which maps the names index.html uses (build/app.wasm) to
// them. Whoever serves the page writes the content names into it: the Go
// handler per request (staticFiles), worker/cmd/site for Cloudflare.

// BuildManifest is the build's map from the page's names to content
// names, a JSON object. It is not public (see IsPublicFile).
const BuildManifest = "build/manifest.json"

// ImmutableCacheControl is the Cache-Control of content-named files.
const ImmutableCacheControl = "public, max-age=31536000, immutable"

// contentHashLength is how many hex digits of the SHA-256 a name carries.
const contentHashLength = 12

// contentNamed matches a path with a content hash: a file
// name.HASH.ext or a folder name.HASH/.
var contentNamed = regexp.MustCompile(`^build/(?:[^/]+/)*[A-Za-z0-9_-]+\.[0-9a-f]{12}(?:\.[A-Za-z0-9.]+$|/)`)

// IsContentNamed reports whether name (slash-separated, below the root) is
// a build file named by its content, which may be cached immutable.
func IsContentNamed(name string) bool { return contentNamed.MatchString(name) }

// ContentName is name with the hash of data before its extension:
// app.wasm becomes app.3f9a1c2b4d5e.wasm, kernels (a folder) kernels.HASH.
func ContentName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])[:contentHashLength]
	dir, file := path.Split(name)
	if base, ext, ok := strings.Cut(file, "."); ok {
		return dir + base + "." + hash + "." + ext
	}
	return dir + file + "." + hash
}

// FolderContent is what a folder's content name hashes: the name and
// bytes of each file in it, in name order.
func FolderContent(fsys fs.FS) ([]byte, error) {
	var b bytes.Buffer
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s\x00%d\x00", name, len(data))
		b.Write(data)
		return nil
	})
	return b.Bytes(), err
}

// safeBuildName matches the names a manifest may hold, page names and
// content names alike: below build/, plain characters, a folder ending in
// "/". Nothing from it can break out of the attribute it is written into.
var safeBuildName = regexp.MustCompile(`^build/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*/?$`)

// ParseManifest reads BuildManifest: a JSON object from page names to
// content names, each below build/.
func ParseManifest(b []byte) (map[string]string, error) {
	var names map[string]string
	if err := json.Unmarshal(b, &names); err != nil {
		return nil, fmt.Errorf("%s: %v", BuildManifest, err)
	}
	for from, to := range names {
		if !safeBuildName.MatchString(from) || !safeBuildName.MatchString(to) || strings.Contains(from+to, "..") ||
			strings.HasSuffix(from, "/") != strings.HasSuffix(to, "/") || !IsContentNamed(to) {
			return nil, fmt.Errorf("%s: %q -> %q is not a build name and its content name", BuildManifest, from, to)
		}
	}
	return names, nil
}

// WithContentNames returns page with every quoted attribute value that is
// a page name of names ("build/app.wasm") replaced by its content name; a
// folder's name is replaced where a value starts with it
// ("build/kernels/instantiate.js"). A name the page never quotes is an
// error: the page and the build disagree.
func WithContentNames(page []byte, names map[string]string) ([]byte, error) {
	keys := make([]string, 0, len(names))
	for from := range names {
		keys = append(keys, from)
	}
	slices.Sort(keys)
	for _, from := range keys {
		quoted, to := `"`+from+`"`, `"`+names[from]+`"`
		if strings.HasSuffix(from, "/") {
			quoted, to = `"`+from, `"`+names[from]
		}
		if !bytes.Contains(page, []byte(quoted)) {
			return nil, fmt.Errorf("index.html never names %s, which the build made as %s", from, names[from])
		}
		page = bytes.ReplaceAll(page, []byte(quoted), []byte(to))
	}
	return page, nil
}
