package catalog

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Presets is the index of preset experiments, assets/presets/index.json:
// what each preset is called and which papers it demonstrates. The
// experiment itself is assets/presets/<id>.json, a file that
// experiment.DecodeJSON reads.
type Presets struct {
	Version int      `json:"version"`
	Presets []Preset `json:"presets"`
}

// Preset describes one preset experiment.
type Preset struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	Group   string   `json:"group"`  // GroupClassic or GroupPaper
	Papers  []string `json:"papers"` // ids of the papers it demonstrates
}

// The values of Preset.Group: the panel lists classics apart from papers.
const (
	GroupClassic = "classic" // TensorFlow Playground's classic experiments
	GroupPaper   = "paper"   // demonstrates one or more papers
)

// Limits on the preset index.
const (
	MaxPresets      = 500
	MaxPresetTitle  = 100 // characters
	MaxPresetPapers = 16
)

// PresetsFileName names the index in messages.
const PresetsFileName = "presets/index.json"

// reservedPresetID cannot name a preset: presets/index.json is the index.
const reservedPresetID = "index"

// DecodePresets reads a preset index and returns it only if it is valid.
func DecodePresets(b []byte) (Presets, error) {
	var p Presets
	if err := decodeStrict(PresetsFileName, b, &p); err != nil {
		return Presets{}, err
	}
	if err := p.Validate(); err != nil {
		return Presets{}, err
	}
	for i := range p.Presets {
		if p.Presets[i].Papers == nil {
			p.Presets[i].Papers = []string{}
		}
	}
	return p, nil
}

// Validate reports every malformed entry and repeated ids.
func (p Presets) Validate() error {
	var errs []error
	if err := checkVersion(PresetsFileName, p.Version); err != nil {
		errs = append(errs, err)
	}
	if len(p.Presets) > MaxPresets {
		return fmt.Errorf("%s: %d presets, more than the limit of %d", PresetsFileName, len(p.Presets), MaxPresets)
	}
	seen := map[string]bool{}
	for i, preset := range p.Presets {
		if err := preset.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("preset %d: %w", i+1, err))
		}
		if seen[preset.ID] {
			errs = append(errs, fmt.Errorf("preset %d: id %q appears more than once", i+1, preset.ID))
		}
		seen[preset.ID] = true
	}
	return errors.Join(errs...)
}

// Validate reports what is missing or malformed in one entry.
func (p Preset) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !IsID(p.ID) || p.ID == reservedPresetID {
		bad("id %q is not kebab case of at most %d characters (or is %q, the index's name)", clip(p.ID), MaxIDLen, reservedPresetID)
	}
	if n := utf8.RuneCountInString(p.Title); strings.TrimSpace(p.Title) == "" || n > MaxPresetTitle {
		bad("%s: title must be 1 to %d characters", p.ID, MaxPresetTitle)
	}
	if n := utf8.RuneCountInString(p.Summary); strings.TrimSpace(p.Summary) == "" || n > MaxSummaryLen {
		bad("%s: summary must be 1 to %d characters, not %d", p.ID, MaxSummaryLen, n)
	}
	switch p.Group {
	case GroupClassic:
	case GroupPaper:
		if len(p.Papers) == 0 {
			bad("%s: group %q needs the ids of the papers it demonstrates", p.ID, p.Group)
		}
	default:
		bad("%s: group %q is not %q or %q", p.ID, clip(p.Group), GroupClassic, GroupPaper)
	}
	if len(p.Papers) > MaxPresetPapers {
		bad("%s: %d papers, more than the limit of %d", p.ID, len(p.Papers), MaxPresetPapers)
	}
	for _, id := range p.Papers {
		if !IsID(id) {
			bad("%s: paper id %q is not kebab case", p.ID, clip(id))
		}
	}
	return errors.Join(errs...)
}

// Find returns the preset with the given id.
func (p Presets) Find(id string) (Preset, bool) {
	for _, preset := range p.Presets {
		if preset.ID == id {
			return preset, true
		}
	}
	return Preset{}, false
}
