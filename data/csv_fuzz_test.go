package data

import (
	"errors"
	"testing"
)

// FuzzParseCSV: any file gives points on the plane's grid with labels in
// range, or a *CSVError; never a panic.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte(rowsOf(12, ",", alternate)))
	f.Add([]byte("x1;x2;value\n" + rowsOf(12, ";", func(i int) string { return "0,5" })))
	f.Add([]byte("\uFEFFa\tb\tkind\r\n" + rowsOf(12, "\t", func(i int) string { return []string{"cat", "dog"}[i%2] })))
	f.Add([]byte(rowsOf(12, ",", alternate) + "1,abc,0\n1,2\n"))
	f.Add([]byte("1e308,-1e308,1e308\n" + rowsOf(10, ",", alternate)))
	f.Fuzz(func(t *testing.T, file []byte) {
		u, err := ParseCSV(file)
		if err != nil {
			var csvErr *CSVError
			if !errors.As(err, &csvErr) || err.Error() == "" {
				t.Fatalf("error %v is no CSVError", err)
			}
			return
		}
		if len(u.Points) < MinCSVRows || len(u.Points) > MaxCSVRows {
			t.Fatalf("%d points", len(u.Points))
		}
		if !u.Regression && (u.Classes < 2 || u.Classes > MaxClasses) {
			t.Fatalf("%d classes", u.Classes)
		}
		for _, p := range u.Points {
			if p.X1 < -Domain || p.X1 > Domain || p.X2 < -Domain || p.X2 > Domain || !OnGrid(p.X1) || !OnGrid(p.X2) {
				t.Fatalf("point %v off the plane's grid", p)
			}
			if u.Regression && (p.Label != 0 || p.Value < -1 || p.Value > 1 || !OnGrid(p.Value)) ||
				!u.Regression && (p.Value != 0 || p.Label < 0 || p.Label >= u.Classes) {
				t.Fatalf("point %v, regression %v, %d classes", p, u.Regression, u.Classes)
			}
		}
		// What an upload holds reads back from its JSON text.
		text, _ := u.Points.MarshalText()
		var back Table
		if err := back.UnmarshalText(text); err != nil || len(back) != len(u.Points) {
			t.Fatalf("table text %q: %v", clipField(string(text)), err)
		}
		for i := range back {
			if back[i] != u.Points[i] {
				t.Fatalf("row %d: %v read back as %v", i, u.Points[i], back[i])
			}
		}
	})
}
