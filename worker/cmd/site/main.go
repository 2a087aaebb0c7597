// Command site assembles the folder that Cloudflare's assets binding
// serves: the page's public files (as `make run` serves them, see
// worker.SiteFiles), the page with the build's content names written in
// (worker.SitePage), and a _headers file with the page's security and
// cache headers.
// It replaces the folder each time, so nothing stale is deployed. Given
// the deployed origin (-origin), it writes the page's oEmbed discovery
// link for it (worker.SiteDiscovery); without one the page has none.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"playground/worker"
)

func main() {
	root := flag.String("root", ".", "folder holding index.html, build/ and assets/")
	out := flag.String("out", "dist/site", "the site folder to write (replaced)")
	origin := flag.String("origin", "", "the deployed site's origin, such as https://neural-playground.example.workers.dev,\n"+
		"for the page's oEmbed discovery link (empty: no discovery link)")
	flag.Parse()
	log.SetFlags(0)

	if *origin != "" {
		if _, err := worker.ParseSiteOrigin(*origin); err != nil {
			log.Fatalf("site: -origin: %v", err)
		}
	}
	manifest, err := os.ReadFile(filepath.Join(*root, filepath.FromSlash(worker.BuildManifest)))
	if err != nil {
		log.Fatalf("site: %s/%s is missing: run `make build` first", *root, worker.BuildManifest)
	}
	files, err := worker.SiteFiles(os.DirFS(*root))
	if err != nil {
		log.Fatalf("site: %v", err)
	}
	if err := os.RemoveAll(*out); err != nil {
		log.Fatalf("site: %v", err)
	}
	var total int64
	for _, f := range files {
		dst, src := filepath.Join(*out, filepath.FromSlash(f.Name)), filepath.Join(*root, filepath.FromSlash(f.Name))
		if f.Name == "index.html" {
			err = writePage(dst, src, manifest, *origin)
		} else {
			err = copyFile(dst, src)
		}
		if err != nil {
			log.Fatalf("site: %v", err)
		}
		total += f.Size
	}
	if err := os.WriteFile(filepath.Join(*out, "_headers"), []byte(worker.StaticHeadersFile()), 0o644); err != nil {
		log.Fatalf("site: %v", err)
	}
	fmt.Printf("site: %d files, %.1f MB in %s\n", len(files), float64(total)/1e6, *out)
	if *origin == "" {
		fmt.Println("site: no -origin (PLAYGROUND_ORIGIN for make worker/deploy), so the page has no oEmbed discovery link")
	} else {
		fmt.Printf("site: the page's oEmbed discovery link names %s\n", *origin)
	}
}

// writePage writes the site's index.html: the page with the build's
// content names (worker.SitePage) and the discovery link for origin if
// one is given (worker.SiteDiscovery).
func writePage(dst, src string, manifest []byte, origin string) error {
	page, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if page, err = worker.SitePage(page, manifest); err != nil {
		return err
	}
	if page, err = worker.SiteDiscovery(page, origin); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, page, 0o644)
}

func copyFile(dst, src string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
