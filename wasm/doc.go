//go:build js

// Command wasm is the playground in the browser: it reads the experiment
// from the URL, builds the DOM panel, trains the session inside Ebiten's
// game loop, draws the views, and offers window.playground to pages and
// tests. It only wires the other packages together.
package main
