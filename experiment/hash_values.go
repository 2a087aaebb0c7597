package experiment

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxScalarLen bounds one scalar value in a hash. The longest valid one, a
// float32 such as "-1.1754944e-38", has 15 bytes; the cap keeps error
// messages that quote a value short.
const maxScalarLen = 32

// The constructors below build the table rows of one-value keys. get returns
// a pointer to the field, which serves both to read it (format) and to set
// it (parse).

func intProp(key, field string, get func(*Spec) *int, relevant func(Spec) bool) hashProp {
	return hashProp{
		key: key, field: field, relevant: relevant,
		format: func(s Spec) string { return strconv.Itoa(*get(&s)) },
		parse: func(v string, s *Spec) (err error) {
			*get(s), err = parseInt(v)
			return err
		},
	}
}

func floatProp(key, field string, get func(*Spec) *float32, relevant func(Spec) bool) hashProp {
	return hashProp{
		key: key, field: field, relevant: relevant,
		format: func(s Spec) string { return formatFloat(*get(&s)) },
		parse: func(v string, s *Spec) (err error) {
			*get(s), err = parseFloat(v)
			return err
		},
	}
}

// boolProp writes 1 or 0.
func boolProp(key, field string, get func(*Spec) *bool) hashProp {
	return hashProp{
		key: key, field: field,
		format: func(s Spec) string {
			if *get(&s) {
				return "1"
			}
			return "0"
		},
		parse: func(v string, s *Spec) error {
			switch v {
			case "1":
				*get(s) = true
			case "0":
				*get(s) = false
			default:
				return fmt.Errorf("want 0 or 1, not %s", quoteClip(v))
			}
			return nil
		},
	}
}

func uint32Prop(key, field string, get func(*Spec) *uint32) hashProp {
	return hashProp{
		key: key, field: field,
		format: func(s Spec) string { return strconv.FormatUint(uint64(*get(&s)), 10) },
		parse: func(v string, s *Spec) error {
			// Base 10 takes digits only: no sign, prefix or '_'.
			n, err := strconv.ParseUint(v, 10, 32)
			if err != nil {
				return fmt.Errorf("%s is not a whole number from 0 to %d", quoteClip(v), uint32(1<<32-1))
			}
			*get(s) = uint32(n)
			return nil
		},
	}
}

// namedEnum is an enum of package nn or data, written by its name.
type namedEnum interface {
	~uint8
	String() string
}

func enumProp[E namedEnum](key, field string, get func(*Spec) *E, parse func(string) (E, error), relevant func(Spec) bool) hashProp {
	return hashProp{
		key: key, field: field, relevant: relevant,
		format: func(s Spec) string { return (*get(&s)).String() },
		parse: func(v string, s *Spec) (err error) {
			if len(v) > maxScalarLen {
				return fmt.Errorf("%s is not a name this page knows", quoteClip(v))
			}
			*get(s), err = parse(v)
			return err
		},
	}
}

// parseInt reads a decimal integer: an optional '-' and digits, nothing else.
func parseInt(v string) (int, error) {
	if err := checkScalar(strings.TrimPrefix(v, "-"), "0123456789"); err != nil {
		return 0, fmt.Errorf("%s is not a whole number", quoteClip(v))
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s is too large", quoteClip(v))
	}
	return n, nil
}

// parseFloat reads a decimal float32. The character check turns away "NaN",
// "Inf", hexadecimal and '_' separators, which strconv would accept.
func parseFloat(v string) (float32, error) {
	if err := checkScalar(v, "0123456789.eE+-"); err != nil {
		return 0, err
	}
	x, err := strconv.ParseFloat(v, 32)
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%s is out of range", quoteClip(v))
	}
	if err != nil {
		return 0, fmt.Errorf("%s is not a number", quoteClip(v))
	}
	return float32(x), nil
}

// checkScalar checks that v is a short, non-empty run of allowed bytes.
func checkScalar(v, allowed string) error {
	switch {
	case v == "":
		return errors.New("the value is empty")
	case len(v) > maxScalarLen:
		return fmt.Errorf("the value is %d bytes long; at most %d", len(v), maxScalarLen)
	case strings.Trim(v, allowed) != "":
		return fmt.Errorf("%s is not a number", quoteClip(v))
	}
	return nil
}

// formatFloat writes a float32 in the shortest form that reads back as the
// same float32; both encodings and the messages use it.
func formatFloat(x float32) string {
	return strconv.FormatFloat(float64(x), 'g', -1, 32)
}

// clip shortens text taken from input before it goes into an error message.
func clip(s string) string {
	const maxLen = 40
	if len(s) <= maxLen {
		return s
	}
	return s[:maxLen] + "..."
}

func quoteClip(s string) string { return strconv.Quote(clip(s)) }
