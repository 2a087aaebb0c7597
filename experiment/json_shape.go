package experiment

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// checkShape walks a JSON document alongside the Go type it will be decoded
// into, before anything is decoded, and reports the first of:
//   - an object key that is unknown, repeated, or spelled in another case;
//   - a missing field that is not omitempty;
//   - an object or list where the type wants something else;
//   - a list longer than its limit in listLimits (keyed by path; every
//     list in the type must have one).
//
// encoding/json alone would take the last of repeated keys, match names
// regardless of case, and leave missing fields at zero: a preset with
// "momentum" forgotten would quietly train with momentum 0. Checking list
// lengths first bounds what the decoder allocates. The walk recurses only
// along the Go type, so its depth is bounded by the type, not the input.
// Scalars of the wrong kind are left to json.Unmarshal to report.
func checkShape(b []byte, t reflect.Type, listLimits map[string]int) error {
	w := shapeWalker{dec: json.NewDecoder(bytes.NewReader(b)), listLimits: listLimits}
	w.dec.UseNumber() // no float conversion: the walk only looks at structure
	return w.value(t, "")
}

type shapeWalker struct {
	dec        *json.Decoder
	listLimits map[string]int
}

func (w *shapeWalker) value(t reflect.Type, path string) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	composite := t.Kind() == reflect.Struct || t.Kind() == reflect.Slice || t.Kind() == reflect.Map
	if composite && writtenAsText(t) {
		// A list written as one string (uploaded points): its
		// UnmarshalText bounds and reads it.
		if _, ok := tok.(string); !ok && tok != nil {
			return fmt.Errorf("%s: want a string, not %s", pathName(path), jsonKindOf(tok))
		}
		return nil
	}
	switch {
	case tok == json.Delim('{') && t.Kind() == reflect.Struct:
		return w.object(t, path)
	case tok == json.Delim('{') && t.Kind() == reflect.Map:
		return w.dictionary(t, path)
	case tok == json.Delim('[') && t.Kind() == reflect.Slice:
		return w.list(t, path)
	case tok == json.Delim('{') || tok == json.Delim('['):
		return fmt.Errorf("%s: want %s, not %s", pathName(path), jsonKind(t), jsonKindOf(tok))
	case composite && tok != nil: // null leaves a field at zero, for Validate to judge
		return fmt.Errorf("%s: want %s, not %s", pathName(path), jsonKind(t), jsonKindOf(tok))
	}
	return nil
}

func (w *shapeWalker) object(t reflect.Type, path string) error {
	fields := cachedJSONFields(t)
	var seen uint64 // bit i: fields[i] was read
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string) // the decoder has checked that keys are strings
		i := fieldIndex(fields, key)
		switch {
		case i < 0:
			return fmt.Errorf("unknown field %s%s", quoteClip(key), in(path))
		case seen&(1<<i) != 0:
			return fmt.Errorf("field %q appears more than once%s", key, in(path))
		}
		seen |= 1 << i
		if err := w.value(fields[i].typ, joinPath(path, key)); err != nil {
			return err
		}
	}
	if _, err := w.dec.Token(); err != nil { // '}'
		return err
	}
	for i, f := range fields {
		if f.required && seen&(1<<i) == 0 {
			return fmt.Errorf("missing field %q%s", f.name, in(path))
		}
	}
	return nil
}

// maxDictionaryKeys bounds an object with free keys (a layer's options);
// which keys are allowed is Validate's business.
const maxDictionaryKeys = 16

func (w *shapeWalker) dictionary(t reflect.Type, path string) error {
	seen := map[string]bool{}
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		switch {
		case seen[key]:
			return fmt.Errorf("field %s appears more than once%s", quoteClip(key), in(path))
		case len(seen) == maxDictionaryKeys:
			return fmt.Errorf("%s: more than %d keys", pathName(path), maxDictionaryKeys)
		}
		seen[key] = true
		if err := w.value(t.Elem(), joinPath(path, key)); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // '}'
	return err
}

func (w *shapeWalker) list(t reflect.Type, path string) error {
	limit, ok := w.listLimits[path]
	if !ok {
		return fmt.Errorf("%s: this page has no limit for this list", pathName(path))
	}
	for i := 0; w.dec.More(); i++ {
		if i == limit {
			return fmt.Errorf("%s: more than %d items, the limit", pathName(path), limit)
		}
		if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // ']'
	return err
}

// writtenAsText reports whether encoding/json writes t as a string.
func writtenAsText(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
}

// jsonKind names what a Go type looks like in JSON, for messages.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "true or false"
	case reflect.String, reflect.Uint8: // the enums are written by name
		return "a name"
	}
	return "a number"
}

func jsonKindOf(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		if tok == json.Delim('{') {
			return "an object"
		}
		return "a list"
	case string:
		return "a string"
	case bool:
		return "true or false"
	}
	return "a number"
}

// jsonField is one key of a struct's JSON object.
type jsonField struct {
	name     string
	typ      reflect.Type
	required bool // not omitempty
}

// jsonFieldCache maps a struct type to its jsonFields, so that a file of
// many small objects does not repeat the reflection for each.
var jsonFieldCache sync.Map

func cachedJSONFields(t reflect.Type) []jsonField {
	if fields, ok := jsonFieldCache.Load(t); ok {
		return fields.([]jsonField)
	}
	fields := jsonFields(t, nil)
	if len(fields) > 64 {
		panic("experiment: checkShape tracks at most 64 fields per object; " + t.String() + " has more")
	}
	jsonFieldCache.Store(t, fields)
	return fields
}

// jsonFields lists the keys of struct type t as encoding/json names them,
// with embedded structs' fields promoted.
func jsonFields(t reflect.Type, fields []jsonField) []jsonField {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct {
			fields = jsonFields(sf.Type, fields)
			continue
		}
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, options, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		omitempty := false
		for opt := range strings.SplitSeq(options, ",") {
			omitempty = omitempty || opt == "omitempty"
		}
		fields = append(fields, jsonField{name: name, typ: sf.Type, required: !omitempty})
	}
	return fields
}

func fieldIndex(fields []jsonField, name string) int {
	for i, f := range fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func pathName(path string) string {
	if path == "" {
		return "the preset file"
	}
	return path
}

// in locates a message inside an object, or says nothing at the top level.
func in(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}
