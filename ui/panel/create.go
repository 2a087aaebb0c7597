//go:build js

package panel

import "honnef.co/go/js/dom/v2"

// The panel makes its elements here rather than with dom/v2's
// Document.CreateElement: that wraps each new element by comparing its
// constructor with every HTML element type in turn, some seventy calls
// into JavaScript per element, which made building the panel the largest
// part of the page's start-up. The panel knows which type it asked for,
// so it wraps the element as that type directly.

// newElement makes a <tag> element as a plain HTML element.
func (p *Panel) newElement(tag string) *dom.BasicHTMLElement {
	v := p.doc.Underlying().Call("createElement", tag)
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

func (p *Panel) newInput() *dom.HTMLInputElement {
	return &dom.HTMLInputElement{BasicHTMLElement: p.newElement("input")}
}

func (p *Panel) newSelectElement() *dom.HTMLSelectElement {
	return &dom.HTMLSelectElement{BasicHTMLElement: p.newElement("select")}
}

func (p *Panel) newOption() *dom.HTMLOptionElement {
	return &dom.HTMLOptionElement{BasicHTMLElement: p.newElement("option")}
}

func (p *Panel) newButton() *dom.HTMLButtonElement {
	return &dom.HTMLButtonElement{BasicHTMLElement: p.newElement("button")}
}

func (p *Panel) newTextArea() *dom.HTMLTextAreaElement {
	return &dom.HTMLTextAreaElement{BasicHTMLElement: p.newElement("textarea")}
}

func (p *Panel) newAnchor() *dom.HTMLAnchorElement {
	el := p.newElement("a")
	return &dom.HTMLAnchorElement{BasicHTMLElement: el, URLUtils: &dom.URLUtils{Value: el.Value}}
}
