package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// rowsOf writes n rows "x1<sep>x2<sep>target" with targets from label(i).
func rowsOf(n int, sep string, label func(i int) string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d%s%g%s%s\n", i%5-2, sep, float64(i%7)/2-1.5, sep, label(i))
	}
	return b.String()
}

func alternate(i int) string { return fmt.Sprint(i % 2) }

func TestParseCSVGoodFiles(t *testing.T) {
	cases := []struct {
		name       string
		file       string
		regression bool
		classes    int
		points     int
	}{
		{"no header, commas", rowsOf(12, ",", alternate), false, 2, 12},
		{"header, semicolons", "x1;x2;label\n" + rowsOf(12, ";", alternate), false, 2, 12},
		{"tabs, CRLF, BOM, blank lines", "\uFEFFa\tb\tclass\r\n\r\n" + strings.ReplaceAll(rowsOf(12, "\t", alternate), "\n", "\r\n\n"), false, 2, 12},
		{"no trailing newline", strings.TrimSuffix(rowsOf(10, ",", alternate), "\n"), false, 2, 10},
		{"three classes", rowsOf(15, ",", func(i int) string { return fmt.Sprint(i % 3) }), false, 3, 15},
		{"class names", "x,y,animal\n" + rowsOf(12, ",", func(i int) string { return []string{"cat", "dog", `"bird"`}[i%3] }), false, 3, 12},
		{"decimals: a regression", rowsOf(12, ",", func(i int) string { return fmt.Sprint(float64(i) / 20) }), true, 0, 12},
		{"integers beyond the classes: a regression", rowsOf(12, ",", func(i int) string { return fmt.Sprint(i) }), true, 0, 12},
		{"header value: a regression of integers", "x1,x2,value\n" + rowsOf(12, ",", alternate), true, 0, 12},
		{"header label: classes", "x1,x2,label\n" + rowsOf(12, ",", alternate), false, 2, 12},
		{"quoted fields, decimal commas", "\"x1\";\"x2\";\"y\"\n" + strings.ReplaceAll(rowsOf(12, ";", func(i int) string { return fmt.Sprintf("0,%d", i%9) }), ".", ","), true, 0, 12},
	}
	for _, c := range cases {
		u, err := ParseCSV([]byte(c.file))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if u.Regression != c.regression || u.Classes != c.classes || len(u.Points) != c.points {
			t.Errorf("%s: regression %v, %d classes, %d points; want %v, %d, %d", c.name, u.Regression, u.Classes, len(u.Points), c.regression, c.classes, c.points)
		}
		if u.Set().Regression() != u.Regression || !u.Set().Uploaded() {
			t.Errorf("%s: set %v", c.name, u.Set())
		}
	}
}

func TestParseCSVReadsValuesAndNames(t *testing.T) {
	file := "x1,x2,kind\n" + strings.Repeat("1.25,-2.5,cat\n0,3,dog\n", 5)
	u, err := ParseCSV([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := Point{X1: 1.25, X2: -2.5, Label: 0}
	if u.Points[0] != want || u.Points[1] != (Point{X1: 0, X2: 3, Label: 1}) {
		t.Errorf("points %v %v", u.Points[0], u.Points[1])
	}
	if strings.Join(u.ClassNames, ",") != "cat,dog" || len(u.Notes) != 1 || !strings.Contains(u.Notes[0], "1 = dog") {
		t.Errorf("names %v, notes %v", u.ClassNames, u.Notes)
	}
}

func TestParseCSVRescales(t *testing.T) {
	var b strings.Builder
	for i := range 11 {
		fmt.Fprintf(&b, "%d,%d,%d\n", 100+10*i, i-5, 1000*i)
	}
	u, err := ParseCSV([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	first, last := u.Points[0], u.Points[10]
	if first.X1 != -ScaledExtent || last.X1 != ScaledExtent || first.X2 != -5 || last.X2 != 5 || first.Value != -1 || last.Value != 1 {
		t.Errorf("first %v, last %v: x1 and the values should be mapped onto the plane, x2 kept", first, last)
	}
	if u.Points[5].X1 != 0 || u.Points[1].X1 != Quantize(-0.8*ScaledExtent) {
		t.Errorf("middle points %v %v", u.Points[5], u.Points[1])
	}
	if len(u.Notes) != 2 || !strings.Contains(u.Notes[0], "x1 mapped from [100, 200] onto [-5.4, 5.4]") {
		t.Errorf("notes %q", u.Notes)
	}
	for _, p := range u.Points {
		if !OnGrid(p.X1) || !OnGrid(p.X2) || !OnGrid(p.Value) {
			t.Errorf("%v is off the grid", p)
		}
	}
	// Extreme values rescale without overflow.
	u, err = ParseCSV([]byte(rowsOf(10, ",", alternate) + "-1e308,1e308,1\n"))
	if err != nil || u.Points[10].X1 != -ScaledExtent || u.Points[10].X2 != ScaledExtent {
		t.Errorf("extremes: %v %v", u.Points, err)
	}
}

func TestParseCSVNamesBadRows(t *testing.T) {
	good := rowsOf(12, ",", alternate)
	cases := []struct{ name, file, want string }{
		{"a word for x2", "x1,x2,label\n" + good + "1,abc,0\n", `line 14: x2 is not a number: "abc"`},
		{"two fields", good + "1,2\n", "line 13: 2 fields, want 3"},
		{"four fields", good + "1,2,3,4\n", "line 13: 4 fields, want 3"},
		{"empty x1", good + ",2,1\n", "line 13: x1 is empty"},
		{"label 9", "x1,x2,label\n" + good + "1,2,9\n", "line 14: label 9 is not a class 0..7"},
		{"NaN", good + "NaN,1,0\n", `line 13: x1 is not a number: "NaN"`},
		{"Inf", good + "1,1e999,0\n", `line 13: x2 is not a number: "1e999"`},
		{"a value word", "x1,x2,value\n" + good + "1,1,high\n", `line 14: value is not a number: "high"`},
		{"empty label", good + "1,1,\n", "line 13: the label is empty"},
		{"nine names", rowsOf(12, ",", func(i int) string { return fmt.Sprint("c", i%9) }), `class "c8" would be class 9`},
		{"one class", rowsOf(12, ",", func(int) string { return "1" }), "every row has class"},
		{"too few", rowsOf(9, ",", alternate), "9 data rows; at least 10"},
		{"too many rows", rowsOf(MaxCSVRows+1, ",", alternate), "more than 5000 rows"},
		{"too large", strings.Repeat(" ", MaxCSVBytes+1), "at most 1048576 (1 MB)"},
		{"not UTF-8", good + "\xff,1,1\n", "not UTF-8"},
		{"a second header", "x1,x2,label\n" + good + "x1,x2,label\n", `line 14: x1 is not a number: "x1"`},
	}
	for _, c := range cases {
		_, err := ParseCSV([]byte(c.file))
		var csvErr *CSVError
		if err == nil || !errors.As(err, &csvErr) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestParseCSVListsTheFirstBadRowsAndCounts(t *testing.T) {
	file := rowsOf(12, ",", alternate) + strings.Repeat("1,x,0\n", 20)
	_, err := ParseCSV([]byte(file))
	var csvErr *CSVError
	if !errors.As(err, &csvErr) || len(csvErr.Problems) != maxCSVProblems || csvErr.More != 20-maxCSVProblems {
		t.Fatalf("%v", err)
	}
	if !strings.HasPrefix(err.Error(), `line 13: x2 is not a number: "x"; line 14:`) || !strings.HasSuffix(err.Error(), "; and 12 more bad rows") {
		t.Errorf("message %q", err)
	}
}

func TestTableTextRoundTrip(t *testing.T) {
	for _, tab := range []Table{
		{{X1: 1.5, X2: -6, Label: 3}, {X1: 0.001, X2: 5.999, Label: 0}},
		{{X1: 1.5, X2: -6, Value: -0.999}, {X1: -0.001, X2: 2, Value: 1}},
	} {
		text, err := tab.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Table
		if err := back.UnmarshalText(text); err != nil || fmt.Sprint(back) != fmt.Sprint(tab) {
			t.Errorf("%s read back as %v, %v", text, back, err)
		}
	}
	for _, bad := range []string{"x1,x2,y\n1,2,3\n", "x1,x2,label\n1,2,0.5\n", "x1,x2,value\n1,2\n", "x1,x2,value\n1;2;3\n", "x1,x2,label\n1,NaN,0\n"} {
		var back Table
		if err := back.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
}

func TestQuantize(t *testing.T) {
	for _, c := range []struct{ in, want float32 }{{1.23449, 1.234}, {-5.9996, -6}, {0.0005, 0.001}, {3, 3}} {
		if got := Quantize(c.in); got != c.want || !OnGrid(got) {
			t.Errorf("Quantize(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if OnGrid(0.0001) {
		t.Error("0.0001 is not on the grid")
	}
}
