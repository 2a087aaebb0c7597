package experiment

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/x448/float16"
)

// randomWeights draws values over float16's range of magnitudes.
func randomWeights(r *rand.Rand, params, state int) Weights {
	draw := func(n int) []float32 {
		vs := make([]float32, n)
		for i := range vs {
			vs[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(9)-6)))
		}
		return vs
	}
	return Weights{Step: r.IntN(100000), Epoch: r.IntN(1000), Params: draw(params), State: draw(state)}
}

func TestWeightsRoundTripInFloat16(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []WeightCounts{{0, 0}, {1, 0}, {28, 0}, {120, 70}, {5000, 300}} {
		w := randomWeights(r, c.Params, c.State)
		text, err := EncodeWeights(w)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeWeights(text, c)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		want := RoundWeights(w)
		if got.Step != w.Step || got.Epoch != w.Epoch {
			t.Errorf("%v: step %d epoch %d, want %d and %d", c, got.Step, got.Epoch, w.Step, w.Epoch)
		}
		for i, v := range append(got.Params, got.State...) {
			orig := append(w.Params, w.State...)[i]
			exact := append(want.Params, want.State...)[i]
			if math.Float32bits(v) != math.Float32bits(exact) {
				t.Fatalf("%v: value %d is %v, want the float16 %v", c, i, v, exact)
			}
			// The documented bound: 2^-11 relative for normal float16
			// magnitudes, 2^-25 absolute below them.
			err := math.Abs(float64(v - orig))
			if bound := max(math.Abs(float64(orig))*0x1p-11, 0x1p-25); err > bound {
				t.Fatalf("%v: value %d: %v became %v, off by %g > %g", c, i, orig, v, err, bound)
			}
		}
		t.Logf("%d values: %d bytes of text (%.2f per value)", c.Params+c.State, len(text), float64(len(text))/float64(max(1, c.Params+c.State)))
	}
}

func TestEncodeWeightsRefusesWhatFloat16CannotHold(t *testing.T) {
	for _, v := range []float32{float32(math.NaN()), float32(math.Inf(-1)), 70000} {
		if _, err := EncodeWeights(Weights{Params: []float32{0, v}}); err == nil || !strings.Contains(err.Error(), "parameter 1") {
			t.Errorf("%v: err %v, want a refusal naming parameter 1", v, err)
		}
	}
	if _, err := EncodeWeights(Weights{Params: []float32{65504, -65504, 1e-8}}); err != nil {
		t.Errorf("float16's extremes were refused: %v", err)
	}
}

// payload builds a payload by hand: version byte, then body as given
// (with its checksum appended when sum is true), compressed.
func payload(version byte, body []byte, sum bool) string {
	if sum {
		body = binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))
	}
	var out bytes.Buffer
	out.WriteByte(version)
	zw, _ := flate.NewWriter(&out, flate.BestSpeed)
	zw.Write(body)
	zw.Close()
	return base64.RawURLEncoding.EncodeToString(out.Bytes())
}

func header(step, epoch, params, state uint64) []byte {
	var b []byte
	for _, n := range []uint64{step, epoch, params, state} {
		b = binary.AppendUvarint(b, n)
	}
	return b
}

func TestDecodeWeightsRefusals(t *testing.T) {
	good, err := EncodeWeights(Weights{Step: 3, Params: []float32{1, 2, 3}, State: []float32{4}})
	if err != nil {
		t.Fatal(err)
	}
	counts := WeightCounts{3, 1}
	if _, err := DecodeWeights(good, counts); err != nil {
		t.Fatalf("the good payload: %v", err)
	}
	inf := float16.Inf(1).Bits()
	values := func(n int, bits uint16) []byte {
		b := make([]byte, 2*n)
		for i := range n {
			b[i], b[n+i] = byte(bits>>8), byte(bits)
		}
		return b
	}
	damaged := []byte(good)
	damaged[len(damaged)/2] ^= 1
	for _, c := range []struct {
		name, text string
		counts     WeightCounts
		want       string
	}{
		{"other counts", good, WeightCounts{4, 1}, "network of 3 parameters and 1 state values, but this experiment's network has 4 and 1"},
		{"other state", good, WeightCounts{3, 0}, "has 3 and 0"},
		{"empty", "", counts, "empty"},
		{"not base64", "!!!!", counts, "base64url"},
		{"padding", good + "=", counts, "base64url"},
		{"too long", strings.Repeat("A", MaxWeightsLen+1), counts, "at most"},
		{"too many wanted", good, WeightCounts{MaxWeightValues, 1}, "at most"},
		{"newer", payload(2, header(0, 0, 3, 1), true), counts, "newer version"},
		{"version 0", payload(0, header(0, 0, 3, 1), true), counts, "no version"},
		{"damaged", string(damaged), counts, "damaged"},
		{"not deflate", base64.RawURLEncoding.EncodeToString([]byte{1, 0xff, 0xff, 0xff}), counts, "do not decompress"},
		{"no checksum", payload(1, append(header(0, 0, 3, 1), values(4, 0)...), false), counts, "checksum"},
		{"short", payload(1, []byte{1}, false), counts, "cut short"},
		{"short values", payload(1, append(header(0, 0, 3, 1), values(3, 0)...), true), counts, "take 8"},
		{"infinite", payload(1, append(header(0, 0, 3, 1), values(4, inf)...), true), counts, "not a finite number"},
		{"huge step", payload(1, append(header(1<<41, 0, 3, 1), values(4, 0)...), true), counts, "step"},
		{"broken header", payload(1, []byte{0xff, 0xff, 0xff}, true), counts, "header"},
		{"longer than the counts", payload(1, append(header(0, 0, 3, 1), values(4000, 0)...), true), counts, "more than this network"},
		{"claims more", payload(1, append(header(0, 0, 4000, 0), values(4000, 0)...), true), counts, "network of 4000 parameters"},
	} {
		_, err := DecodeWeights(c.text, c.counts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// A payload that inflates far beyond what the counts allow is cut off
// after that many bytes: a hostile link cannot make the page allocate
// much.
func TestDecodeWeightsBoundsAllocation(t *testing.T) {
	bomb := payload(1, make([]byte, 64<<20), false) // 64 MiB of zeros
	if len(bomb) > MaxWeightsLen {
		t.Fatalf("the test's bomb is %d bytes of text, over the cap", len(bomb))
	}
	var err error
	allocated := heapAllocatedBy(func() { _, err = DecodeWeights(bomb, WeightCounts{28, 0}) })
	if err == nil {
		t.Fatal("a 64 MiB body was read for 28 parameters")
	}
	if allocated > 4<<20 {
		t.Errorf("decoding the bomb allocated %d bytes", allocated)
	}
}

func heapAllocatedBy(f func()) uint64 {
	before := heapAllocated()
	f()
	return heapAllocated() - before
}

func TestLinkWithWeights(t *testing.T) {
	s := Default()
	w := Weights{Step: 7, Params: make([]float32, s.NumParams())}
	link, err := EncodeHashWithWeights(s, w)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, EncodeHash(s)+"&w=") {
		t.Fatalf("link %q does not extend the spec's hash", link)
	}
	got, ignored, err := DecodeHash("#" + link)
	if err != nil || len(ignored) > 0 || !got.Equal(s) {
		t.Fatalf("DecodeHash: %v, ignored %v, equal %v", err, ignored, got.Equal(s))
	}
	text, err := HashWeights("#" + link)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeWeights(text, WeightCounts{s.NumParams(), 0})
	if err != nil || back.Step != 7 {
		t.Fatalf("weights from the link: %+v, %v", back, err)
	}
	if text, err := HashWeights(EncodeHash(s)); text != "" || err != nil {
		t.Errorf("a link without weights: %q, %v", text, err)
	}
	for _, bad := range []string{link + "&w=AQ", EncodeHash(s) + "&w=", EncodeHash(s) + "&w"} {
		if _, err := HashWeights(bad); err == nil {
			t.Errorf("HashWeights(%q) took it", bad)
		}
	}
	// Version 1 links never had the key: there it is an unknown key.
	if _, ignored, _ := DecodeHash("v=1&w=AQ"); len(ignored) != 1 || ignored[0] != "w" {
		t.Errorf("v=1 with w: ignored %v, want [w]", ignored)
	}
}

func TestExportFileRoundTrip(t *testing.T) {
	s := Default()
	s.Data.Noise = 20
	payload, err := EncodeWeights(Weights{Step: 2, Params: make([]float32, s.NumParams())})
	if err != nil {
		t.Fatal(err)
	}
	for _, weights := range []string{payload, ""} {
		b, err := EncodeExport(s, weights)
		if err != nil {
			t.Fatal(err)
		}
		got, gotWeights, err := ImportFile(b)
		if err != nil || !got.Equal(s) || gotWeights != weights {
			t.Errorf("ImportFile: %v, equal %v, weights %q want %q", err, got.Equal(s), gotWeights, weights)
		}
	}
	preset, err := EncodeJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if got, w, err := ImportFile(preset); err != nil || !got.Equal(s) || w != "" {
		t.Errorf("a preset file: %v, equal %v, weights %q", err, got.Equal(s), w)
	}
}

func TestImportFileRefusals(t *testing.T) {
	preset, err := EncodeJSON(Default())
	if err != nil {
		t.Fatal(err)
	}
	exp := string(preset)
	for _, c := range []struct{ name, file, want string }{
		{"not JSON", "hello", "not a JSON object"},
		{"array", "[1]", "not a JSON object"},
		{"trailing", `{"export": 1, "experiment": ` + exp + `} {}`, "not a JSON object"},
		{"newer", `{"export": 2, "experiment": ` + exp + `}`, "newer version"},
		{"zero", `{"export": 0, "experiment": ` + exp + `}`, "start at 1"},
		{"no experiment", `{"export": 1}`, `no "experiment"`},
		{"bad experiment", `{"export": 1, "experiment": {"version": 2}}`, `"experiment":`},
		{"unknown key", `{"export": 1, "experiment": ` + exp + `, "extra": 1}`, "unknown field"},
		{"weights not text", `{"export": 1, "experiment": ` + exp + `, "weights": 5}`, "malformed"},
		{"empty weights", `{"export": 1, "experiment": ` + exp + `, "weights": ""}`, "empty"},
		{"too long", `{"export": 1, "x": "` + strings.Repeat("a", MaxExportLen) + `"}`, "at most"},
		{"bad preset", `{"version": 2}`, ""},
	} {
		_, _, err := ImportFile([]byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// FuzzDecodeWeights: no payload crashes the decoder or makes it allocate
// beyond what the counts allow; what it accepts has the counts asked for
// and finite values, and encodes back to a payload that reads the same.
func FuzzDecodeWeights(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []WeightCounts{{28, 0}, {120, 70}, {3, 1}, {0, 0}} {
		text, err := EncodeWeights(randomWeights(r, c.Params, c.State))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text, c.Params, c.State)
	}
	f.Add(payload(1, make([]byte, 1<<20), false), 28, 0)
	f.Add("AQ", 1, 1)
	f.Fuzz(func(t *testing.T, text string, params, state int) {
		counts := WeightCounts{params, state}
		before := heapAllocated()
		w, err := DecodeWeights(text, counts)
		if grew := heapAllocated() - before; grew > uint64(1<<20+2*len(text)+24*max(0, min(params+state, MaxWeightValues))) {
			t.Errorf("allocated %d bytes for %d bytes of text and counts %v", grew, len(text), counts)
		}
		if err != nil {
			return
		}
		if w.Counts() != counts {
			t.Fatalf("counts %v, asked for %v", w.Counts(), counts)
		}
		again, err := EncodeWeights(w)
		if err != nil {
			t.Fatalf("accepted weights do not encode: %v", err)
		}
		w2, err := DecodeWeights(again, counts)
		if err != nil || !sameWeights(w, w2) {
			t.Fatalf("re-encoded weights read back differently: %v", err)
		}
	})
}

func sameWeights(a, b Weights) bool {
	if a.Step != b.Step || a.Epoch != b.Epoch || a.Counts() != b.Counts() {
		return false
	}
	for i := range a.Params {
		if math.Float32bits(a.Params[i]) != math.Float32bits(b.Params[i]) {
			return false
		}
	}
	for i := range a.State {
		if math.Float32bits(a.State[i]) != math.Float32bits(b.State[i]) {
			return false
		}
	}
	return true
}

// FuzzImportFile: no file crashes the importer; what it accepts is a
// valid spec that exports and imports back equal, with its weights.
func FuzzImportFile(f *testing.F) {
	weights, err := EncodeWeights(Weights{Step: 1, Params: make([]float32, Default().NumParams())})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []Spec{Default(), longestSpec()} {
		for _, w := range []string{weights, ""} {
			b, err := EncodeExport(s, w)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
		b, err := EncodeJSON(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{`{"export": 1}`, `{"export": 1, "experiment": null, "weights": null}`, `{}`, `null`, `{"export": "1"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, w, err := ImportFile(b)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("an invalid spec was imported: %v", err)
		}
		out, err := EncodeExport(s, w)
		if err != nil {
			t.Fatal(err)
		}
		s2, w2, err := ImportFile(out)
		if err != nil || !s2.Equal(s) || w2 != w {
			t.Fatalf("the exported file reads back differently: %v", err)
		}
	})
}
