package experiment

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"playground/data"
)

// uploadedTable is n valid uploaded points of the set: on the grid inside
// the plane, labels 0..classes-1 or values in [-1, 1], every class used.
func uploadedTable(set data.Set, classes, n int, seed uint64) data.Table {
	r := rand.New(rand.NewPCG(seed, 3))
	t := make(data.Table, n)
	grid := func(lim float64) float32 { return data.Quantize(float32((r.Float64()*2 - 1) * lim)) }
	for i := range t {
		t[i] = data.Point{X1: grid(data.Domain), X2: grid(data.Domain)}
		if set.Regression() {
			t[i].Value = grid(1)
		} else {
			t[i].Label = i % classes
		}
	}
	return t
}

// withUpload makes s an uploaded set of the given kind with n points.
func withUpload(s *Spec, set data.Set, n int) {
	classes := 0
	if !set.Regression() {
		classes = 3
	}
	s.UseUpload(data.Upload{Points: uploadedTable(set, max(classes, 1), n, uint64(n)), Regression: set.Regression(), Classes: classes})
}

func TestUseUploadMakesAValidSpec(t *testing.T) {
	for _, set := range []data.Set{data.Uploaded, data.UploadedValues} {
		s := Default()
		withUpload(&s, set, 40)
		if err := s.Validate(); err != nil {
			t.Fatalf("%v: %v", set, err)
		}
		if s.Data.Set != set || s.Data.Points != 40 || s.Data.Noise != 0 || s.Outputs() != max(s.Data.Classes, 1) {
			t.Errorf("%v: %+v", set, s.Data)
		}
		checkHashRoundTrip(t, s)
		checkJSONRoundTrip(t, s)
		// Another set drops the points.
		s.UseSet(data.Circle)
		if len(s.Data.Uploaded) != 0 || s.Validate() != nil {
			t.Errorf("after UseSet(circle): %d points, %v", len(s.Data.Uploaded), s.Validate())
		}
	}
}

func TestUploadedPointsInTheLink(t *testing.T) {
	s := Default()
	withUpload(&s, data.Uploaded, 30)
	h := EncodeHash(s)
	if !strings.Contains(h, "&d=csv&") || !strings.Contains(h, "&csv=A") {
		t.Errorf("link %s", h)
	}
	// 1 format byte and 5 bytes a point, in base64.
	if key := h[strings.Index(h, "&csv=")+5:]; len(key) != (1+5*30)*4/3+1 {
		t.Errorf("the points take %d characters", len(key))
	}
	// A regression of the largest size that fits, and one point more.
	n := (MaxLinkUploadBytes - 1) / 6
	withUpload(&s, data.UploadedValues, n)
	if !UploadFitsLink(s) {
		t.Fatalf("%d points of a regression should fit", n)
	}
	checkHashRoundTrip(t, s)
	if len(EncodeHash(s)) > MaxHashLen {
		t.Errorf("the link is %d bytes", len(EncodeHash(s)))
	}
	withUpload(&s, data.UploadedValues, n+1)
	h = EncodeHash(s)
	if UploadFitsLink(s) || !strings.HasSuffix(h, "&csv="+uploadTooLarge) {
		t.Fatalf("%d points: %s", n+1, clip(h))
	}
	if _, _, err := DecodeHash(h); err == nil || !strings.Contains(err.Error(), "too large for a link") {
		t.Errorf("a link without its points: %v", err)
	}
	// The file carries what the link cannot.
	withUpload(&s, data.Uploaded, data.MaxCSVRows)
	checkJSONRoundTrip(t, s)
}

func TestUploadedLinkRefusals(t *testing.T) {
	s := Default()
	withUpload(&s, data.Uploaded, 12)
	good := EncodeHash(s)
	prefix, payload, _ := strings.Cut(good, "&csv=")
	// edit changes the payload's bytes and writes it again.
	edit := func(change func(b []byte) []byte) string {
		b, err := base64.RawURLEncoding.DecodeString(payload)
		if err != nil {
			t.Fatal(err)
		}
		return prefix + "&csv=" + base64.RawURLEncoding.EncodeToString(change(b))
	}
	if _, _, err := DecodeHash(edit(func(b []byte) []byte { return b })); err != nil {
		t.Fatalf("the unchanged payload: %v", err)
	}
	cases := map[string]string{
		"not base64":     prefix + "&csv=AQ!!",
		"format":         edit(func(b []byte) []byte { b[0] = 3; return b }),
		"partial point":  edit(func(b []byte) []byte { return b[:len(b)-2] }),
		"too long":       prefix + "&csv=" + strings.Repeat("A", 8100),
		"label 5 of 3":   edit(func(b []byte) []byte { b[len(b)-1] = 5; return b }),
		"off the plane":  edit(func(b []byte) []byte { b[1], b[2] = 0x7f, 0xff; return b }),
		"class set, val": strings.Replace(good, "d=csv&", "d=csvreg&", 1),
		"no points":      prefix,
	}
	for name, h := range cases {
		if _, _, err := DecodeHash(h); err == nil {
			t.Errorf("%s: %s was read", name, clip(h))
		}
	}
}

func TestValidateUploaded(t *testing.T) {
	base := Default()
	withUpload(&base, data.Uploaded, 20)
	cases := map[string]func(s *Spec){
		"count":       func(s *Spec) { s.Data.Points = 21 },
		"noise":       func(s *Spec) { s.Data.Noise = 5 },
		"few":         func(s *Spec) { s.Data.Uploaded = s.Data.Uploaded[:9]; s.Data.Points = 9 },
		"off grid":    func(s *Spec) { s.Data.Uploaded[3].X1 = 0.0001 },
		"outside":     func(s *Spec) { s.Data.Uploaded[3].X2 = 6.001 },
		"label":       func(s *Spec) { s.Data.Uploaded[3].Label = 3 },
		"value":       func(s *Spec) { s.Data.Uploaded[3].Value = 0.5 },
		"another set": func(s *Spec) { s.Data.Set = data.SpiralK },
	}
	for name, edit := range cases {
		s := base.Clone()
		edit(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "data.") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
