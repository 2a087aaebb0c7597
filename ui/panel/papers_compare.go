package panel

import (
	"strings"

	"playground/assets/catalog"
	"playground/embedmode"
)

// comparison is a side-by-side page a paper's entry links to.
type comparison struct {
	label string
	link  string // embedmode.CompareLink of the presets
}

// comparisons lists what a paper's presets can be compared as: all of
// them when they are 2 to 4; else each run of 2 to 4 presets whose titles
// name one subject before a comma ("Spike interval, no delays", "Spike
// interval, learned delays"), the variants of one experiment.
func comparisons(presets []catalog.Preset) []comparison {
	if n := len(presets); n >= embedmode.MinCompared && n <= embedmode.MaxCompared {
		return []comparison{{label: "Compare side by side", link: embedmode.CompareLink(presetIDs(presets))}}
	}
	var subjects []string
	bySubject := map[string][]catalog.Preset{}
	for _, p := range presets {
		subject, _, variant := strings.Cut(p.Title, ", ")
		if !variant {
			continue
		}
		if _, seen := bySubject[subject]; !seen {
			subjects = append(subjects, subject)
		}
		bySubject[subject] = append(bySubject[subject], p)
	}
	var list []comparison
	for _, subject := range subjects {
		group := bySubject[subject]
		if len(group) >= embedmode.MinCompared && len(group) <= embedmode.MaxCompared {
			list = append(list, comparison{label: "Compare side by side: " + subject, link: embedmode.CompareLink(presetIDs(group))})
		}
	}
	return list
}

func presetIDs(presets []catalog.Preset) []string {
	ids := make([]string, len(presets))
	for i, p := range presets {
		ids[i] = p.ID
	}
	return ids
}
