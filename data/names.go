package data

import "fmt"

// Set names a data generator.
type Set uint8

// The data sets (tasks). The first six are TensorFlow Playground's;
// SpiralK and Rings take any number of classes from 2 to MaxClasses; the
// function sets are regressions of a function of (u, v) on [-1, 1]^2;
// ModAdd is (a+b) mod p over every pair, the first task that is not points
// on a plane. What each one asks of a network is in task.go.
const (
	Circle Set = iota
	XOR
	Gauss
	Spiral
	Plane
	MultiGauss
	SpiralK
	Rings
	ExpSin // exp(sin(pi u) + v^2)
	XY     // u v
	Ratio  // (u + v) / (1 + u v)
	SinXY  // sin(pi u) v
	SumSq  // u^2 + v^2
	ModAdd // (a + b) mod p
	// Uploaded and UploadedValues are a person's own points from a CSV
	// file (csv.go), with class labels or target values; the points travel
	// in the experiment (its spec's data), not drawn from a seed.
	Uploaded
	UploadedValues
	// Interval and Sequence are spike trains over time steps (temporal.go).
	Interval
	Sequence
	// Waves is sin(pi u) + cos(2 pi v), a function set after the others so
	// the stored numbers stay: periodic on the square, where a KAN's Fourier
	// basis is exact (the selectable basis's demonstration).
	Waves
	numSets
)

var setNames = [...]string{"circle", "xor", "gauss", "spiral", "plane", "multigauss", "spiralk", "rings",
	"expsin", "xy", "ratio", "sinxy", "sumsq", "modadd",
	"csv", "csvreg", "interval", "sequence", "waves"}

// Sets lists every data set.
func Sets() []Set {
	s := make([]Set, numSets)
	for i := range s {
		s[i] = Set(i)
	}
	return s
}

func (s Set) String() string {
	if int(s) >= len(setNames) {
		return fmt.Sprintf("unknown(%d)", s)
	}
	return setNames[s]
}

// ParseSet reads a data set's String form.
func ParseSet(s string) (Set, error) {
	for i, n := range setNames {
		if n == s {
			return Set(i), nil
		}
	}
	return 0, fmt.Errorf("unknown data set %q (want one of %v)", s, setNames)
}

// MaxClasses bounds the class count of the multi-class sets on the plane:
// one color each.
const MaxClasses = 8

// Feature is one input the network sees, computed from a point's (x1, x2).
type Feature uint8

// The features, in TensorFlow Playground's order.
const (
	X1 Feature = iota
	X2
	X1Squared
	X2Squared
	X1X2
	SinX1
	SinX2
	numFeatures
)

var featureNames = [...]string{"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"}

// Features lists every feature.
func Features() []Feature {
	f := make([]Feature, numFeatures)
	for i := range f {
		f[i] = Feature(i)
	}
	return f
}

func (f Feature) String() string {
	if int(f) >= len(featureNames) {
		return fmt.Sprintf("unknown(%d)", f)
	}
	return featureNames[f]
}

// featureFormulas write the features as the graph labels them: ASCII,
// since the canvas's font has no superscripts, and the same formula the
// panel shows (x₁² there, x1^2 here).
var featureFormulas = [...]string{"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}

// Formula is the feature as a formula in ASCII ("x1^2").
func (f Feature) Formula() string {
	if int(f) >= len(featureFormulas) {
		return f.String()
	}
	return featureFormulas[f]
}

// ParseFeature reads a feature's String form.
func ParseFeature(s string) (Feature, error) {
	for i, n := range featureNames {
		if n == s {
			return Feature(i), nil
		}
	}
	return 0, fmt.Errorf("unknown feature %q (want one of %v)", s, featureNames)
}

// Point is one example: a point (X1, X2) on the plane, or for a pairs task
// the pair (a, b) as whole numbers. Label is its class for classification
// sets; Value its target for regression sets (in the set's TargetRange).
type Point struct {
	X1    float32 `json:"x1"`
	X2    float32 `json:"x2"`
	Label int     `json:"label"`
	Value float32 `json:"value,omitempty"`
}

// Domain is the half-width of the square [-Domain, Domain]^2 the points of
// TensorFlow Playground's sets lie in; see Set.Extent for every set.
const Domain = 6

// The enums read and write their names in JSON and text encodings.

func (v Set) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *Set) UnmarshalText(b []byte) (err error) {
	*v, err = ParseSet(string(b))
	return err
}

func (v Feature) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *Feature) UnmarshalText(b []byte) (err error) {
	*v, err = ParseFeature(string(b))
	return err
}
