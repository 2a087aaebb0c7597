package worker

import (
	"errors"
	"net/url"
	"strings"
)

// parseQuery reads a query string strictly: unlike url.ParseQuery it
// refuses an empty key or a pair without "=" rather than passing them on,
// and it stops at the first malformed escape. "" is no parameters.
func parseQuery(raw string) (map[string][]string, error) {
	q := map[string][]string{}
	if raw == "" {
		return q, nil
	}
	for pair := range strings.SplitSeq(raw, "&") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok || k == "" {
			return nil, errors.New("each parameter must be name=value")
		}
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, err
		}
		value, err := url.QueryUnescape(v)
		if err != nil {
			return nil, err
		}
		q[key] = append(q[key], value)
	}
	return q, nil
}
