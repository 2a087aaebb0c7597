package worker

import (
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
// root (see IsPublicFile), as `make run` serves them. The build's
// compressed copies are not among them: Cloudflare's edge compresses
// what it sends itself. A file over Cloudflare's 25 MiB per asset is an
// error (the program is about 15 MB; see docs/DESIGN.md).
func SiteFiles(root fs.FS) (files []SiteFile, err error) {
	err = fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsPublicFile(name) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > MaxAssetSize {
			return fmt.Errorf("%s is %d bytes, more than Cloudflare's %d per asset", name, info.Size(), MaxAssetSize)
		}
		files = append(files, SiteFile{Name: name, Size: info.Size()})
		return nil
	})
	return files, err
}

// SitePage returns index.html for the site: with the build's content
// names written in (manifest, the BuildManifest file).
func SitePage(index, manifest []byte) ([]byte, error) {
	names, err := ParseManifest(manifest)
	if err != nil {
		return nil, err
	}
	return WithContentNames(index, names)
}
