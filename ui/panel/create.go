//go:build js

package panel

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// The panel makes its elements here rather than with dom/v2's
// Document.CreateElement: that wraps each new element by comparing its
// constructor with every HTML element type in turn, some seventy calls
// into JavaScript per element, which made building the panel the largest
// part of the page's start-up. The panel knows which type it asked for,
// so it wraps the element as that type directly.
//
// The page also holds every element as a concrete dom/v2 type, never as
// the interfaces dom.Element or dom.HTMLElement: a method called through
// those keeps that method of all ~90 element types in the program
// (docs/DESIGN.md has the bytes).

// AsHTMLElement wraps v, an element of the page or nil/undefined (then it
// returns nil), as a plain HTML element, without dom/v2's type switch.
func AsHTMLElement(v js.Value) *dom.BasicHTMLElement {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// The page looks elements up with these rather than dom/v2's
// GetElementByID, QuerySelector, DocumentElement or Event.Target: those
// wrap what they find with the same constructor comparisons, some
// seventy calls into JavaScript, on the page's way to its first frame.

// ElementByID is doc's element with the id, or nil.
func ElementByID(doc dom.Document, id string) *dom.BasicHTMLElement {
	return AsHTMLElement(doc.Underlying().Call("getElementById", id))
}

// FirstMatch is doc's first element that the CSS selector matches, or nil.
func FirstMatch(doc dom.Document, selector string) *dom.BasicHTMLElement {
	return AsHTMLElement(doc.Underlying().Call("querySelector", selector))
}

// RootElement is doc's <html> element.
func RootElement(doc dom.Document) *dom.BasicHTMLElement {
	return AsHTMLElement(doc.Underlying().Get("documentElement"))
}

// TargetOf is what e happened on, held as an HTML element (the window or
// the document, for an event sent there, answer no tag name), or nil.
func TargetOf(e dom.Event) *dom.BasicHTMLElement {
	return AsHTMLElement(e.Underlying().Get("target"))
}

// newElement makes a <tag> element as a plain HTML element.
func (p *Panel) newElement(tag string) *dom.BasicHTMLElement {
	return AsHTMLElement(p.doc.Underlying().Call("createElement", tag))
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
