package experiment

import (
	"encoding"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"playground/nn"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fileLayout lists the JSON layout of a file struct, one line per path in
// the order encoding/json writes them: the path ("layers[].options{}" for
// a map's values, "[]" for a list's items), the Go kind, and whether the
// key is omitempty and whether the value is written as text (an enum by
// name). Nested types are walked too, so a change to a type a file shares
// with the live Spec shows.
func fileLayout(t reflect.Type) []string {
	var lines []string
	// promoted marks an embedded struct's fields, written as its outer
	// struct's: the outer struct's line is written once.
	promoted := false
	var walk func(t reflect.Type, path string, omitempty bool)
	walk = func(t reflect.Type, path string, omitempty bool) {
		line := path + ": " + t.Kind().String()
		if t.Kind() == reflect.Map {
			line += " key " + t.Key().Kind().String()
		}
		if omitempty {
			line += " omitempty"
		}
		text := t.Implements(reflect.TypeFor[encoding.TextMarshaler]()) || reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextMarshaler]())
		custom := t.Implements(reflect.TypeFor[json.Marshaler]()) || reflect.PointerTo(t).Implements(reflect.TypeFor[json.Marshaler]())
		switch {
		case custom:
			line += " json"
		case text:
			line += " text"
		}
		if path != "" && !promoted {
			lines = append(lines, line)
		}
		promoted = false
		if custom || text {
			return
		}
		switch t.Kind() {
		case reflect.Struct:
			for i := range t.NumField() {
				sf := t.Field(i)
				name, ok := jsonName(sf)
				if !ok {
					continue
				}
				_, options, _ := strings.Cut(sf.Tag.Get("json"), ",")
				omit := strings.Contains(","+options+",", ",omitempty,")
				if sf.Anonymous && sf.Type.Kind() == reflect.Struct && sf.Tag.Get("json") == "" {
					promoted = true
					walk(sf.Type, path, false)
					continue
				}
				walk(sf.Type, joinPath(path, name), omit)
			}
		case reflect.Slice, reflect.Array:
			walk(t.Elem(), path+"[]", false)
		case reflect.Map:
			walk(t.Elem(), path+"{}", false)
		case reflect.Pointer:
			walk(t.Elem(), path, false)
		}
	}
	walk(t, "", false)
	return lines
}

// checkGolden compares got with testdata/name, ignoring lines starting
// with '#', or rewrites the file under -update (keeping its comments).
func checkGolden(t *testing.T, name, header string, got []string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		text := header + strings.Join(got, "\n") + "\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readGolden(t, path)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s changed: a released format would change.\nwant:\n%s\n\ngot:\n%s\n\n"+
			"Leave the old version's types as they were (give the new version types of its own); "+
			"run go test -update only for a version not yet released.",
			path, strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}

func readGolden(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	var lines []string
	for line := range strings.SplitSeq(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	return lines
}

// Every preset file version keeps its JSON layout, including the types it
// shares with the live Spec (DataSpec, LayerSpec, data.Point, ...): a field
// added to one of those changes every file version that uses it.
func TestFileLayoutsFrozen(t *testing.T) {
	for _, c := range []struct {
		name string
		typ  reflect.Type
	}{
		{"file_layout_v1.txt", reflect.TypeFor[fileV1]()},
		{"file_layout_v2.txt", reflect.TypeFor[fileV2]()},
	} {
		header := fmt.Sprintf("# The JSON layout of %v, preset file version %s: path: Go kind, omitempty, text (written\n"+
			"# by name). Frozen by TestFileLayoutsFrozen: files of this version exist.\n", c.typ, strings.TrimSuffix(strings.TrimPrefix(c.name, "file_layout_v"), ".txt"))
		checkGolden(t, c.name, header, fileLayout(c.typ))
	}
}

// Layer options left out of a v=2 link or a version-2 file take the
// kind's default, so a default, once released, means what it meant:
// testdata/option_defaults.txt keeps every kind's options with default,
// range and integrality. Kinds and options may be added; a default may
// not change, an option or kind may not go, and a range may only widen
// (a narrower one, or Integer turned on, would refuse old links).
func TestOptionDefaultsFrozen(t *testing.T) {
	var current []string
	for _, k := range nn.LayerKinds() {
		for _, o := range k.Options {
			current = append(current, optionLine(k.Kind, o))
		}
	}
	const name = "option_defaults.txt"
	path := filepath.Join("testdata", name)
	if *update {
		// Keep what was released, add what is new.
		var lines []string
		if _, err := os.Stat(path); err == nil {
			lines = readGolden(t, path)
		}
		for _, line := range current {
			key := strings.Join(strings.Fields(line)[:2], " ")
			if !strings.Contains("\n"+strings.Join(lines, "\n")+"\n", "\n"+key+" ") {
				lines = append(lines, line)
			}
		}
		header := "# Every layer kind's options as released: kind key default min max integer.\n" +
			"# Frozen by TestOptionDefaultsFrozen: links and files leave options at their default out.\n"
		if err := os.WriteFile(path, []byte(header+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, line := range readGolden(t, path) {
		f := strings.Fields(line)
		if len(f) != 6 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		kind, key := nn.LayerKind(f[0]), f[1]
		k := kind.Info()
		if k == nil {
			t.Errorf("layer kind %s is gone; links and files name it", kind)
			continue
		}
		o := k.Option(key)
		if o == nil {
			t.Errorf("option %s of %s is gone; links and files name it", key, kind)
			continue
		}
		def, lo, hi := parseF32(t, f[2]), parseF32(t, f[3]), parseF32(t, f[4])
		if o.Default != def {
			t.Errorf("the default of %s's option %s changed from %v to %v: every link and file that leaves it out would change meaning", kind, key, def, o.Default)
		}
		if o.Min > lo || o.Max < hi {
			t.Errorf("the range of %s's option %s narrowed from %v..%v to %v..%v: old links would be refused", kind, key, lo, hi, o.Min, o.Max)
		}
		if o.Integer && f[5] == "false" {
			t.Errorf("%s's option %s became whole numbers only: old links with fractions would be refused", kind, key)
		}
	}
	for _, line := range current {
		t.Log(line)
	}
}

func optionLine(kind nn.LayerKind, o nn.Option) string {
	return fmt.Sprintf("%s %s %s %s %s %v", kind, o.Key, formatFloat(o.Default), formatFloat(o.Min), formatFloat(o.Max), o.Integer)
}

func parseF32(t *testing.T, s string) float32 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 32)
	if err != nil {
		t.Fatalf("bad number %q: %v", s, err)
	}
	return float32(x)
}
