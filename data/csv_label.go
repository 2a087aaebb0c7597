package data

import (
	"fmt"
	"strconv"
	"strings"
)

// labelRows reads the third column of every row as a class or a value,
// as the header (kind) says or, without one, as the values suggest.
func labelRows(rows []csvRow, kind targetKind) (Upload, error) {
	if kind == targetUnknown {
		kind = targetLabels
		for _, r := range rows {
			if n, err := strconv.Atoi(r.target); err == nil && n >= 0 && n < MaxClasses {
				continue
			}
			if _, err := parseNumber(r.target, r.sep); err == nil {
				kind = targetValues // a number that is no class: a regression
				break
			}
		}
	}
	if kind == targetValues {
		return valueRows(rows)
	}
	return classRows(rows)
}

func valueRows(rows []csvRow) (Upload, error) {
	u := Upload{Regression: true, Points: make(Table, 0, len(rows))}
	bad := &CSVError{}
	values := make([]float64, 0, len(rows))
	for _, r := range rows {
		v, err := parseNumber(r.target, r.sep)
		if err != nil {
			bad.add(r.line, "value %v", err)
			continue
		}
		values = append(values, v)
	}
	if err := bad.err(); err != nil {
		return Upload{}, err
	}
	u.Notes = fitPlane(rows, values)
	for i, r := range rows {
		u.Points = append(u.Points, Point{X1: Quantize(float32(r.x1)), X2: Quantize(float32(r.x2)), Value: Quantize(float32(values[i]))})
	}
	return u, nil
}

// classRows reads the labels as class numbers 0..MaxClasses-1, or, when
// any of them is not a number, every label as a class name.
func classRows(rows []csvRow) (Upload, error) {
	named := false
	for _, r := range rows {
		if _, err := strconv.Atoi(r.target); err != nil {
			named = true
			break
		}
	}
	u := Upload{Points: make(Table, 0, len(rows))}
	bad := &CSVError{}
	index := map[string]int{}
	var seen [MaxClasses]bool
	distinct := 0
	for _, r := range rows {
		label := 0
		switch {
		case r.target == "":
			bad.add(r.line, "the label is empty")
			continue
		case named:
			k, ok := index[r.target]
			if !ok {
				k = len(u.ClassNames)
				if k == MaxClasses {
					bad.add(r.line, "class %q would be class %d; at most %d classes", clipField(r.target), k+1, MaxClasses)
					continue
				}
				index[r.target] = k
				u.ClassNames = append(u.ClassNames, r.target)
			}
			label = k
		default:
			n, _ := strconv.Atoi(r.target)
			if n < 0 || n >= MaxClasses {
				bad.add(r.line, "label %d is not a class 0..%d", n, MaxClasses-1)
				continue
			}
			label = n
		}
		if !seen[label] {
			seen[label] = true
			distinct++
		}
		u.Classes = max(u.Classes, label+1)
		u.Points = append(u.Points, Point{Label: label})
	}
	if err := bad.err(); err != nil {
		return Upload{}, err
	}
	if distinct < 2 {
		return Upload{}, fileError("every row has class %s: a classifier needs two classes at least (for a regression, name the third column \"value\" in a header)", firstClass(u))
	}
	u.Notes = fitPlane(rows, nil)
	for i, r := range rows {
		u.Points[i].X1, u.Points[i].X2 = Quantize(float32(r.x1)), Quantize(float32(r.x2))
	}
	if len(u.ClassNames) > 0 {
		u.Notes = append(u.Notes, fmt.Sprintf("classes: %s", strings.Join(numbered(u.ClassNames), ", ")))
	}
	return u, nil
}

func firstClass(u Upload) string {
	if len(u.ClassNames) > 0 {
		return strconv.Quote(clipField(u.ClassNames[0]))
	}
	return "0"
}

func numbered(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%d = %s", i, clipField(n))
	}
	return out
}

// fitPlane rescales the axes that leave [-Domain, Domain], and a
// regression's targets (values, nil for classes) that leave [-1, 1], onto
// those ranges, in place, and says what it rescaled.
func fitPlane(rows []csvRow, values []float64) (notes []string) {
	x1 := make([]float64, len(rows))
	x2 := make([]float64, len(rows))
	for i, r := range rows {
		x1[i], x2[i] = r.x1, r.x2
	}
	notes = append(notes, fitRange("x1", x1, Domain, ScaledExtent)...)
	notes = append(notes, fitRange("x2", x2, Domain, ScaledExtent)...)
	notes = append(notes, fitRange("value", values, 1, 1)...)
	for i := range rows {
		rows[i].x1, rows[i].x2 = x1[i], x2[i]
	}
	return notes
}

// ScaledExtent is the half-width of the square that rescaled coordinates
// are mapped onto: a margin inside the plane, so that no point sits on its
// edge, half cut off.
const ScaledExtent = 0.9 * Domain

// fitRange maps vs onto [-onto, onto] when any of them is outside
// [-limit, limit].
func fitRange(name string, vs []float64, limit, onto float64) []string {
	if len(vs) == 0 {
		return nil
	}
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo >= -limit && hi <= limit {
		return nil
	}
	for i, v := range vs {
		vs[i] = rescale(v, lo, hi, onto)
	}
	return []string{fmt.Sprintf("%s mapped from [%s, %s] onto [%g, %g]", name, formatNote(lo), formatNote(hi), -onto, onto)}
}

// rescale maps [lo, hi] onto [-limit, limit]; a single value goes to 0.
func rescale(x, lo, hi, limit float64) float64 {
	if hi == lo {
		return 0
	}
	// Halves first: hi - lo may overflow for extreme values.
	mid := lo/2 + hi/2
	half := hi/2 - lo/2
	return min(max((x-mid)/half*limit, -limit), limit)
}

func formatNote(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
