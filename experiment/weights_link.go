package experiment

import (
	"fmt"
	"strings"
)

// WeightsKey is the link key that carries a trained network's weights (a
// payload of EncodeWeights) beside the experiment's settings. Version 2's
// table declares it (hash_v2.go) among the keys the spec decoder skips;
// pages older than it skip it as an unknown key and open the experiment
// from scratch.
const WeightsKey = "w"

// EncodeHashWithWeights writes s's hash with w under WeightsKey. The
// weights are rounded to float16 (EncodeWeights).
func EncodeHashWithWeights(s Spec, w Weights) (string, error) {
	payload, err := EncodeWeights(w)
	if err != nil {
		return "", err
	}
	return EncodeHash(s) + "&" + WeightsKey + "=" + payload, nil
}

// HashWeights returns the weights payload a hash carries under WeightsKey,
// or "" when it carries none. The payload is not decoded here: that needs
// the counts of the network the hash's spec builds (DecodeWeights).
func HashWeights(h string) (string, error) {
	h = strings.TrimPrefix(h, "#")
	payload, found := "", false
	for pair := range strings.SplitSeq(h, "&") {
		key, value, _ := strings.Cut(pair, "=")
		if key != WeightsKey {
			continue
		}
		if found {
			return "", fmt.Errorf("key %q appears more than once", WeightsKey)
		}
		payload, found = value, true
	}
	if found && payload == "" {
		return "", fmt.Errorf("key %q has no value", WeightsKey)
	}
	return payload, nil
}

// withAttached declares keys of a format that carry something beside the
// spec (WeightsKey): the spec decoder skips them without naming them as
// unknown, and other decoders read them from the hash.
func withAttached(f *hashFormat, keys ...string) *hashFormat {
	f.attached = append(f.attached, keys...)
	return f
}
