//go:build js

package panel

import (
	"fmt"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"playground/data"
	"playground/experiment"
)

// buildUpload adds the "Upload CSV" file input to the data section. The
// file's text goes to Actions.ImportData, the one implementation that
// window.playground.importData shares; a refused file leaves the
// experiment as it was and the page says why. Nothing from the file is
// ever inserted as HTML: messages are set as text.
func (p *Panel) buildUpload(sec *dom.BasicHTMLElement) {
	row := p.element("div", "row upload")
	in := p.newInput()
	in.SetType("file")
	in.SetID("upload-csv")
	in.SetAttribute("accept", ".csv,.tsv,.txt,text/csv,text/plain")
	in.SetTitle(fmt.Sprintf("Your own points: columns x1, x2 and a class label or a value; a header row optional; "+
		"comma, semicolon or tab; at most %d rows and 1 MB", data.MaxCSVRows))
	label := p.element("label", "")
	label.SetAttribute("for", "upload-csv")
	label.SetTextContent("Upload CSV")
	row.AppendChild(label)
	row.AppendChild(in)
	status := p.element("div", "upload-status")
	status.SetID("upload-status")
	p.upload = status
	sec.AppendChild(row)
	sec.AppendChild(status)
	// Spike trains are drawn, not uploaded: a CSV holds points.
	p.controls = append(p.controls, &control{row: row, sync: func(experiment.Spec) {},
		visible: func(s experiment.Spec) bool { return !s.Data.Set.Temporal() }})
	p.controls = append(p.controls, &control{row: status, sync: func(experiment.Spec) {},
		visible: func(s experiment.Spec) bool { return s.Data.Set.Uploaded() && status.TextContent() != "" }})

	in.AddEventListener("change", false, func(dom.Event) {
		files := in.Files()
		if len(files) == 0 || p.act.ImportData == nil {
			return
		}
		file := files[0].Value
		// Cleared, so choosing the same file again (after mending it) is
		// a change too.
		in.SetValue("")
		if size := file.Get("size").Int(); size > data.MaxCSVBytes {
			p.refuse(fmt.Sprintf("The file was not loaded, the experiment is unchanged: it is %d bytes; at most %d (1 MB) are read.", size, data.MaxCSVBytes))
			return
		}
		readText(file, func(text string, err error) {
			if err != nil {
				p.refuse(fmt.Sprintf("The file could not be read: %v", err))
				return
			}
			// ImportData shows what it read, or why not.
			_ = p.act.ImportData(text)
		})
	})
}

// ShowUpload says what the uploaded file held (as text, never HTML), below
// the Upload CSV control while its points are the data set.
func (p *Panel) ShowUpload(summary string) {
	p.upload.SetTextContent(summary)
	p.Sync()
}

// readText reads a File (a Blob) as text and calls done with it.
func readText(file js.Value, done func(string, error)) {
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		done(args[0].String(), nil)
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		done("", fmt.Errorf("%s", js.Global().Get("String").Invoke(args[0]).String()))
		return nil
	})
	file.Call("text").Call("then", ok, fail)
}

// uploadedSetChoice refuses picking an uploaded set from the menu: its
// points come from a file (the Upload CSV control).
func uploadedSetChoice(s *experiment.Spec, set data.Set) (handled bool, err error) {
	switch {
	case set == s.Data.Set:
		return true, nil
	case set.Uploaded():
		return true, fmt.Errorf("choose a CSV file with \"Upload CSV\" to train on your own data")
	}
	return false, nil
}
