//go:build js

package panel

import (
	"fmt"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
)

// longLink is the length past which a link is offered as a file instead:
// chat apps, mail and some blog editors cut or refuse longer URLs.
const longLink = 8 << 10

// shareWeights is the share section's part for trained weights: the
// "include trained weights" box, the link's length, and the file export,
// import and "new experiment" buttons.
type shareWeights struct {
	include *dom.HTMLInputElement
	length  *dom.BasicHTMLElement
	note    *dom.BasicHTMLElement
}

func (p *Panel) buildShareWeights(s *dom.BasicHTMLElement) {
	w := &p.weights
	var row *dom.BasicHTMLElement
	w.include, row = p.checkbox(s, "share-weights", "Include trained weights")
	row.SetTitle("The link opens at this step with these weights (rounded to float16) instead of training from scratch")
	w.include.AddEventListener("change", false, func(dom.Event) { p.syncLink() })

	w.length = p.element("span", "link-length")
	w.length.SetID("link-length")
	s.AppendChild(w.length)
	w.note = p.element("div", "link-note")
	w.note.SetID("link-note")
	s.AppendChild(w.note)
}

// buildFiles adds the export, import and new-experiment buttons.
func (p *Panel) buildFiles(s *dom.BasicHTMLElement) {
	row := p.element("div", "row files")
	s.AppendChild(row)
	p.button(row, "export", "Export file", "Download the experiment and its trained weights as a JSON file", p.exportFile)
	file := p.newInput()
	file.SetType("file")
	file.SetID("import-file")
	file.SetAttribute("accept", ".json,application/json")
	file.SetAttribute("aria-label", "Experiment file to import")
	file.Style().SetProperty("display", "none", "")
	row.AppendChild(file)
	p.button(row, "import", "Import file", "Open an exported experiment file or a preset file", func() { file.Click() })
	file.AddEventListener("change", false, func(dom.Event) {
		files := file.Underlying().Get("files")
		if files.Length() == 0 {
			return
		}
		f := files.Index(0)
		file.SetValue("") // choosing the same file again is a change too
		p.importFile(f)
	})
	p.button(row, "new-experiment", "New experiment", "Forget the autosaved experiment and start from the default one", func() {
		p.act.NewExperiment()
		p.ShowMessage("")
		p.Sync()
	})
}

// shareLink is the link the copy button copies: with the trained weights
// when the box is ticked and they fit in a link, else without them.
func (p *Panel) shareLink() string {
	w := &p.weights
	if !w.include.Checked() {
		w.note.SetTextContent("")
		return p.act.Link()
	}
	link, err := p.act.LinkWithWeights()
	switch {
	case err != nil:
		w.note.SetTextContent(fmt.Sprintf("The weights cannot go in a link (%v): the link below is without them. Export a file to share them.", err))
		return p.act.Link()
	case len(link) > longLink:
		w.note.SetTextContent(fmt.Sprintf("The link with weights is %.1f KB long; chat apps and mail may cut it. Export a file to share them safely.", float64(len(link))/1024))
	default:
		w.note.SetTextContent("")
	}
	return link
}

// syncLink shows the link to share and its length.
func (p *Panel) syncLink() {
	link := p.shareLink()
	p.link.SetValue(link)
	p.weights.length.SetTextContent(fmt.Sprintf("%d characters", len(link)))
}

// exportFile downloads the export file.
func (p *Panel) exportFile() {
	text, err := p.act.Export()
	if err != nil {
		p.ShowMessage("The experiment could not be exported: " + err.Error())
		return
	}
	download("experiment.json", "application/json", text)
}

// importFile reads a chosen file and hands it to Import; a refused file
// shows why and keeps the experiment.
func (p *Panel) importFile(f js.Value) {
	if size := f.Get("size").Int(); size > experiment.MaxExportLen {
		p.ShowMessage(fmt.Sprintf("The file is %d bytes long; at most %d are read. The experiment is unchanged.", size, experiment.MaxExportLen))
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		if err := p.act.Import(args[0].String()); err != nil {
			p.ShowMessage(err.Error())
			return nil
		}
		p.Sync()
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		p.ShowMessage("The file could not be read; the experiment is unchanged.")
		return nil
	})
	f.Call("text").Call("then", ok, fail)
}

// download offers text as a file named name.
func download(name, mime, text string) {
	blob := js.Global().Get("Blob").New([]any{text}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The download has started from the click; the URL may go after it.
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		revoke.Release()
		js.Global().Get("URL").Call("revokeObjectURL", url)
		return nil
	})
	js.Global().Call("setTimeout", revoke, 1000)
}
