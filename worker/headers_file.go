package worker

import "strings"

// StaticHeadersFile is the _headers file of the site folder deployed to
// Cloudflare, whose assets binding adds these headers to the static files
// it serves (the Worker never sees those requests). It states the same
// headers the Go handler sets under `make run`, from the same constants.
// ETags and revalidation ("public, max-age=0, must-revalidate") come from
// the assets binding itself, except below /build/, where every file is
// named by its content (see buildnames.go) and cached immutable.
func StaticHeadersFile() string {
	var b strings.Builder
	b.WriteString("# Written by worker/cmd/site from worker/headers.go: edit there.\n")
	b.WriteString("/*\n")
	for _, kv := range [][2]string{
		{"Content-Security-Policy", pageCSP},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", referrerPolicy},
	} {
		b.WriteString("  " + kv[0] + ": " + kv[1] + "\n")
	}
	// The catalogs and presets are public data: other sites may fetch them.
	b.WriteString("/assets/*\n")
	b.WriteString("  Access-Control-Allow-Origin: *\n")
	b.WriteString("/build/*\n")
	b.WriteString("  Cache-Control: " + ImmutableCacheControl + "\n")
	return b.String()
}
