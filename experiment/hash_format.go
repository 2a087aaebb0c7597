package experiment

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// hashProp is one row of a hash format's table: one key, and how its value
// is written, read back and judged relevant. The same row drives both
// EncodeHash and DecodeHash, so the two cannot drift apart.
type hashProp struct {
	key string
	// field is the JSON path of the spec field the key sets, as
	// Violation.Field names it, so validation errors can name the key.
	field string
	// relevant reports whether the value matters for the spec's current
	// choices (beta1 for Adam, not for SGD); nil means always. A value
	// that does not matter is not written: a link carries only what its
	// experiment uses, and reading it back gives the baseline's value
	// there (WithoutUnused). Decoding ignores relevance, so these rules may
	// change without changing what any link means.
	relevant func(Spec) bool
	// sparse says the value is written only when it differs from the
	// baseline (keys added after version 1, lists).
	sparse bool
	format func(Spec) string
	// parse reads a value into the spec. Props are parsed in table order,
	// so a value may depend on rows above it (added points on the set).
	parse func(value string, s *Spec) error
}

// hashFormat is one version of the hash: its table and the baseline that
// absent keys take their values from.
type hashFormat struct {
	version  int
	baseline Spec
	props    []hashProp
	// baselineText[i] is props[i].format(baseline). Values are compared as
	// text, so "omitted" means exactly "reads back as the baseline".
	baselineText []string
	// migrate turns what this version decoded into a spec as the next
	// version means it (nil for the latest); decoding chains them.
	migrate func(*Spec)
	// keepsUnused is version 1's frozen rule: a value the experiment does
	// not use is still written when it differs from the baseline.
	keepsUnused bool
	// attached are keys of this version that are not spec fields (trained
	// weights, weights_link.go): decode skips them silently.
	attached []string
}

func newHashFormat(version int, baseline Spec, props []hashProp, migrate func(*Spec)) *hashFormat {
	f := &hashFormat{version: version, baseline: baseline, props: props, migrate: migrate}
	for _, p := range props {
		f.baselineText = append(f.baselineText, p.format(baseline))
	}
	return f
}

// replaceRows returns a copy of rows where each of with replaces the row of
// the same key, or is appended when no row has its key: a version's table
// written as its differences from the one before.
func replaceRows(rows []hashProp, with ...hashProp) []hashProp {
	out := slices.Clone(rows)
	for _, w := range with {
		i := slices.IndexFunc(out, func(p hashProp) bool { return p.key == w.key })
		if i < 0 {
			out = append(out, w)
			continue
		}
		out[i] = w
	}
	return out
}

func (f *hashFormat) encode(s Spec) string {
	var b strings.Builder
	b.WriteString("v=")
	b.WriteString(strconv.Itoa(f.version))
	for i, p := range f.props {
		text := p.format(s)
		unused := p.relevant != nil && !p.relevant(s)
		if f.keepsUnused && unused && text != f.baselineText[i] {
			unused = false // version 1 wrote kept values that differ
		}
		if unused || p.sparse && text == f.baselineText[i] {
			continue
		}
		b.WriteByte('&')
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(text)
	}
	return b.String()
}

// withoutUnused sets every value the spec does not use (see
// hashProp.relevant) to the baseline's, as a link of it reads back.
func (f *hashFormat) withoutUnused(s Spec) Spec {
	s = s.Clone()
	for i, p := range f.props {
		if p.relevant != nil && !p.relevant(s) {
			if err := p.parse(f.baselineText[i], &s); err != nil {
				panic(fmt.Sprintf("experiment: the baseline's %s=%s does not parse: %v", p.key, f.baselineText[i], err))
			}
		}
	}
	return s
}

// decode reads the pairs after "v=N&" (hasPairs says whether there was an
// '&'). Absent keys keep the baseline's values. Keys this version does not
// know (a newer page's extra settings) are skipped and named in ignored,
// so that a reader keeps the rest of the experiment. The result is not yet
// validated.
func (f *hashFormat) decode(pairs string, hasPairs bool) (s Spec, ignored []string, err error) {
	values := make([]string, len(f.props))
	seen := make([]bool, len(f.props))
	var errs errorList
	if hasPairs {
		for pair := range strings.SplitSeq(pairs, "&") {
			key, value, hasValue := strings.Cut(pair, "=")
			i := f.index(key)
			// Messages are built only while the list has room for them:
			// a link of 4000 unknown keys must not build 4000 messages.
			switch {
			case pair == "":
				errs.addLazy(func() error { return errors.New("empty setting: two '&' in a row, or one at the end") })
			case key == "v":
				errs.addLazy(func() error { return errors.New(`key "v" appears more than once`) })
			case i < 0 && slices.Contains(f.attached, key):
				// read by its own decoder
			case i < 0 && !plausibleKey(key):
				errs.addLazy(func() error { return fmt.Errorf("unknown key %s", quoteClip(key)) })
			case i < 0:
				if len(ignored) < maxHashErrors && !slices.Contains(ignored, key) {
					ignored = append(ignored, key)
				}
			case seen[i]:
				errs.addLazy(func() error { return fmt.Errorf("key %q appears more than once", key) })
			case !hasValue:
				errs.addLazy(func() error { return fmt.Errorf("key %q has no value (want %s=...)", key, key) })
			default:
				values[i], seen[i] = value, true
			}
		}
	}
	s = f.baseline.Clone()
	for i, p := range f.props {
		if !seen[i] {
			continue
		}
		if err := p.parse(values[i], &s); err != nil {
			errs.add(fmt.Errorf("key %q: %w", p.key, err))
		}
	}
	return s, ignored, errs.err()
}

// plausibleKey says whether an unknown key looks like one a later version
// could write (a short lower-case name), rather than a garbled link.
func plausibleKey(key string) bool {
	return key != "" && len(key) <= 16 && strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
}

func (f *hashFormat) index(key string) int {
	for i, p := range f.props {
		if p.key == key {
			return i
		}
	}
	return -1
}

// nameKeys rewrites Validate's violations to name this format's keys.
func (f *hashFormat) nameKeys(err error) error {
	var invalid *ValidationError
	if !errors.As(err, &invalid) {
		return err
	}
	var errs errorList
	for _, v := range invalid.Violations {
		key := ""
		for _, p := range f.props {
			if p.field == v.Field {
				key = p.key
			}
		}
		errs.add(fmt.Errorf("key %q (%s): %s", key, v.Field, v.Problem))
	}
	return errs.err()
}

// maxHashErrors bounds the problems one decode reports, so that a long
// garbled link yields a readable message rather than thousands of lines.
const maxHashErrors = 10

// errorList collects up to maxHashErrors errors and counts the rest.
type errorList struct {
	errs []error
	more int
}

func (l *errorList) add(err error) {
	l.addLazy(func() error { return err })
}

// addLazy builds the error only if the list has room for it.
func (l *errorList) addLazy(build func() error) {
	if len(l.errs) == maxHashErrors {
		l.more++
		return
	}
	l.errs = append(l.errs, build())
}

func (l *errorList) err() error {
	if l.more > 0 {
		return errors.Join(append(l.errs, fmt.Errorf("and %d more problems", l.more))...)
	}
	return errors.Join(l.errs...)
}
