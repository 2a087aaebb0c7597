// Package e2e holds the browser tests: they serve the playground with the
// worker's handler, drive it in headless Chromium through chromedp, and
// check what a person would see. They build only with -tags browser
// (`make test-browser`), after `make build`.
package e2e
