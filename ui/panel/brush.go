//go:build js

package panel

import (
	"fmt"
	"strconv"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
)

// brush is the select saying what a click on the plane does.
type brush struct {
	p      *Panel
	row    *dom.BasicHTMLElement
	sel    *dom.HTMLSelectElement
	shown  string // the option set currently built, to rebuild only on change
	choice int
}

// RemoveNearest is the brush value that removes the clicked point.
const RemoveNearest = -1

// NoBrush is the brush of a panel without the data controls (an embed
// that does not show them): a click on the plane changes nothing.
const NoBrush = -2

func (p *Panel) newBrush(parent *dom.BasicHTMLElement) *brush {
	b := &brush{p: p, sel: p.newSelect("brush", nil)}
	b.sel.AddEventListener("change", false, func(dom.Event) {
		b.choice, _ = strconv.Atoi(b.sel.Value())
	})
	b.row = p.labelled(parent, "Click on the plane", "brush", b.sel.BasicHTMLElement)
	return b
}

func (b *brush) sync(s experiment.Spec) {
	setShown(b.row, s.Data.Set.OnPlane())
	var opts []choice
	switch {
	case s.Data.Set.Function():
		opts = []choice{{"adds a sample of the function", "0"}}
	case s.Classification():
		for k := range s.Data.Classes {
			opts = append(opts, choice{fmt.Sprintf("adds class %d", k), strconv.Itoa(k)})
		}
	default:
		opts = []choice{{"adds value +1", "0"}, {"adds value −1", "1"}}
	}
	opts = append(opts, choice{"removes the nearest point", strconv.Itoa(RemoveNearest)})
	key := fmt.Sprint(opts)
	if key != b.shown {
		b.p.setChoices(b.sel, opts)
		b.shown = key
		if b.choice >= len(opts)-1 {
			b.choice = 0
		}
	}
	b.sel.SetValue(strconv.Itoa(b.choice))
}

func (b *brush) value() int { return b.choice }
