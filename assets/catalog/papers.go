package catalog

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Papers is the papers catalog, assets/papers.json.
type Papers struct {
	Version int     `json:"version"`
	Papers  []Paper `json:"papers"`
}

// Paper is one seed paper: what it is about in our words, and either the
// presets that demonstrate it or why a small browser network cannot (yet).
type Paper struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Date    string   `json:"date"` // yyyy-mm-dd, as published
	Authors int      `json:"authors"`
	Code    string   `json:"code,omitempty"` // the code repository the paper names, if any
	Tags    []string `json:"tags"`           // model families and ideas, kebab case
	Summary string   `json:"summary"`
	Demo    string   `json:"demo"`    // DemoPreset, DemoPlanned or DemoNone
	Presets []string `json:"presets"` // ids of the presets that demonstrate it
	// Reason says why no preset demonstrates the paper (yet); required
	// when Presets is empty.
	Reason string `json:"reason,omitempty"`
}

// The values of Paper.Demo.
const (
	DemoPreset  = "preset"  // presets demonstrate it
	DemoPlanned = "planned" // a later issue will add a preset
	DemoNone    = "none"    // a small browser network cannot show it
)

// Limits on a paper entry.
const (
	MaxPapers       = 500
	MaxTitleLen     = 300 // bytes
	MaxSummaryLen   = 300 // characters: one or two sentences
	MaxReasonLen    = 400 // characters
	MaxTags         = 12
	MaxPaperPresets = 16
	MaxAuthors      = 10_000
	MaxCodeURLLen   = 300
)

// PapersFileName names the catalog in messages.
const PapersFileName = "papers.json"

const (
	dateLayout = "2006-01-02"
	// earliestPaperDay rejects dates that are surely typos.
	earliestPaperDay = "1940-01-01"
)

// DecodePapers reads a papers catalog and returns it only if it is valid.
func DecodePapers(b []byte) (Papers, error) {
	var p Papers
	if err := decodeStrict(PapersFileName, b, &p); err != nil {
		return Papers{}, err
	}
	if err := p.Validate(); err != nil {
		return Papers{}, err
	}
	for i := range p.Papers {
		if p.Papers[i].Presets == nil {
			p.Papers[i].Presets = []string{} // encodes as [], not null
		}
	}
	return p, nil
}

// Validate reports every entry that is incomplete or malformed, and
// repeated ids.
func (p Papers) Validate() error {
	var errs []error
	if err := checkVersion(PapersFileName, p.Version); err != nil {
		errs = append(errs, err)
	}
	if len(p.Papers) > MaxPapers {
		return fmt.Errorf("%s: %d papers, more than the limit of %d", PapersFileName, len(p.Papers), MaxPapers)
	}
	seen := map[string]bool{}
	for i, paper := range p.Papers {
		if err := paper.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("paper %d: %w", i+1, err))
		}
		if seen[paper.ID] {
			errs = append(errs, fmt.Errorf("paper %d: id %q appears more than once", i+1, paper.ID))
		}
		seen[paper.ID] = true
	}
	return errors.Join(errs...)
}

// Validate reports what is missing or malformed in one entry.
func (p Paper) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !IsID(p.ID) {
		bad("id %q is not kebab case of at most %d characters", clip(p.ID), MaxIDLen)
	}
	if strings.TrimSpace(p.Title) == "" || len(p.Title) > MaxTitleLen {
		bad("%s: title must be 1 to %d bytes", p.ID, MaxTitleLen)
	}
	if d, err := time.Parse(dateLayout, p.Date); err != nil || p.Date < earliestPaperDay || d.After(time.Now().AddDate(1, 0, 0)) {
		bad("%s: date %q is not a plausible yyyy-mm-dd", p.ID, clip(p.Date))
	}
	if p.Authors < 1 || p.Authors > MaxAuthors {
		bad("%s: authors must be 1 to %d, not %d", p.ID, MaxAuthors, p.Authors)
	}
	if p.Code != "" && (!strings.HasPrefix(p.Code, "https://") || len(p.Code) > MaxCodeURLLen || strings.ContainsAny(p.Code, " \"<>")) {
		bad("%s: code %q is not an https URL of at most %d bytes", p.ID, clip(p.Code), MaxCodeURLLen)
	}
	if len(p.Tags) == 0 || len(p.Tags) > MaxTags {
		bad("%s: 1 to %d tags, not %d", p.ID, MaxTags, len(p.Tags))
	}
	for _, t := range p.Tags {
		if !IsTag(t) {
			bad("%s: tag %q is not kebab case of at most %d characters", p.ID, clip(t), MaxTagLen)
		}
	}
	if n := utf8.RuneCountInString(p.Summary); strings.TrimSpace(p.Summary) == "" || n > MaxSummaryLen {
		bad("%s: summary must be 1 to %d characters, not %d", p.ID, MaxSummaryLen, n)
	}
	switch p.Demo {
	case DemoPreset:
		if len(p.Presets) == 0 {
			bad("%s: demo is %q but no presets are listed", p.ID, p.Demo)
		}
	case DemoPlanned, DemoNone:
		if len(p.Presets) != 0 {
			bad("%s: presets are listed, so demo must be %q, not %q", p.ID, DemoPreset, p.Demo)
		}
	default:
		bad("%s: demo %q is not one of %q, %q, %q", p.ID, clip(p.Demo), DemoPreset, DemoPlanned, DemoNone)
	}
	if len(p.Presets) > MaxPaperPresets {
		bad("%s: %d presets, more than the limit of %d", p.ID, len(p.Presets), MaxPaperPresets)
	}
	for _, id := range p.Presets {
		if !IsID(id) {
			bad("%s: preset id %q is not kebab case", p.ID, clip(id))
		}
	}
	if len(p.Presets) == 0 && strings.TrimSpace(p.Reason) == "" {
		bad("%s: no presets, so a reason is required", p.ID)
	}
	if n := utf8.RuneCountInString(p.Reason); n > MaxReasonLen {
		bad("%s: reason has %d characters, more than %d", p.ID, n, MaxReasonLen)
	}
	return errors.Join(errs...)
}

// HasTag reports whether the paper carries tag.
func (p Paper) HasTag(tag string) bool {
	for _, t := range p.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Find returns the paper with the given id.
func (p Papers) Find(id string) (Paper, bool) {
	for _, paper := range p.Papers {
		if paper.ID == id {
			return paper, true
		}
	}
	return Paper{}, false
}

// WithTag returns the papers carrying tag, in catalog order (never nil).
func (p Papers) WithTag(tag string) []Paper {
	out := []Paper{}
	for _, paper := range p.Papers {
		if paper.HasTag(tag) {
			out = append(out, paper)
		}
	}
	return out
}

// clip shortens a quoted value in a message.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
