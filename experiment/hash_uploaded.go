package experiment

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"playground/data"
)

// The uploaded points in a link ("csv" key): base64url without padding of
// a format byte, then each point in order as big-endian fixed point in
// thousandths (data.Quantum): x1 and x2 as int16, then the label as one
// byte (format 1, classes) or the value as int16 (format 2, regression).
// About 7 characters a point for classes, 8 for a regression.
const (
	uploadClasses = 1
	uploadValues  = 2
	// MaxLinkUploadBytes bounds the encoded points (before base64): about
	// 1,200 points of classes or 1,000 of a regression. Larger uploads do
	// not fit a link: it carries uploadTooLarge instead, and the
	// experiment's export file carries the points.
	MaxLinkUploadBytes = 6000
	// uploadTooLarge is what a link carries in place of points that do
	// not fit: it reads back as an error saying so. It has a character
	// base64url lacks, so no payload reads as it.
	uploadTooLarge = "toolarge."
)

// ErrUploadTooLarge is the error of a link whose uploaded points did not
// fit it.
var ErrUploadTooLarge = fmt.Errorf("the experiment's uploaded data was too large for a link (more than %d bytes); share its export file instead", MaxLinkUploadBytes)

// UploadFitsLink reports whether the spec's uploaded points (if any)
// travel in its link.
func UploadFitsLink(s Spec) bool {
	return uploadPayloadLen(s.Data) <= MaxLinkUploadBytes
}

func uploadPayloadLen(d DataSpec) int {
	if len(d.Uploaded) == 0 {
		return 0
	}
	per := 5
	if d.Set.Regression() {
		per = 6
	}
	return 1 + per*len(d.Uploaded)
}

// uploadedProp writes the uploaded points; an older page skips the key
// (and then refuses the link, whose set it does not know).
func uploadedProp(key, field string) hashProp {
	return hashProp{
		key: key, field: field,
		relevant: func(s Spec) bool { return len(s.Data.Uploaded) > 0 },
		format:   formatUploaded,
		parse: func(v string, s *Spec) (err error) {
			s.Data.Uploaded, err = parseUploaded(v)
			return err
		},
	}
}

func formatUploaded(s Spec) string {
	d := s.Data
	n := uploadPayloadLen(d)
	if n == 0 {
		return ""
	}
	if n > MaxLinkUploadBytes {
		return uploadTooLarge
	}
	regression := d.Set.Regression()
	b := make([]byte, 1, n)
	b[0] = uploadClasses
	if regression {
		b[0] = uploadValues
	}
	for _, p := range d.Uploaded {
		b = binary.BigEndian.AppendUint16(b, uint16(thousandths(p.X1)))
		b = binary.BigEndian.AppendUint16(b, uint16(thousandths(p.X2)))
		if regression {
			b = binary.BigEndian.AppendUint16(b, uint16(thousandths(p.Value)))
		} else {
			b = append(b, byte(min(max(p.Label, 0), math.MaxUint8)))
		}
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// thousandths is v in units of data.Quantum, clamped to int16. Values a
// valid spec holds (on the grid, |v| <= 6) come out exact.
func thousandths(v float32) int16 {
	return int16(min(max(math.Round(float64(v)/data.Quantum), math.MinInt16), math.MaxInt16))
}

func fromThousandths(u uint16) float32 { return data.Quantize(float32(int16(u)) * data.Quantum) }

// parseUploaded reads formatUploaded's text, its length checked before
// anything is decoded.
func parseUploaded(v string) (data.Table, error) {
	switch {
	case v == "":
		return nil, nil
	case v == uploadTooLarge:
		return nil, ErrUploadTooLarge
	case base64.RawURLEncoding.DecodedLen(len(v)) > MaxLinkUploadBytes:
		return nil, fmt.Errorf("%d characters of points; at most %d are read", len(v), base64.RawURLEncoding.EncodedLen(MaxLinkUploadBytes))
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || len(b) == 0 { // the decoder skips newlines: "\n" is no bytes
		return nil, errors.New("the points are not base64url text")
	}
	per := 0
	switch b[0] {
	case uploadClasses:
		per = 5
	case uploadValues:
		per = 6
	default:
		return nil, fmt.Errorf("unknown points format %d", b[0])
	}
	body := b[1:]
	if len(body)%per != 0 {
		return nil, fmt.Errorf("%d bytes of points is not a whole number of %d-byte points", len(body), per)
	}
	t := make(data.Table, len(body)/per)
	for i := range t {
		p := body[i*per:]
		t[i].X1 = fromThousandths(binary.BigEndian.Uint16(p))
		t[i].X2 = fromThousandths(binary.BigEndian.Uint16(p[2:]))
		if per == 6 {
			t[i].Value = fromThousandths(binary.BigEndian.Uint16(p[4:]))
		} else {
			t[i].Label = int(p[4])
		}
	}
	return t, nil
}
