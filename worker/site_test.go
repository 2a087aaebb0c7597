package worker

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSiteFiles(t *testing.T) {
	root := builtFS()
	files, err := SiteFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	// No compressed copies (the edge compresses) and no manifest.
	want := []string{"assets/style.css", "assets/sub/x.json", "build/app.0123456789ab.wasm", "build/app.wasm", "index.html"}
	if !slices.Equal(names, want) {
		t.Errorf("site files %v, want %v", names, want)
	}

	root["build/app.0123456789ab.wasm"] = &fstest.MapFile{Data: make([]byte, MaxAssetSize+1)}
	if _, err := SiteFiles(root); err == nil || !strings.Contains(err.Error(), "25 MiB") && !strings.Contains(err.Error(), "per asset") {
		t.Errorf("a file over 25 MiB: %v", err)
	}
}

func TestSitePage(t *testing.T) {
	page := []byte(`<script src="build/loader.js" data-app="build/app.wasm" data-kernels="build/kernels/" defer></script>`)
	got, err := SitePage(page, []byte(testManifest))
	if err != nil {
		t.Fatal(err)
	}
	if want := `data-app="build/app.0123456789ab.wasm" data-kernels="build/kernels.ba9876543210/"`; !strings.Contains(string(got), want) {
		t.Errorf("site page %s, want %s", got, want)
	}
	if _, err := SitePage(page, []byte(`{"build/app.wasm": "build/app.wasm"}`)); err == nil {
		t.Error("a manifest without content names passed")
	}
}
