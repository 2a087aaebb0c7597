package experiment

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"

	"github.com/x448/float16"
)

// Weights are a trained network as links and export files carry it: the
// steps and epochs it has trained, its parameters and its non-parameter
// state, each flattened in the order nn/doc.go documents
// (nn.Network.Params, then nn.Network.State).
type Weights struct {
	Step, Epoch   int
	Params, State []float32
}

// WeightCounts are how many values a network has: what a weights payload
// must hold to be loaded into it.
type WeightCounts struct{ Params, State int }

// Counts returns how many values w holds.
func (w Weights) Counts() WeightCounts { return WeightCounts{len(w.Params), len(w.State)} }

// The weights payload, version 1, is text in base64url without padding
// of the bytes
//
//	version (one byte, 1) ‖ raw DEFLATE of the body
//
// and the body is
//
//	uvarint step ‖ uvarint epoch ‖ uvarint params ‖ uvarint state ‖
//	the float16 high bytes of every value ‖ their low bytes ‖
//	CRC-32 (IEEE, little-endian) of everything before it in the body
//
// with the values in order, parameters first. Each float16 is split into
// a plane of high bytes (sign, exponent, top of the mantissa: alike from
// weight to weight) and one of low bytes; on the presets' trained networks
// that is about 1% smaller than interleaved bytes, and trained weights
// take 2.3 to 2.8 characters of payload each (docs/DESIGN.md).
const weightsVersion = 1

// Bounds of a weights payload, checked before anything is decompressed.
const (
	// MaxWeightValues bounds the values one payload holds: the parameters
	// (at most MaxParams) and the state, which is no larger than three
	// times the parameters (a KAN layer's knots, in·(G+2k+1), against its
	// in·out·(G+k) coefficients).
	MaxWeightValues = 4 * MaxParams
	// MaxWeightSteps bounds the step and epoch counts a payload carries.
	MaxWeightSteps = 1 << 40
	// maxWeightsHeader bounds the body before the values: four uvarints.
	maxWeightsHeader = 4 * binary.MaxVarintLen64
	// maxWeightsBinary bounds the decoded bytes of the largest payload:
	// the version, the body, and DEFLATE's framing of incompressible data
	// (5 bytes per stored block of 64 KiB).
	maxWeightsBinary = 1 + maxWeightsHeader + 2*MaxWeightValues + 4 + 1024
	// MaxWeightsLen is the longest weights payload text read, in bytes.
	MaxWeightsLen = (maxWeightsBinary*4 + 2) / 3
)

// float16Max is the largest finite float16; larger weights have no
// float16 value.
const float16Max = 65504

// EncodeWeights writes w as a weights payload. Each value is rounded to
// the nearest float16: a relative error of at most 2^-11 for magnitudes
// from 2^-14 to 65504, an absolute error of at most 2^-25 below. A value
// that is not finite or is beyond float16's range is refused.
func EncodeWeights(w Weights) (string, error) {
	total := len(w.Params) + len(w.State)
	switch {
	case total > MaxWeightValues:
		return "", fmt.Errorf("the network has %d values; weights are written for at most %d", total, MaxWeightValues)
	case w.Step < 0 || w.Step > MaxWeightSteps || w.Epoch < 0 || w.Epoch > MaxWeightSteps:
		return "", fmt.Errorf("step %d, epoch %d: counts from 0 to %d are written", w.Step, w.Epoch, int64(MaxWeightSteps))
	}
	body := make([]byte, 0, maxWeightsHeader+2*total+4)
	for _, n := range []int{w.Step, w.Epoch, len(w.Params), len(w.State)} {
		body = binary.AppendUvarint(body, uint64(n))
	}
	values := body[len(body) : len(body)+2*total]
	body = body[:len(body)+2*total]
	for i, v := range valuesOf(w) {
		if math.IsNaN(float64(v)) || math.Abs(float64(v)) > float16Max {
			return "", fmt.Errorf("value %d (%s) is %v, which float16 cannot hold", i, weightName(w, i), v)
		}
		bits := float16.Fromfloat32(v).Bits()
		values[i], values[total+i] = byte(bits>>8), byte(bits)
	}
	body = binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))

	var out bytes.Buffer
	out.WriteByte(weightsVersion)
	zw, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := zw.Write(body); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(out.Bytes()), nil
}

// DecodeWeights reads a payload written by EncodeWeights for a network of
// want's counts; a payload of other counts (another network's) is refused.
// It bounds its work before decoding: text over MaxWeightsLen is refused
// unread, and no more is decompressed than want's values take.
func DecodeWeights(text string, want WeightCounts) (Weights, error) {
	wantTotal := want.Params + want.State
	switch {
	case len(text) > MaxWeightsLen:
		return Weights{}, fmt.Errorf("the weights are %d bytes long; at most %d are read", len(text), MaxWeightsLen)
	case want.Params < 0 || want.State < 0 || wantTotal > MaxWeightValues:
		return Weights{}, fmt.Errorf("this network has %d values; weights are read for at most %d", wantTotal, MaxWeightValues)
	case text == "":
		return Weights{}, errors.New("the weights are empty")
	}
	raw, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || len(raw) == 0 {
		return Weights{}, fmt.Errorf("the weights are not base64url text: %v", err)
	}
	switch v := raw[0]; {
	case v > weightsVersion:
		return Weights{}, fmt.Errorf("the weights were written by a newer version (%d); this page reads up to %d", v, weightsVersion)
	case v < 1:
		return Weights{}, errors.New("the weights have no version (0)")
	}
	// A body longer than the counts allow is refused once one byte more
	// than the longest acceptable body has come out.
	limit := int64(maxWeightsHeader + 2*wantTotal + 4)
	body, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw[1:])), limit+1))
	if err != nil {
		return Weights{}, fmt.Errorf("the weights are damaged (they do not decompress: %v)", err)
	}
	if int64(len(body)) > limit {
		if _, _, err := parseWeightsHeader(body, want); err != nil {
			return Weights{}, err // names the counts when they are what differs
		}
		return Weights{}, fmt.Errorf("the weights hold more than this network's %d parameters and %d state values", want.Params, want.State)
	}
	return parseWeightsBody(body, want)
}

// parseWeightsHeader reads the step, epoch and counts at the start of a
// body, checks them against want, and returns what follows them.
func parseWeightsHeader(body []byte, want WeightCounts) (header [4]uint64, rest []byte, err error) {
	rest = body
	for i := range header {
		n, size := binary.Uvarint(rest)
		if size <= 0 {
			return header, nil, errors.New("the weights' header is damaged")
		}
		header[i], rest = n, rest[size:]
	}
	step, epoch, params, state := header[0], header[1], header[2], header[3]
	switch {
	case step > MaxWeightSteps || epoch > MaxWeightSteps:
		return header, nil, fmt.Errorf("the weights claim step %d, epoch %d; at most %d is read", step, epoch, int64(MaxWeightSteps))
	case params != uint64(want.Params) || state != uint64(want.State):
		return header, nil, fmt.Errorf("the weights are for a network of %d parameters and %d state values, "+
			"but this experiment's network has %d and %d", params, state, want.Params, want.State)
	}
	return header, rest, nil
}

// parseWeightsBody reads a decompressed body (see weightsVersion).
func parseWeightsBody(body []byte, want WeightCounts) (Weights, error) {
	if len(body) < 4 {
		return Weights{}, errors.New("the weights are cut short")
	}
	content := body[:len(body)-4]
	if crc32.ChecksumIEEE(content) != binary.LittleEndian.Uint32(body[len(body)-4:]) {
		return Weights{}, errors.New("the weights are damaged (their checksum does not match)")
	}
	header, rest, err := parseWeightsHeader(content, want)
	if err != nil {
		return Weights{}, err
	}
	step, epoch := header[0], header[1]
	total := want.Params + want.State
	if len(rest) != 2*total {
		return Weights{}, fmt.Errorf("the weights hold %d bytes of values; %d parameters and %d state values take %d", len(rest), want.Params, want.State, 2*total)
	}
	w := Weights{Step: int(step), Epoch: int(epoch), Params: make([]float32, want.Params), State: make([]float32, want.State)}
	for i := range total {
		v := float16.Frombits(uint16(rest[i])<<8 | uint16(rest[total+i])).Float32()
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return Weights{}, fmt.Errorf("value %d (%s) is %v, not a finite number", i, weightName(w, i), v)
		}
		if i < want.Params {
			w.Params[i] = v
		} else {
			w.State[i-want.Params] = v
		}
	}
	return w, nil
}

// valuesOf lists w's values in payload order, parameters first.
func valuesOf(w Weights) func(yield func(int, float32) bool) {
	return func(yield func(int, float32) bool) {
		for i, v := range w.Params {
			if !yield(i, v) {
				return
			}
		}
		for i, v := range w.State {
			if !yield(len(w.Params)+i, v) {
				return
			}
		}
	}
}

// weightName says whether value i of the payload is a parameter or state.
func weightName(w Weights, i int) string {
	if i < len(w.Params) {
		return fmt.Sprintf("parameter %d", i)
	}
	return fmt.Sprintf("state value %d", i-len(w.Params))
}

// RoundWeights returns a copy of w with every value rounded to float16, as
// a payload carries it: what a page that opens the payload trains from.
func RoundWeights(w Weights) Weights {
	round := func(vs []float32) []float32 {
		out := make([]float32, len(vs))
		for i, v := range vs {
			out[i] = float16.Fromfloat32(v).Float32()
		}
		return out
	}
	return Weights{Step: w.Step, Epoch: w.Epoch, Params: round(w.Params), State: round(w.State)}
}
