package worker

import (
	"bytes"
	"fmt"
	"io/fs"
)

// MaxAssetSize is the largest file Cloudflare's assets binding accepts
// (25 MiB).
const MaxAssetSize = 25 << 20

// SiteFile is one file of the folder deployed as the Worker's static assets.
type SiteFile struct {
	Name string // slash-separated, below the root
	Size int64
}

// SiteFiles lists what the assets binding serves: every public file of
// root (see IsPublicFile), as `make run` serves them, except a file too
// big for Cloudflare whose gzip copy (name.gz) is there: the page fetches
// that one. A file too big without a gzip copy is an error. left lists
// the files left out.
func SiteFiles(root fs.FS) (files []SiteFile, left []SiteFile, err error) {
	err = fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsPublicFile(name) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := SiteFile{Name: name, Size: info.Size()}
		if f.Size <= MaxAssetSize {
			files = append(files, f)
			return nil
		}
		if gz, err := fs.Stat(root, name+".gz"); err == nil && gz.Size() <= MaxAssetSize {
			left = append(left, f)
			return nil
		}
		return fmt.Errorf("%s is %d bytes, more than Cloudflare's %d per asset, and has no gzip copy", name, f.Size, MaxAssetSize)
	})
	return files, left, err
}

// SitePage returns index.html for the site: where SiteFiles left the
// program out (left), the loader's data-app attribute names its gzip copy
// instead, which the page then decompresses itself (wasm/loader.js). A
// page that does not name a left-out file it would fetch is an error:
// deployed, it would fetch a file the site lacks.
func SitePage(index []byte, left []SiteFile) ([]byte, error) {
	for _, f := range left {
		attr := []byte(`data-app="` + f.Name + `"`)
		if !bytes.Contains(index, attr) {
			return nil, fmt.Errorf("index.html has no %s, so its loader would fetch the left-out %s", attr, f.Name)
		}
		index = bytes.ReplaceAll(index, attr, []byte(`data-app="`+f.Name+`.gz"`))
	}
	return index, nil
}
