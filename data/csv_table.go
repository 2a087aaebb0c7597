package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Quantum is the grid uploaded coordinates and targets are rounded to:
// 1/1000, which keeps a link's fixed-point encoding exact.
const Quantum = 0.001

// Quantize rounds v to the nearest multiple of Quantum (as a float32).
func Quantize(v float32) float32 {
	return float32(math.Round(float64(v)/Quantum) * Quantum)
}

// OnGrid reports whether v is a multiple of Quantum as Quantize writes it.
func OnGrid(v float32) bool { return Quantize(v) == v }

// Table is the points of an uploaded data set. In JSON files it is written
// as CSV text, a header and one row per point: "x1,x2,label\n1.5,-2,1\n..."
// for classes, "x1,x2,value\n..." for a regression (any point with a
// non-zero value makes it a regression table; both read back as the same
// points).
type Table []Point

// MarshalText writes the table as CSV text.
func (t Table) MarshalText() ([]byte, error) {
	regression := false
	for _, p := range t {
		regression = regression || p.Value != 0
	}
	var b strings.Builder
	b.Grow(16 * (len(t) + 1))
	if regression {
		b.WriteString("x1,x2,value\n")
	} else {
		b.WriteString("x1,x2,label\n")
	}
	for _, p := range t {
		b.WriteString(formatGrid(p.X1))
		b.WriteByte(',')
		b.WriteString(formatGrid(p.X2))
		b.WriteByte(',')
		if regression {
			b.WriteString(formatGrid(p.Value))
		} else {
			b.WriteString(strconv.Itoa(p.Label))
		}
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

func formatGrid(v float32) string { return strconv.FormatFloat(float64(v), 'f', -1, 32) }

// UnmarshalText reads what MarshalText writes, strictly: the header
// "x1,x2,label" or "x1,x2,value", then rows of three numbers separated by
// commas (labels whole numbers), at most MaxCSVRows. Nothing is rescaled
// or rounded: the spec's validation judges the values.
func (t *Table) UnmarshalText(text []byte) error {
	if len(text) > MaxCSVBytes {
		return fmt.Errorf("the table is %d bytes; at most %d", len(text), MaxCSVBytes)
	}
	header, rest, _ := strings.Cut(string(text), "\n")
	regression := false
	switch header {
	case "x1,x2,label":
	case "x1,x2,value":
		regression = true
	default:
		return fmt.Errorf(`the table starts with "x1,x2,label" or "x1,x2,value", not %q`, clipField(header))
	}
	rest = strings.TrimSuffix(rest, "\n")
	if rest == "" {
		*t = nil
		return nil
	}
	n := strings.Count(rest, "\n") + 1
	if n > MaxCSVRows {
		return fmt.Errorf("the table has %d rows; at most %d", n, MaxCSVRows)
	}
	out := make(Table, 0, n)
	row := 1
	for line := range strings.SplitSeq(rest, "\n") {
		row++
		p, err := parseTableRow(line, regression)
		if err != nil {
			return fmt.Errorf("table line %d: %w", row, err)
		}
		out = append(out, p)
	}
	*t = out
	return nil
}

func parseTableRow(line string, regression bool) (p Point, err error) {
	f := strings.Split(line, ",")
	if len(f) != 3 {
		return p, fmt.Errorf("%d fields, want 3", len(f))
	}
	num := func(name, s string) float32 {
		if err != nil {
			return 0
		}
		var v float64
		v, err = strconv.ParseFloat(s, 32)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			err = fmt.Errorf("%s is not a number: %q", name, clipField(s))
		}
		return float32(v)
	}
	p.X1 = num("x1", f[0])
	p.X2 = num("x2", f[1])
	if regression {
		p.Value = num("value", f[2])
	} else if err == nil {
		if p.Label, err = strconv.Atoi(f[2]); err != nil {
			err = fmt.Errorf("label is not a whole number: %q", clipField(f[2]))
		}
	}
	if err != nil && strings.ContainsAny(line, "\r\t;") {
		err = errors.Join(err, errors.New("(rows are comma-separated, lines end in \\n)"))
	}
	return p, err
}
