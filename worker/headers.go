package worker

import "net/http"

// contentSecurityPolicy allows only the page's own files. 'wasm-unsafe-eval'
// lets the page compile WebAssembly; styles may be inline because Ebiten
// and the panel set element styles. frame-ancestors is open because the
// page is meant to be embedded in other people's posts as an iframe.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *"

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
}
