package worker

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSiteFiles(t *testing.T) {
	root := testFS()
	root["build/app.wasm"] = &fstest.MapFile{Data: make([]byte, MaxAssetSize+1)}
	files, left, err := SiteFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := []string{"assets/style.css", "assets/sub/x.json", "build/app.wasm.gz", "index.html"}
	if !slices.Equal(names, want) {
		t.Errorf("site files %v, want %v", names, want)
	}
	if len(left) != 1 || left[0].Name != "build/app.wasm" {
		t.Errorf("left out %v, want build/app.wasm (too big, gzip copy present)", left)
	}

	delete(root, "build/app.wasm.gz")
	if _, _, err := SiteFiles(root); err == nil || !strings.Contains(err.Error(), "no gzip copy") {
		t.Errorf("a file too big without a gzip copy: %v", err)
	}
}

func TestSitePageNamesTheGzipCopy(t *testing.T) {
	page := []byte(`<script src="build/loader.js" data-app="build/app.wasm" defer></script>`)
	left := []SiteFile{{Name: "build/app.wasm"}}
	got, err := SitePage(page, left)
	if err != nil {
		t.Fatal(err)
	}
	if want := `data-app="build/app.wasm.gz"`; !strings.Contains(string(got), want) {
		t.Errorf("site page %s, want %s", got, want)
	}
	if same, err := SitePage(page, nil); err != nil || string(same) != string(page) {
		t.Errorf("nothing left out: page %s, %v; want it unchanged", same, err)
	}
	if _, err := SitePage([]byte(`<script src="build/loader.js"></script>`), left); err == nil {
		t.Error("a page that does not name the left-out program passed")
	}
}

func TestRepositoryPageNamesTheProgram(t *testing.T) {
	// The site build rewrites this attribute; index.html must keep it.
	page, err := os.ReadFile("../index.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SitePage(page, []SiteFile{{Name: "build/app.wasm"}}); err != nil {
		t.Fatal(err)
	}
}
