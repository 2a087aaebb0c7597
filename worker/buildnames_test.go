package worker

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestContentName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"app.wasm", "app.HASH.wasm"},
		{"app.wasm.br", "app.HASH.wasm.br"},
		{"kernels", "kernels.HASH"},
		{"sub/loader.js", "sub/loader.HASH.js"},
	} {
		got := ContentName(tc.name, []byte("content"))
		hash := "ed7002b439e9" // sha256("content")
		if want := strings.Replace(tc.want, "HASH", hash, 1); got != want {
			t.Errorf("ContentName(%q) = %q, want %q", tc.name, got, want)
		}
	}
	if ContentName("app.wasm", []byte("a")) == ContentName("app.wasm", []byte("b")) {
		t.Error("different content, same name")
	}
}

func TestIsContentNamed(t *testing.T) {
	for name, want := range map[string]bool{
		"build/app.0123456789ab.wasm":               true,
		"build/app.0123456789ab.wasm.br":            true,
		"build/kernels.0123456789ab/gemm_simd.wasm": true,
		"build/app.wasm":                            false,
		"build/kernels/instantiate.js":              false,
		"build/app.0123456789AB.wasm":               false,
		"build/app.0123456789a.wasm":                false,
		"assets/style.0123456789ab.css":             false,
		"index.html":                                false,
	} {
		if got := IsContentNamed(name); got != want {
			t.Errorf("IsContentNamed(%q) = %v, want %v", name, got, want)
		}
	}
}

const testManifest = `{"build/app.wasm": "build/app.0123456789ab.wasm", "build/kernels/": "build/kernels.ba9876543210/"}`

func TestParseManifestRefusesWhatIsNotABuildName(t *testing.T) {
	if names, err := ParseManifest([]byte(testManifest)); err != nil || len(names) != 2 {
		t.Fatalf("ParseManifest: %v, %v", names, err)
	}
	for _, bad := range []string{
		`not json`,
		`["build/app.wasm"]`,
		`{"build/app.wasm": "build/app.wasm"}`, // not content-named
		`{"build/app.wasm": "build/app.0123456789ab.wasm\" onload=\"x"}`, // breaks out of the attribute
		`{"build/app.wasm": "../app.0123456789ab.wasm"}`,
		`{"index.html": "build/index.0123456789ab.html"}`,
		`{"build/kernels/": "build/kernels.0123456789ab"}`, // a folder for a file
		`{"build/../x.js": "build/x.0123456789ab.js"}`,
	} {
		if _, err := ParseManifest([]byte(bad)); err == nil {
			t.Errorf("ParseManifest(%s) passed", bad)
		}
	}
}

func TestWithContentNames(t *testing.T) {
	names, _ := ParseManifest([]byte(testManifest))
	page := `<script src="build/kernels/instantiate.js"></script><script src="build/loader.js" data-app="build/app.wasm" data-kernels="build/kernels/"></script><p>build/app.wasm</p>`
	got, err := WithContentNames([]byte(page), names)
	if err != nil {
		t.Fatal(err)
	}
	want := `<script src="build/kernels.ba9876543210/instantiate.js"></script><script src="build/loader.js" data-app="build/app.0123456789ab.wasm" data-kernels="build/kernels.ba9876543210/"></script><p>build/app.wasm</p>`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, err := WithContentNames([]byte(`<script src="build/kernels/instantiate.js"></script>`), names); err == nil {
		t.Error("a page that never names build/app.wasm passed")
	}
}

// TestRepositoryPageNamesTheBuild: index.html names every file the build
// renames (scripts/build-page.sh), so the server can write their content
// names in.
func TestRepositoryPageNamesTheBuild(t *testing.T) {
	page, err := os.ReadFile("../index.html")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, from := range []string{"build/app.wasm", "build/loader.js", "build/wasm_exec.js", "build/kernels/"} {
		names[from] = ContentName(from, nil)
		if strings.HasSuffix(from, "/") {
			names[from] = ContentName(strings.TrimSuffix(from, "/"), nil) + "/"
		}
	}
	if _, err = WithContentNames(page, names); err != nil {
		t.Fatal(err)
	}
}

func builtFS() fstest.MapFS {
	root := testFS()
	root["index.html"] = &fstest.MapFile{Data: []byte(`<!doctype html><script src="build/loader.js" data-app="build/app.wasm" data-kernels="build/kernels/"></script>`)}
	root[BuildManifest] = &fstest.MapFile{Data: []byte(testManifest), ModTime: time.Unix(1, 0)}
	root["build/app.0123456789ab.wasm"] = &fstest.MapFile{Data: []byte("\x00asm")}
	return root
}

func TestServesThePageWithContentNames(t *testing.T) {
	root := builtFS()
	h := NewHandler(root)
	page := get(t, h, http.MethodGet, "/", nil)
	if !strings.Contains(page.Body.String(), `data-app="build/app.0123456789ab.wasm"`) {
		t.Fatalf("page %q lacks the program's content name", page.Body.String())
	}
	if got := page.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("page Cache-Control %q, want no-cache", got)
	}
	app := get(t, h, http.MethodGet, "/build/app.0123456789ab.wasm", nil)
	if app.Code != http.StatusOK || app.Header().Get("Cache-Control") != ImmutableCacheControl {
		t.Errorf("content-named program: status %d, Cache-Control %q", app.Code, app.Header().Get("Cache-Control"))
	}
	if got := get(t, h, http.MethodGet, "/assets/style.css", nil).Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("assets/style.css Cache-Control %q, want no-cache", got)
	}

	// A new build (a new manifest) renames the page's files at once.
	root[BuildManifest] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(testManifest, "0123456789ab", "aaaaaaaaaaaa")), ModTime: time.Unix(2, 0)}
	if again := get(t, h, http.MethodGet, "/", nil); !strings.Contains(again.Body.String(), "build/app.aaaaaaaaaaaa.wasm") {
		t.Errorf("after a rebuild the page is %q", again.Body.String())
	}

	// A manifest the page does not match is said, not served half-named.
	root[BuildManifest] = &fstest.MapFile{Data: []byte(`{"build/other.js": "build/other.0123456789ab.js"}`), ModTime: time.Unix(3, 0)}
	if bad := get(t, h, http.MethodGet, "/", nil); bad.Code != http.StatusInternalServerError || !strings.Contains(bad.Body.String(), "make build") {
		t.Errorf("mismatched manifest: status %d, %q", bad.Code, bad.Body.String())
	}
}
