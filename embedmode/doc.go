// Package embedmode is the playground's embed mode as a link says it:
// which of the panel's controls an embedded playground shows (declared
// once here, for the page, the embed builder and the Worker), how a page
// address asks for embed mode (?embed=1&controls=play,reset,speed), and
// the <iframe> snippet and title a blog post pastes. Std and experiment
// only, so the page and the Worker share it.
package embedmode
