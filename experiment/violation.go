package experiment

import "strings"

// A Violation is one way a spec breaks the rules.
type Violation struct {
	// Field is the JSON path of the offending field, such as "optimizer.lr"
	// or "layers"; the hash decoder maps it to the URL key.
	Field string
	// Problem says what is wrong and what the limit is, and for a list
	// which item (counted from 1), as in "layer 3: 300 units is more than
	// the limit of 256".
	Problem string
}

func (v Violation) Error() string { return v.Field + ": " + v.Problem }

// ValidationError lists every violation Validate found.
type ValidationError struct {
	Violations []Violation
}

// Error puts each violation on its own line, as errors.Join does.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, v := range e.Violations {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(v.Error())
	}
	return b.String()
}

// Unwrap exposes each violation to errors.As.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Violations))
	for i, v := range e.Violations {
		errs[i] = v
	}
	return errs
}
