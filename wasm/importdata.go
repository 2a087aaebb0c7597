//go:build js

package main

import (
	"fmt"
	"strings"

	"playground/data"
	"playground/experiment"
)

// importData switches the experiment to a CSV file's points (the panel's
// Upload CSV and window.playground.importData share it): the network and
// training settings stay, the data set becomes the upload's, and the
// model is rebuilt; the panel says what was read. A refused file keeps
// the current experiment and the page shows why, naming the bad rows.
func (a *app) importData(text string) error {
	return a.importSized(len(text), func() string { return text })
}

// importSized is importData for text of a known length (in bytes, or in
// UTF-16 units for a JavaScript string: no fewer than its bytes), taken
// only once the length is checked, so a huge string is refused before it
// is copied out of JavaScript.
func (a *app) importSized(length int, text func() string) (err error) {
	var u data.Upload
	if length > data.MaxCSVBytes {
		err = fmt.Errorf("it is %d characters long; at most %d (1 MB) are read", length, data.MaxCSVBytes)
	} else {
		u, err = data.ParseCSV([]byte(text()))
	}
	if err == nil {
		next := a.spec()
		next.UseUpload(u)
		err = a.edit(next)
	}
	a.mu.Lock()
	if err != nil {
		err = fmt.Errorf("The file was not loaded, the experiment is unchanged: %w", err)
		a.message = err.Error()
	} else {
		a.message = ""
	}
	a.mu.Unlock()
	a.syncPanel()
	if err != nil {
		return err
	}
	if a.panel != nil {
		a.panel.ShowUpload(uploadSummary(u))
	}
	return nil
}

// uploadSummary says what an upload holds: "300 points, 3 classes (0 =
// setosa, ...); x1 mapped from [...] onto [-6, 6]".
func uploadSummary(u data.Upload) string {
	what := fmt.Sprintf("%d points, %d classes", len(u.Points), u.Classes)
	if u.Regression {
		what = fmt.Sprintf("%d points, a regression", len(u.Points))
	}
	parts := append([]string{what}, u.Notes...)
	if !experiment.UploadFitsLink(experiment.Spec{Data: experiment.DataSpec{Set: u.Set(), Uploaded: u.Points}}) {
		parts = append(parts, "too many for a link: share the export file")
	}
	return strings.Join(parts, "; ")
}
