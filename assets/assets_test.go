package assets_test

import (
	"io/fs"
	"math"
	"path"
	"strings"
	"testing"

	"playground/assets"
	"playground/assets/catalog"
	"playground/session"
)

// seedPapers is how many papers the seed list (../shared/seed) names;
// the catalog covers every one.
const seedPapers = 33

func loadCatalogs(t *testing.T) (catalog.Papers, catalog.Presets) {
	t.Helper()
	papers, presets, err := assets.ReadCatalogs(assets.Files)
	if err != nil {
		t.Fatal(err)
	}
	return papers, presets
}

// TestCatalogIsComplete: every seed paper has a complete, valid entry, and
// papers and presets name each other both ways.
func TestCatalogIsComplete(t *testing.T) {
	papers, presets := loadCatalogs(t)
	if len(papers.Papers) != seedPapers {
		t.Errorf("%d papers in the catalog, want the %d seed papers", len(papers.Papers), seedPapers)
	}
	if err := catalog.CheckLinks(papers, presets); err != nil {
		t.Error(err)
	}
}

// TestPresetFilesMatchTheIndex: each indexed preset has its file, and
// each file is indexed, so the panel can offer every preset there is.
func TestPresetFilesMatchTheIndex(t *testing.T) {
	_, presets := loadCatalogs(t)
	files, err := fs.Glob(assets.Files, "presets/*.json")
	if err != nil {
		t.Fatal(err)
	}
	onDisk := map[string]bool{}
	for _, f := range files {
		if f != assets.PresetIndexPath {
			onDisk[strings.TrimSuffix(path.Base(f), ".json")] = true
		}
	}
	for _, p := range presets.Presets {
		if !onDisk[p.ID] {
			t.Errorf("preset %s is indexed but %s is missing", p.ID, assets.PresetPath(p.ID))
		}
		delete(onDisk, p.ID)
	}
	for id := range onDisk {
		t.Errorf("%s is not in %s", assets.PresetPath(id), assets.PresetIndexPath)
	}
	if len(presets.Presets) == 0 {
		t.Error("no presets")
	}
}

// TestPresetsValidateAndTrain: every preset decodes with package
// experiment's strict reader and trains natively without NaN.
func TestPresetsValidateAndTrain(t *testing.T) {
	_, presets := loadCatalogs(t)
	const steps = 50
	for _, p := range presets.Presets {
		t.Run(p.ID, func(t *testing.T) {
			spec, err := assets.ReadPreset(assets.Files, p.ID)
			if err != nil {
				t.Fatalf("does not validate: %v", err)
			}
			sess, err := session.New(spec)
			if err != nil {
				t.Fatalf("cannot build: %v", err)
			}
			if n := sess.Step(steps); n != steps {
				t.Fatalf("trained %d of %d steps (%s)", n, steps, sess.LastError())
			}
			m := sess.Metrics()
			for name, v := range map[string]float32{"train loss": m.TrainLoss, "test loss": m.TestLoss} {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
					t.Errorf("%s after %d steps: %v", name, steps, v)
				}
			}
			if msg := sess.LastError(); msg != "" {
				t.Errorf("error after %d steps: %s", steps, msg)
			}
		})
	}
}
