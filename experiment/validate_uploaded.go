package experiment

import (
	"fmt"

	"playground/data"
)

// checkUploadedCount checks what an uploaded set fixes: its point count is
// that of its points, and it has no noise.
func (c *checker) checkUploadedCount(d DataSpec) {
	if c.intIn("data.uploaded", "", len(d.Uploaded), " uploaded points", data.MinCSVRows, data.MaxCSVRows) && d.Points != len(d.Uploaded) {
		c.add("data.points", "%d points, but %d were uploaded", d.Points, len(d.Uploaded))
	}
	if d.Noise != 0 {
		c.add("data.noise", "uploaded points have no noise, so it must be 0, not %d", d.Noise)
	}
}

// checkUploaded checks the uploaded points: only uploaded sets have them,
// inside the plane's square on the data.Quantum grid, with a label of the
// class count or a regression's value in [-1, 1] (what data.ParseCSV
// makes of any file).
func (c *checker) checkUploaded(d DataSpec, setOK, classesOK bool) {
	const field = "data.uploaded"
	if !setOK || len(d.Uploaded) == 0 {
		return
	}
	if !d.Set.Uploaded() {
		c.add(field, "%v generates its points, so none can be uploaded", d.Set)
		return
	}
	regression := d.Set.Regression()
	square := interval{lo: -float64(d.Set.Extent()), hi: float64(d.Set.Extent())}
	problems := 0
	for i, p := range d.Uploaded {
		if problems == maxHashErrors {
			c.add(field, "and more bad points")
			return
		}
		before := len(c.found)
		at := fmt.Sprintf("point %d: ", i+1)
		c.gridIn(field, at+"x1 ", p.X1, square)
		c.gridIn(field, at+"x2 ", p.X2, square)
		if regression {
			if p.Label != 0 {
				c.add(field, "%slabel must be 0 for a regression, not %d", at, p.Label)
			}
			c.gridIn(field, at+"value ", p.Value, interval{lo: -1, hi: 1})
		} else {
			if p.Value != 0 {
				c.add(field, "%svalue must be 0 for classes, not %s", at, formatFloat(p.Value))
			}
			if p.Label < 0 || (classesOK && p.Label >= d.Classes) {
				c.add(field, "%slabel %d is not one of the %d classes 0..%d", at, p.Label, d.Classes, d.Classes-1)
			}
		}
		if len(c.found) > before {
			problems++
		}
	}
}

// gridIn is floatIn for a value that must also be on the data.Quantum grid.
func (c *checker) gridIn(field, at string, x float32, r interval) {
	if c.floatIn(field, at, x, r) && !data.OnGrid(x) {
		c.add(field, "%s%s is not a multiple of %g", at, formatFloat(x), data.Quantum)
	}
}
