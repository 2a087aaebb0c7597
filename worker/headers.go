package worker

import "net/http"

// pageCSP allows only the page's own files. 'wasm-unsafe-eval' lets the
// page compile WebAssembly; styles may be inline because Ebiten and the
// panel set element styles. frame-ancestors is open because the page is
// meant to be embedded in other people's posts as an iframe.
const pageCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *"

// apiCSP is for JSON answers: nothing to load, nothing to frame them.
const apiCSP = "default-src 'none'; frame-ancestors 'none'"

// referrerPolicy sends other sites the origin only.
const referrerPolicy = "strict-origin-when-cross-origin"

// setPageHeaders sets the security headers of the page and its files.
// The same headers reach Cloudflare's static assets through the _headers
// file that StaticHeadersFile writes.
func setPageHeaders(h http.Header) {
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", referrerPolicy)
}

// setAPIHeaders sets the headers of every /api/ answer, errors included:
// any site may read the catalogs (they are public, and GET only), none
// may frame them.
func setAPIHeaders(h http.Header) {
	h.Set("Content-Security-Policy", apiCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", referrerPolicy)
	h.Set("Access-Control-Allow-Origin", "*")
}
