package catalog

import (
	"errors"
	"fmt"
	"slices"
)

// CheckLinks reports every reference between the two catalogs that does
// not hold both ways: a paper's preset must exist and name the paper back,
// and a preset's paper must exist and list the preset.
func CheckLinks(papers Papers, presets Presets) error {
	var errs []error
	for _, paper := range papers.Papers {
		for _, id := range paper.Presets {
			preset, ok := presets.Find(id)
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("paper %s: no preset %q in %s", paper.ID, id, PresetsFileName))
			case !slices.Contains(preset.Papers, paper.ID):
				errs = append(errs, fmt.Errorf("paper %s lists preset %s, whose papers do not include it", paper.ID, id))
			}
		}
	}
	for _, preset := range presets.Presets {
		for _, id := range preset.Papers {
			paper, ok := papers.Find(id)
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("preset %s: no paper %q in %s", preset.ID, id, PapersFileName))
			case !slices.Contains(paper.Presets, preset.ID):
				errs = append(errs, fmt.Errorf("preset %s names paper %s, whose presets do not include it", preset.ID, id))
			}
		}
	}
	return errors.Join(errs...)
}
