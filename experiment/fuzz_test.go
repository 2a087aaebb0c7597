package experiment

import (
	"math/rand/v2"
	"runtime/metrics"
	"strings"
	"testing"
)

// heapAllocated reads the bytes allocated on the heap so far. Unlike
// runtime.ReadMemStats it does not stop the world, so a fuzz target can
// afford it on every input; it lags by at most a span per size class,
// far below the bounds checked.
func heapAllocated() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

func FuzzDecodeHash(f *testing.F) {
	f.Add(EncodeHash(Default()))
	f.Add(EncodeHash(longestSpec()))
	for _, h := range []string{
		"", "#", "v=1", "#v=1", "v=", "v=0", "v=2", "v=1&", "v=1&&", "v=1&=", "&v=1", "v=1&v=1",
		"v=1&d=plane&k=0&loss=mse&add=-6:6:-1;6:-6:1",
		"v=1&d=rings&k=8&add=0:0:7&rm=0,1,499",
		"v=1&l=&f=sinx2",
		"v=1&l=dense:256:relu&f=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2",
		"v=1&l=dense:4:tanh:r=4",
		"v=1&lr=1e-45&mom=-0&gamma=1&rate=0",
		"v=1&lr=10&b1=0.99999994&seed=4294967295",
		"v=1&lr=NaN", "v=1&lr=+Inf", "v=1&n=-0", "v=1&n=0x10",
		"v=1&d=%3Acircle", "v=1&d=%",
		"v=3", "v=3&d=circle", "v=2&", "v=2&v=2", "v=2&l=", "v=2&l=dense:2:linear",
		"v=2&l=lowrank:8:relu:r=2,dense:2:linear",
		"v=2&f=x1,x2,x1sq&l=lowrank:8:relu:r=3,lowrank:2:linear:r=2",
		"v=2&l=lowrank:8:relu,dense:2:linear", "v=2&l=lowrank:8:relu:r=2.5,dense:2:linear",
		"v=2&l=lowrank:8:relu:r=0,dense:2:linear", "v=2&l=lowrank:8:relu:r=300,dense:2:linear",
		"v=2&l=lowrank:8:relu:q=1,dense:2:linear", "v=2&l=lowrank:8:relu:r=2:r=2,dense:2:linear",
		"v=2&l=lowrank:8:relu:r,dense:2:linear", "v=2&l=dense:8:relu:,dense:2:linear",
		"v=2&d=rings&k=8&l=dense:16:gelu,lowrank:8:sigmoid:r=8&add=0:0:7&rm=0,1,499",
		"v=2&zz=1&lr=0.1", "v=2&Zz=1", "v=1&zz=1&d=xor", "v=2&" + strings.Repeat("z", 17) + "=1",
		"v=2&d=plane&k=0&loss=mse&l=lowrank:1:tanh:r=1",
		// Spiking layers and the timing keys (data.Timing).
		"v=2&d=xor&lat=12&l=lif:16:linear:tau=10:th=0.3,lif:2:linear",
		"v=2&d=circle&lat=64&f=x1,x2,x1sq,x2sq&l=lif:8:linear:dl=2:dmax=50,lif:2:linear",
		"v=2&d=xor&lat=3&l=lif:4:linear,lif:2:linear", "v=2&d=xor&lat=-1", "v=2&d=plane&k=0&loss=mse&lat=12",
		"v=2&d=interval&k=8&gap=20&gapstep=10&onsets=40&l=lif:24:linear:dl=2:dmax=50,lif:8:linear",
		"v=2&d=interval&k=4&gap=0&gapstep=0&onsets=0&l=lif:4:linear,lif:4:linear",
		"v=2&d=interval&k=4&gap=21&l=lif:4:linear,lif:4:linear", "v=2&d=sequence&k=4&gap=3&lat=9",
		"v=2&d=circle&gap=99999999999999999999", "v=2&d=interval&k=4&onsets=1e3",
	} {
		f.Add(h)
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 20 {
		f.Add(EncodeHash(randomSpec(r)))
	}
	f.Fuzz(func(t *testing.T, h string) {
		before := heapAllocated()
		s, _, err := DecodeHash(h)
		if n := heapAllocated() - before; n > 1<<20 {
			t.Fatalf("decoding a %d-byte link allocated %d bytes", len(h), n)
		}
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("DecodeHash accepted an invalid spec: %v", err)
		}
		checkHashRoundTrip(t, s)
		checkJSONRoundTrip(t, s)
	})
}

func FuzzDecodeJSON(f *testing.F) {
	def, _ := EncodeJSON(Default())
	longest, _ := EncodeJSON(longestSpec())
	f.Add(def)
	f.Add(longest)
	f.Add([]byte(presetV1Literal))
	f.Add([]byte(presetV2Literal))
	for _, b := range []string{
		"", "null", "{}", "[]", `{"version": 1}`, `{"version": 2}`, `{"version": 1e400}`,
		`{"version": 1, "version": 1}`, `{"Version": 1}`, string(def) + "{}", string(def) + "  \n",
		`{"version": 1, "layers": [1]}`, `{"version": 1, "data": [[[[[[]]]]]]}`,
		`{"version": 3}`, `{"version": 2, "layers": [{"options": {"r": 2}}]}`,
		`{"version": 2, "layers": [{"options": {"r": 2, "r": 3}}]}`, `{"version": 2, "layers": [{"options": []}]}`,
		`{"version": 1, "layers": [{"options": {}}]}`,
		strings.Replace(presetV2Literal, `"r": 2`, `"r": 2.5`, 1),
		strings.Replace(presetV2Literal, `"r": 2`, `"q": 2`, 1),
		strings.Replace(presetV2Literal, `"r": 3`, `"r": 300`, 1),
	} {
		f.Add([]byte(b))
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 10 {
		b, _ := EncodeJSON(randomSpec(r))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		before := heapAllocated()
		s, err := DecodeJSON(b)
		if n := heapAllocated() - before; n > 2<<20 {
			t.Fatalf("decoding a %d-byte file allocated %d bytes", len(b), n)
		}
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("DecodeJSON accepted an invalid spec: %v", err)
		}
		checkJSONRoundTrip(t, s)
		checkHashRoundTrip(t, s)
	})
}
