package catalog

import "testing"

// FuzzDecode feeds both decoders arbitrary bytes: they may refuse, never
// panic, and whatever they accept must be valid.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{fixturePapers, fixturePresets, "", "null", "{}", "[]", `{"version":1}`,
		`{"version":1,"papers":null}`, `{"version":1,"papers":[null]}`, `{"version":1,"presets":[{}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, err := DecodePapers(b); err == nil {
			if err := p.Validate(); err != nil {
				t.Fatalf("DecodePapers accepted an invalid catalog: %v", err)
			}
		}
		if p, err := DecodePresets(b); err == nil {
			if err := p.Validate(); err != nil {
				t.Fatalf("DecodePresets accepted an invalid index: %v", err)
			}
		}
	})
}
