package experiment

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

// The field-coverage test walks Spec by reflection, so that a field added
// to Spec (or to a type inside it) without its hash key, JSON key,
// validation, equality and clone fails here, with no list to update by
// hand. Structs are walked into; slices, maps and scalars are leaves, and
// the fields of a slice's struct elements are leaves too ("layers[].units",
// tried on the first element). Leaves are named by their JSON path, as
// Violation.Field and the hash rows name them.

// noInvalidValue lists the leaves that no value makes invalid, with the
// reason; Validate is not asked about them.
var noInvalidValue = map[string]string{
	"seed":            "every uint32 is a seed",
	"data.seed":       "every uint32 is a seed",
	"view.showTest":   "both values of a bool are valid",
	"view.discretize": "both values of a bool are valid",
	"view.play":       "both values of a bool are valid",
}

// noValidAlternative lists the leaves that no single change keeps valid,
// so that their round trip through the encodings is left to other tests.
var noValidAlternative = map[string]string{
	"data.uploaded": "data.points is its length, so it cannot change alone; TestUseUploadMakesAValidSpec round-trips uploads",
	"layers[].kind": "a layer's options belong to its kind, so the kind cannot change alone; TestHashWritesEveryEnumByName and TestJSONWritesEnumsByName write every kind",
}

// fieldBases are valid specs in which every slice and map leaf is
// non-empty somewhere (the first layer of the first has options), for
// classification and for regression (some values are valid in only one:
// a point's label, its value), and together using every setting.
func fieldBases() []Spec {
	classes := Default()
	classes.Data = DataSpec{Set: data.Rings, Points: 500, TrainPercent: 50, Classes: 3,
		Added: []data.Point{{X1: 1, X2: 2, Label: 1}}, Removed: []int{3, 8}}
	classes.Features = []data.Feature{data.X1, data.X2, data.X1Squared}
	classes.Layers = []LayerSpec{
		{Kind: nn.LowRankLayer, Units: 8, Activation: nn.ReLU, Options: nn.Options{"r": 3}},
		NewLayer(nn.DenseLayer, 3, nn.Linear),
	}
	regression := Default()
	regression.Data = DataSpec{Set: data.Plane, Points: 500, TrainPercent: 50,
		Added: []data.Point{{X1: 1, X2: 2, Value: 0.5}}, Removed: []int{3, 8}}
	regression.Loss = nn.MSE
	regression.Layers = []LayerSpec{NewLayer(nn.DenseLayer, 4, nn.Tanh), NewLayer(nn.DenseLayer, 1, nn.Linear)}
	// A link carries only the settings its experiment uses: these two use
	// the ones the first two leave out (momentum; Adam's; the schedules'
	// constants; the penalty's rate).
	momentum := classes.Clone()
	momentum.Optimizer.Kind, momentum.Schedule.Kind, momentum.Reg.Kind = nn.Momentum, nn.StepDecay, nn.L2
	adamW := regression.Clone()
	adamW.Optimizer.Kind, adamW.Schedule.Kind = nn.AdamW, nn.Cosine
	uploaded := classes.Clone()
	withUpload(&uploaded, data.Uploaded, 20)
	uploaded.Data.Added = []data.Point{{X1: 1, X2: 2, Label: 1}}
	uploaded.Data.Removed = []int{3, 8}
	// The options of tasks with a time axis: a latency-coded plane set
	// and the interval task.
	latency := Default()
	latency.UseLatency(12)
	interval := Default()
	interval.UseSet(data.Interval)
	interval.Data.GapFirst, interval.Data.GapStep, interval.Data.Onsets = 3, 4, 6
	return []Spec{classes, regression, momentum, adamW, uploaded, latency, interval}
}

// specLeaf is one leaf of Spec: its JSON path, its type, and where it is
// in a spec (a settable value; element paths look at element 0).
type specLeaf struct {
	path string
	typ  reflect.Type
	at   func(s *Spec) reflect.Value
}

func specLeaves(t *testing.T) []specLeaf {
	t.Helper()
	var leaves []specLeaf
	var walk func(typ reflect.Type, path string, at func(*Spec) reflect.Value)
	walk = func(typ reflect.Type, path string, at func(*Spec) reflect.Value) {
		switch typ.Kind() {
		case reflect.Struct:
			for i := range typ.NumField() {
				sf := typ.Field(i)
				name, ok := jsonName(sf)
				if !ok {
					t.Errorf("%s.%s is not in the JSON encoding (unexported or json:\"-\"): every field of a spec is shared state", typ, sf.Name)
					continue
				}
				get := func(s *Spec) reflect.Value { return at(s).Field(i) }
				if sf.Anonymous && sf.Type.Kind() == reflect.Struct && sf.Tag.Get("json") == "" {
					walk(sf.Type, path, get)
					continue
				}
				walk(sf.Type, joinPath(path, name), get)
			}
		case reflect.Slice:
			leaves = append(leaves, specLeaf{path, typ, at})
			// A slice written as text (uploaded points) is one leaf.
			if typ.Elem().Kind() == reflect.Struct && !typ.Implements(reflect.TypeFor[encoding.TextMarshaler]()) {
				walk(typ.Elem(), path+"[]", func(s *Spec) reflect.Value { return at(s).Index(0) })
			}
		default:
			leaves = append(leaves, specLeaf{path, typ, at})
		}
	}
	walk(reflect.TypeFor[Spec](), "", func(s *Spec) reflect.Value { return reflect.ValueOf(s).Elem() })
	return leaves
}

// jsonName is the key encoding/json writes for a field, and whether it
// writes one.
func jsonName(sf reflect.StructField) (string, bool) {
	tag := sf.Tag.Get("json")
	if !sf.IsExported() || tag == "-" {
		return "", false
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name, true
	}
	return sf.Name, true
}

// has reports whether s has the leaf (an element leaf needs a non-empty
// slice above it).
func (l specLeaf) has(s *Spec) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	l.at(s)
	return true
}

// alternatives returns values of v's type that differ from v: ints and
// floats moved up and down, bools flipped, strings (and registered layer
// kinds) replaced, slices shortened, lengthened or with the first element
// changed, maps with a value changed or a key added.
func alternatives(t *testing.T, path string, v reflect.Value) []reflect.Value {
	typ := v.Type()
	var alts []reflect.Value
	add := func(x reflect.Value) { alts = append(alts, x) }
	switch typ.Kind() {
	case reflect.Bool:
		add(reflect.ValueOf(!v.Bool()).Convert(typ))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		add(reflect.ValueOf(v.Int() + 1).Convert(typ))
		add(reflect.ValueOf(v.Int() - 1).Convert(typ))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		add(reflect.ValueOf(v.Uint() + 1).Convert(typ))
		add(reflect.ValueOf(v.Uint() - 1).Convert(typ)) // wraps at 0: a value out of range
	case reflect.Float32, reflect.Float64:
		x := v.Float()
		for _, y := range []float64{x / 2, x + 1, x - 1, 0.5} {
			if float32(y) != float32(x) {
				add(reflect.ValueOf(y).Convert(typ))
			}
		}
	case reflect.String:
		if typ == reflect.TypeFor[nn.LayerKind]() {
			for _, k := range nn.LayerKinds() {
				if string(k.Kind) != v.String() {
					add(reflect.ValueOf(k.Kind))
				}
			}
		}
		add(reflect.ValueOf(v.String() + "x").Convert(typ))
	case reflect.Slice:
		n := v.Len()
		if n > 0 {
			add(reflect.AppendSlice(reflect.MakeSlice(typ, 0, n-1), v.Slice(0, n-1)))
			longer := reflect.AppendSlice(reflect.MakeSlice(typ, 0, n+1), v)
			add(reflect.Append(longer, v.Index(n-1)))
			if k := typ.Elem().Kind(); k != reflect.Struct && k != reflect.Slice && k != reflect.Map {
				for _, e := range alternatives(t, path+"[]", v.Index(0)) {
					c := reflect.AppendSlice(reflect.MakeSlice(typ, 0, n), v)
					c.Index(0).Set(e)
					add(c)
				}
			}
		} else {
			add(reflect.Append(reflect.MakeSlice(typ, 0, 1), reflect.Zero(typ.Elem())))
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		if len(keys) > 0 {
			for _, e := range alternatives(t, path+"{}", v.MapIndex(keys[0])) {
				c := cloneMap(v)
				c.SetMapIndex(keys[0], e)
				add(c)
			}
		}
		c := cloneMap(v)
		c.SetMapIndex(reflect.ValueOf("zz").Convert(typ.Key()), reflect.Zero(typ.Elem()))
		add(c)
	default:
		t.Errorf("%s: no way to change a %v; teach alternatives about it", path, typ)
	}
	return alts
}

// invalids returns values of v's type that Validate must refuse: ints
// below 0 and huge, the largest value of an unsigned type (an enum out of
// range), non-finite floats, unknown names, lists longer than any limit or
// with an invalid first element, maps with an unknown key or a NaN value.
// Bools have none.
func invalids(t *testing.T, path string, v reflect.Value) []reflect.Value {
	typ := v.Type()
	var bad []reflect.Value
	add := func(x reflect.Value) { bad = append(bad, x) }
	switch typ.Kind() {
	case reflect.Bool:
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		add(reflect.ValueOf(-1).Convert(typ))
		add(reflect.ValueOf(int64(1) << (typ.Bits() - 2)).Convert(typ))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		add(reflect.ValueOf(uint64(math.MaxUint64) >> (64 - typ.Bits())).Convert(typ))
	case reflect.Float32, reflect.Float64:
		for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			add(reflect.ValueOf(x).Convert(typ))
		}
	case reflect.String:
		add(reflect.ValueOf("no such name").Convert(typ))
	case reflect.Slice:
		if v.Len() == 0 {
			break
		}
		long := reflect.MakeSlice(typ, 0, 10000)
		for range 10000 {
			long = reflect.Append(long, v.Index(0))
		}
		add(long)
		if k := typ.Elem().Kind(); k != reflect.Struct && k != reflect.Slice && k != reflect.Map {
			for _, e := range invalids(t, path+"[]", v.Index(0)) {
				c := reflect.AppendSlice(reflect.MakeSlice(typ, 0, v.Len()), v)
				c.Index(0).Set(e)
				add(c)
			}
		}
	case reflect.Map:
		c := cloneMap(v)
		c.SetMapIndex(reflect.ValueOf("zz").Convert(typ.Key()), reflect.Zero(typ.Elem()))
		add(c)
		for _, key := range v.MapKeys() {
			for _, e := range invalids(t, path+"{}", v.MapIndex(key)) {
				c := cloneMap(v)
				c.SetMapIndex(key, e)
				add(c)
			}
		}
	default:
		t.Errorf("%s: no invalid value known for a %v; teach invalids about it", path, typ)
	}
	return bad
}

func cloneMap(v reflect.Value) reflect.Value {
	c := reflect.MakeMapWithSize(v.Type(), v.Len())
	for it := v.MapRange(); it.Next(); {
		c.SetMapIndex(it.Key(), it.Value())
	}
	return c
}

// withLeaf returns a clone of s with the leaf set to x.
func withLeaf(s Spec, l specLeaf, x reflect.Value) Spec {
	c := s.Clone()
	l.at(&c).Set(x)
	return c
}

// rowField is the field of the latest hash format's row that carries the
// leaf: the leaf's own path, or a path above it ("layers" for
// "layers[].units"); "" if there is none.
func rowField(path string) string {
	best := ""
	for _, p := range hashFormats[len(hashFormats)-1].props {
		f := p.field
		if (path == f || strings.HasPrefix(path, f+".") || strings.HasPrefix(path, f+"[]")) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

func TestEveryFieldIsCovered(t *testing.T) {
	leaves := specLeaves(t)
	filePaths := map[string]bool{}
	for _, line := range fileLayout(reflect.TypeFor[fileV2]()) {
		path, _, _ := strings.Cut(line, ":")
		filePaths[path] = true
	}
	bases := fieldBases()
	for i, b := range bases {
		if err := b.Validate(); err != nil {
			t.Fatalf("base %d is invalid: %v", i, err)
		}
	}
	leafPaths := map[string]bool{}
	for _, l := range leaves {
		leafPaths[l.path] = true
		t.Run(l.path, func(t *testing.T) { checkLeaf(t, l, bases, filePaths) })
	}

	// The other way round: every row and file key is a field of Spec, and
	// the allow-lists name leaves that exist.
	for _, f := range hashFormats {
		for _, p := range f.props {
			if !leafPaths[p.field] && !slices.ContainsFunc(leaves, func(l specLeaf) bool { return strings.HasPrefix(l.path, p.field+".") }) {
				t.Errorf("v%d key %q names field %q, which Spec does not have", f.version, p.key, p.field)
			}
		}
	}
	for path := range filePaths {
		if path != "version" && !strings.Contains(path, "{}") && !strings.HasSuffix(path, "[]") && !leafPaths[path] && !slices.ContainsFunc(leaves, func(l specLeaf) bool { return strings.HasPrefix(l.path, path+".") }) {
			t.Errorf("fileV2 has %q, which Spec does not", path)
		}
	}
	for _, allow := range []map[string]string{noInvalidValue, noValidAlternative} {
		for path := range allow {
			if !leafPaths[path] {
				t.Errorf("the allow-list names %q, which is no longer a field of Spec", path)
			}
		}
	}
}

func checkLeaf(t *testing.T, l specLeaf, bases []Spec, filePaths map[string]bool) {
	row := rowField(l.path)
	if row == "" {
		t.Errorf("no row of hash version %d carries %s: add a key for it", len(hashFormats), l.path)
	}
	if !filePaths[l.path] {
		t.Errorf("fileV2 has no %s: the preset file does not carry it", l.path)
	}

	writesHash, writesFile, roundTrips := false, false, false
	invalidSeen := false
	for bi, base := range bases {
		if !l.has(&base) {
			continue
		}
		baseHash := EncodeHash(base)
		baseFile, err := json.Marshal(fileV2Of(base))
		if err != nil {
			t.Fatal(err)
		}
		alts := alternatives(t, l.path, l.at(&base))
		if len(alts) == 0 {
			t.Errorf("base %d: no other value for %s", bi, l.path)
		}
		for _, x := range alts {
			alt := withLeaf(base, l, x)
			// (a) Equal sees the change, both ways.
			if base.Equal(alt) || alt.Equal(base) {
				t.Errorf("base %d: Equal misses %s changing from %v to %v", bi, l.path, l.at(&base), x)
			}
			if !alt.Equal(alt.Clone()) {
				t.Errorf("base %d: a spec with %s = %v differs from its clone", bi, l.path, x)
			}
			// (c), (d): the encodings write the field, and the file
			// struct carries it both ways.
			if EncodeHash(alt) != baseHash {
				writesHash = true
			}
			if b, err := json.Marshal(fileV2Of(alt)); err == nil && string(b) != string(baseFile) {
				writesFile = true
			}
			want := alt.Clone()
			fillDefaultOptions(want.Layers) // as files and links read absent options
			if back := fileV2Of(alt.Clone()).spec(); !back.Equal(want) {
				t.Errorf("base %d: %s = %v does not survive fileV2Of and spec(): %+v", bi, l.path, x, back)
			}
			// Where the changed spec is valid (after fitting the output
			// layer, as the panel does), it reads back from both encodings.
			fitted := alt.Clone()
			fitted.FitOutput()
			if reflect.DeepEqual(l.at(&fitted).Interface(), x.Interface()) && fitted.Validate() == nil {
				roundTrips = true
				checkHashRoundTrip(t, fitted)
				checkJSONRoundTrip(t, fitted)
			}
		}

		// (b) Editing a clone's slice or map in place leaves the original
		// as it was.
		switch l.typ.Kind() {
		case reflect.Slice, reflect.Map:
			want := fieldBases()[bi] // an independent copy
			c := base.Clone()
			v := l.at(&c)
			if v.Kind() == reflect.Slice && v.Len() > 0 {
				e := v.Index(0)
				if e.Kind() == reflect.Struct {
					e = e.Field(0)
				}
				if alts := alternatives(t, l.path+"[]", e); len(alts) > 0 && e.CanSet() {
					e.Set(alts[0])
				}
			}
			if v.Kind() == reflect.Map && !v.IsNil() {
				for _, key := range v.MapKeys() {
					v.SetMapIndex(key, alternatives(t, l.path+"{}", v.MapIndex(key))[0])
				}
				v.SetMapIndex(reflect.ValueOf("zz").Convert(l.typ.Key()), reflect.Zero(l.typ.Elem()))
			}
			if !reflect.DeepEqual(base, want) {
				t.Errorf("base %d: editing %s of a clone changed the original", bi, l.path)
			}
		}

		// (e) Validate refuses invalid values and names the field.
		if _, ok := noInvalidValue[l.path]; ok {
			continue
		}
		for _, x := range invalids(t, l.path, l.at(&base)) {
			invalidSeen = true
			bad := withLeaf(base, l, x)
			err := bad.Validate()
			var invalid *ValidationError
			if !errors.As(err, &invalid) || !slices.ContainsFunc(invalid.Violations, func(v Violation) bool { return v.Field == row }) {
				t.Errorf("base %d: %s = %s: Validate() = %v, want a violation on %q", bi, l.path, clip(fmt.Sprint(x)), err, row)
			}
		}
	}
	if !writesHash {
		t.Errorf("EncodeHash does not change when %s does: the hash does not write it", l.path)
	}
	if !writesFile {
		t.Errorf("the file does not change when %s does: fileV2 does not carry it", l.path)
	}
	if _, ok := noValidAlternative[l.path]; !ok && !roundTrips {
		t.Errorf("no changed %s gave a valid spec to round-trip: list it in noValidAlternative with the reason", l.path)
	}
	if _, ok := noInvalidValue[l.path]; !ok && !invalidSeen {
		t.Errorf("no invalid value of %s was tried: list it in noInvalidValue with the reason", l.path)
	}
}

// The walk itself sees what it should: the leaves named in the brief of
// this test, nested element fields, and options as a map.
func TestSpecLeavesWalk(t *testing.T) {
	var paths []string
	for _, l := range specLeaves(t) {
		paths = append(paths, l.path)
	}
	for _, want := range []string{"optimizer.beta1", "data.added", "data.added[].x1", "data.removed", "features",
		"layers", "layers[].units", "layers[].options", "seed", "view.showTest", "regularization.rate"} {
		if !slices.Contains(paths, want) {
			t.Errorf("the walk misses %s: %v", want, paths)
		}
	}
	if got := rowField("layers[].options"); got != "layers" {
		t.Errorf(`rowField("layers[].options") = %q, want "layers"`, got)
	}
}
