//go:build js

package main

import (
	"log"

	"github.com/hajimehoshi/ebiten/v2"
	"honnef.co/go/js/dom/v2"

	"playground/ui/panel"
)

func main() {
	markStartup("main")
	win := dom.GetWindow()
	a, err := newApp(startingHash(win.Location().Hash()))
	if err != nil {
		log.Fatalf("playground: %v", err)
	}
	root := panel.ElementByID(win.Document(), "controls")
	if root == nil {
		log.Fatal("playground: the page has no #controls element")
	}
	markStartup("session")
	a.startEmbed(win.Document())
	a.finishStartupLater(func() {
		a.showStartLink()
		a.attachPanel(root)
		resumeCollection()
	})
	a.listenForKeys(win)
	a.listenForHashChanges(win)
	exposeAPI(a)
	a.listenForHostMessages(win)
	a.startAutosave(win)
	for _, id := range []string{"loading", "placeholder"} {
		if el := panel.ElementByID(win.Document(), id); el != nil {
			el.Remove()
		}
	}

	markStartup("listening")
	ebiten.SetRunnableOnUnfocused(true)
	// The screen keeps its picture between frames: Draw skips frames
	// where nothing visible changed.
	ebiten.SetScreenClearedEveryFrame(false)
	if err := ebiten.RunGame(newGame(a)); err != nil {
		log.Fatalf("playground: %v", err)
	}
}
