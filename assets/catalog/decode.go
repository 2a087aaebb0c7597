package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxFileLen bounds a catalog file, checked before parsing. The papers
// catalog is about 26 KB for 33 papers.
const MaxFileLen = 512 << 10

// decodeStrict reads exactly one JSON object into v: no unknown fields,
// nothing after it, at most MaxFileLen bytes.
func decodeStrict(name string, b []byte, v any) error {
	if len(b) > MaxFileLen {
		return fmt.Errorf("%s is %d bytes long; at most %d are read", name, len(b), MaxFileLen)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: data after the top-level object", name)
	}
	return nil
}

// checkVersion accepts the only version there is so far.
func checkVersion(name string, version int) error {
	if version != Version {
		return fmt.Errorf("%s: version %d, but this page reads version %d", name, version, Version)
	}
	return nil
}

// Version is the layout version of both catalog files.
const Version = 1
