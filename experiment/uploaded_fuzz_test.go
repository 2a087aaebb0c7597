package experiment

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"playground/data"
)

// FuzzUploadedKey feeds the link's "csv" key (the uploaded points) to its
// decoder alone and inside a link: never a panic, allocation bounded by
// the key's cap, and whatever reads writes back as the same points.
func FuzzUploadedKey(f *testing.F) {
	for _, set := range []data.Set{data.Uploaded, data.UploadedValues} {
		s := Default()
		withUpload(&s, set, 12)
		_, payload, _ := strings.Cut(EncodeHash(s), "&csv=")
		f.Add(payload)
	}
	for _, v := range []string{"", uploadTooLarge, "AQ", "Ag", "AA", "A", "AQ!!", "_____", strings.Repeat("A", 8000), strings.Repeat("A", 8001)} {
		f.Add(v)
	}
	classes := Default()
	withUpload(&classes, data.Uploaded, 12)
	prefix, _, _ := strings.Cut(EncodeHash(classes), "&csv=")
	f.Fuzz(func(t *testing.T, v string) {
		before := heapAllocated()
		points, err := parseUploaded(v)
		if n := heapAllocated() - before; n > 1<<20 {
			t.Fatalf("decoding %d bytes of points allocated %d bytes", len(v), n)
		}
		if err == nil && len(points) > 0 {
			b, _ := base64.RawURLEncoding.DecodeString(v)
			set := data.Uploaded
			if b[0] == uploadValues {
				set = data.UploadedValues
			}
			s := Spec{Data: DataSpec{Set: set, Uploaded: points}}
			back, err := parseUploaded(formatUploaded(s))
			if err != nil || !slices.Equal(back, points) {
				t.Fatalf("%v wrote back as %v, %v", points, back, err)
			}
		}
		if _, _, err := DecodeHash(prefix + "&csv=" + v); err == nil && len(v) == 0 {
			t.Fatal("a csv link without points was read")
		}
	})
}
