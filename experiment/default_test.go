package experiment

import (
	"testing"

	"playground/data"
)

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default() is invalid:\n%v", err)
	}
}

func TestDefaultHashIsShort(t *testing.T) {
	h := EncodeHash(Default())
	t.Logf("default hash (%d bytes): %s", len(h), h)
	if len(h) >= 200 {
		t.Errorf("the default hash has %d bytes; want fewer than 200", len(h))
	}
	s, _, err := DecodeHash(h)
	if err != nil || !s.Equal(Default()) {
		t.Errorf("DecodeHash(default hash) = %+v, %v; want Default()", s, err)
	}
}

func TestDefaultReturnsFreshSlices(t *testing.T) {
	a := Default()
	a.Features[0] = data.SinX2
	a.Layers[0].Units = 99
	if b := Default(); b.Features[0] != data.X1 || b.Layers[0].Units != 4 {
		t.Errorf("editing one Default() changed the next: %+v", b)
	}
}
