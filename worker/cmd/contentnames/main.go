// Command contentnames names the page's build files by their content
// (run by `make build`, see scripts/build-page.sh): every file directly in
// -dir becomes name.HASH.ext and every folder name.HASH, and
// manifest.json maps the names index.html uses (build/app.wasm) to them
// (worker.BuildManifest). Compressed copies are made afterwards, from the
// renamed files.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"path"
	"path/filepath"

	"playground/worker"
)

func main() {
	dir := flag.String("dir", "", "the build folder to rename in (it becomes build/)")
	flag.Parse()
	log.SetFlags(0)
	if *dir == "" {
		log.Fatal("contentnames: -dir is required")
	}
	entries, err := os.ReadDir(*dir)
	if err != nil {
		log.Fatalf("contentnames: %v", err)
	}
	names := map[string]string{}
	for _, e := range entries {
		from := filepath.Join(*dir, e.Name())
		var content []byte
		if e.IsDir() {
			content, err = worker.FolderContent(os.DirFS(from))
		} else {
			content, err = os.ReadFile(from)
		}
		if err != nil {
			log.Fatalf("contentnames: %v", err)
		}
		named := worker.ContentName(e.Name(), content)
		if err := os.Rename(from, filepath.Join(*dir, named)); err != nil {
			log.Fatalf("contentnames: %v", err)
		}
		page, built := path.Join("build", e.Name()), path.Join("build", named)
		if e.IsDir() {
			page, built = page+"/", built+"/"
		}
		names[page] = built
	}
	b, err := json.MarshalIndent(names, "", "  ")
	if err == nil {
		_, err = worker.ParseManifest(b) // what the server will read back
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, filepath.Base(worker.BuildManifest)), append(b, '\n'), 0o644)
	}
	if err != nil {
		log.Fatalf("contentnames: %v", err)
	}
}
