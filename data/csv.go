package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on an uploaded CSV file, checked before anything is decoded.
const (
	// MaxCSVBytes bounds the file's size.
	MaxCSVBytes = 1 << 20
	// MaxCSVRows bounds its data rows (the header and blank lines aside).
	MaxCSVRows = 5000
	// MinCSVRows is the fewest rows a data set may have: enough for a
	// training and a test side at any split.
	MinCSVRows = 10
	// maxCSVProblems bounds the bad rows an error names; the rest are
	// counted.
	maxCSVProblems = 8
)

// Upload is a data set read from a person's CSV file: points on the plane
// with a class label each (Regression false; Classes of them) or a target
// value each (Regression true). Coordinates lie in [-Domain, Domain]² and
// targets in [-1, 1], on the Quantum grid; Notes say what was rescaled.
type Upload struct {
	Points     Table
	Regression bool
	Classes    int // label count for classes, 0 for a regression
	// ClassNames are the names of the classes when the file named them
	// rather than numbering them (class i is ClassNames[i]).
	ClassNames []string
	Notes      []string
}

// Set is the data set an upload trains as.
func (u Upload) Set() Set {
	if u.Regression {
		return UploadedValues
	}
	return Uploaded
}

// CSVError is a refused file: the bad rows by line number (counted from 1,
// as an editor shows them), at most a few, and how many more there were;
// or one problem with the whole file (Line 0).
type CSVError struct {
	Problems []CSVProblem
	More     int
}

// CSVProblem is what is wrong on one line (0: the file as a whole).
type CSVProblem struct {
	Line    int
	Problem string
}

func (e *CSVError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "line %d: ", p.Line)
		}
		b.WriteString(p.Problem)
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "; and %d more bad rows", e.More)
	}
	return b.String()
}

func (e *CSVError) add(line int, format string, args ...any) {
	if len(e.Problems) == maxCSVProblems {
		e.More++
		return
	}
	e.Problems = append(e.Problems, CSVProblem{Line: line, Problem: fmt.Sprintf(format, args...)})
}

// count is how many problems were found.
func (e *CSVError) count() int { return len(e.Problems) + e.More }

func (e *CSVError) err() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

func fileError(format string, args ...any) error {
	e := &CSVError{}
	e.add(0, format, args...)
	return e
}

// The header words that say what the third column holds. Any other header
// leaves it to the values (see ParseCSV).
var (
	labelWords = []string{"label", "class", "category", "classes"}
	valueWords = []string{"value", "target", "y", "z", "output"}
)

// csvRow is one data row as read: its line and its three fields.
type csvRow struct {
	line   int
	x1, x2 float64
	target string
	sep    string // the file's separator, which says if decimal commas are allowed
}

// ParseCSV reads a person's data set. The file is UTF-8 text (a byte-order
// mark is skipped) with three columns, x1, x2 and a target, separated by
// commas, semicolons or tabs (whichever the first row uses; with
// semicolons or tabs a decimal comma is accepted too). Fields may be
// quoted ("1.5") but not hold the separator. Blank lines are skipped. The
// first row is a header when its x1 or x2 is not a number.
//
// The third column is a class label or a target value:
//   - a header naming it label, class, category or classes makes it
//     classes; value, target, y, z or output makes it a regression;
//   - otherwise integers 0..MaxClasses-1 are classes, other numbers a
//     regression;
//   - for classes, names (cat, dog) are accepted too: each distinct name is
//     a class, numbered in the order they first appear.
//
// Rescaling, so that any data fits the plane: an axis whose values leave
// [-Domain, Domain] is mapped linearly onto [-ScaledExtent, ScaledExtent]
// (its least value to -5.4, its greatest to 5.4); regression targets
// outside [-1, 1] are mapped onto [-1, 1] the same way. Data inside the
// ranges is kept as it is. Every coordinate and target is then
// rounded to the Quantum grid. Notes say what was done.
//
// Files over MaxCSVBytes or MaxCSVRows rows are refused before they are
// read. A refused file's error is a *CSVError naming each bad line.
func ParseCSV(file []byte) (Upload, error) {
	if len(file) > MaxCSVBytes {
		return Upload{}, fileError("the file is %d bytes; at most %d (1 MB) are read", len(file), MaxCSVBytes)
	}
	file = bytes.TrimPrefix(file, []byte("\uFEFF"))
	if !utf8.Valid(file) {
		return Upload{}, fileError("the file is not UTF-8 text")
	}
	rows, kind, err := readRows(string(file))
	if err != nil {
		return Upload{}, err
	}
	return labelRows(rows, kind)
}

// targetKind is what a header says the third column holds.
type targetKind int

const (
	targetUnknown targetKind = iota
	targetLabels
	targetValues
)

// readRows splits the text into data rows of three fields, reading x1 and
// x2 as numbers, and reads the header if there is one.
func readRows(text string) (rows []csvRow, kind targetKind, err error) {
	bad := &CSVError{}
	sep := ""
	first := true // the first non-blank line may be a header
	line := 0
	for raw := range strings.SplitSeq(text, "\n") {
		line++
		raw = strings.TrimSuffix(raw, "\r")
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if first {
			sep = separator(raw)
		}
		header := first
		first = false
		fields := strings.Split(raw, sep)
		if len(fields) > 3 {
			fields = fields[:4] // enough to say how many there are not
		}
		if len(fields) != 3 {
			n := strings.Count(raw, sep) + 1
			bad.add(line, "%d fields, want 3 (x1%sx2%slabel or value)", n, sep, sep)
			continue
		}
		x1, err1 := parseNumber(fields[0], sep)
		x2, err2 := parseNumber(fields[1], sep)
		if header && (err1 != nil || err2 != nil) {
			kind = headerKind(unquote(fields[2]))
			continue
		}
		if len(rows)+bad.count() >= MaxCSVRows {
			return nil, 0, fileError("the file has more than %d rows; at most %d are read", MaxCSVRows, MaxCSVRows)
		}
		if err1 != nil {
			bad.add(line, "x1 %v", err1)
		}
		if err2 != nil {
			bad.add(line, "x2 %v", err2)
		}
		if err1 == nil && err2 == nil {
			rows = append(rows, csvRow{line: line, x1: x1, x2: x2, target: unquote(fields[2]), sep: sep})
		}
	}
	if err := bad.err(); err != nil {
		return nil, 0, err
	}
	if len(rows) < MinCSVRows {
		return nil, 0, fileError("the file has %d data rows; at least %d are needed", len(rows), MinCSVRows)
	}
	return rows, kind, nil
}

// separator is the first of tab, semicolon and comma that the line holds.
func separator(line string) string {
	for _, s := range []string{"\t", ";"} {
		if strings.Contains(line, s) {
			return s
		}
	}
	return ","
}

func headerKind(name string) targetKind {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, w := range labelWords {
		if name == w {
			return targetLabels
		}
	}
	for _, w := range valueWords {
		if name == w {
			return targetValues
		}
	}
	return targetUnknown
}

func unquote(field string) string {
	f := strings.TrimSpace(field)
	if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
		f = strings.TrimSpace(f[1 : len(f)-1])
	}
	return f
}

// parseNumber reads a finite decimal number; with a semicolon or tab
// separator a decimal comma is accepted. The error quotes the field,
// clipped.
func parseNumber(field, sep string) (float64, error) {
	f := unquote(field)
	if sep != "," {
		f = strings.Replace(f, ",", ".", 1)
	}
	if f == "" {
		return 0, errors.New("is empty")
	}
	if strings.Trim(f, "+-.0123456789eE") != "" {
		return 0, fmt.Errorf("is not a number: %q", clipField(f))
	}
	v, err := strconv.ParseFloat(f, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("is not a number: %q", clipField(f))
	}
	return v, nil
}

// clipField shortens a field quoted in a message.
func clipField(f string) string {
	const most = 24
	if len(f) <= most {
		return f
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(f[cut]) {
		cut--
	}
	return f[:cut] + "…"
}
