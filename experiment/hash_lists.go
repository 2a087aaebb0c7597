package experiment

import (
	"fmt"
	"strconv"
	"strings"

	"playground/data"
	"playground/nn"
)

// The list-valued keys. Items are separated by ',' (or ';' for points,
// whose fields use ':') and none of these bytes needs escaping in a URL
// fragment. Decoding counts the items before allocating, so a list can
// never make the decoder allocate more than its limit allows.

// maxItemLen bounds one list item. The longest valid point has 47 bytes;
// a layer with several options may take a hundred.
const maxItemLen = 160

// featuresProp writes the features by name: "x1,x2".
func featuresProp(key, field string) hashProp {
	return hashProp{
		key: key, field: field,
		format: func(s Spec) string { return formatList(s.Features, ",", data.Feature.String) },
		parse: func(v string, s *Spec) (err error) {
			s.Features, err = parseList(v, ",", numFeatures, "feature", func(tok string) (data.Feature, error) {
				return data.ParseFeature(tok)
			})
			return err
		},
	}
}

// layersPropV1 is version 1's list of hidden layers, kind:units:activation
// as in "dense:4:tanh,dense:2:tanh"; the output layer was implied (dense,
// linear). Version 1 knew only kinds without options.
func layersPropV1(key, field string) hashProp {
	return hashProp{
		key: key, field: field,
		format: func(s Spec) string {
			return formatList(s.Layers, ",", func(l LayerSpec) string {
				return l.Kind.String() + ":" + strconv.Itoa(l.Units) + ":" + l.Activation.String()
			})
		},
		parse: func(v string, s *Spec) (err error) {
			s.Layers, err = parseList(v, ",", MaxLayers-1, "layer", func(tok string) (LayerSpec, error) {
				l, options, err := parseLayerHead(tok)
				if err == nil && options != "" {
					name, _, _ := strings.Cut(options, "=")
					err = fmt.Errorf("unknown option %s for a %v layer", quoteClip(name), l.Kind)
				}
				return l, err
			})
			return err
		},
	}
}

// layersProp writes every layer, the output layer last, as
// kind:units:activation followed by the kind's options as key=value in the
// order the kind declares them: "lowrank:16:relu:r=4,dense:2:linear".
// Options left out read as the kind's defaults; options the kind does not
// know are an error.
func layersProp(key, field string) hashProp {
	return hashProp{
		key: key, field: field,
		format: func(s Spec) string { return formatList(s.Layers, ",", formatLayer) },
		parse: func(v string, s *Spec) (err error) {
			s.Layers, err = parseList(v, ",", MaxLayers, "layer", parseLayer)
			return err
		},
	}
}

func formatLayer(l LayerSpec) string {
	text := l.Kind.String() + ":" + strconv.Itoa(l.Units) + ":" + l.Activation.String()
	if k := l.Kind.Info(); k != nil {
		for _, o := range k.Options {
			if v, ok := l.Options[o.Key]; ok {
				text += ":" + o.Key + "=" + formatFloat(v)
			}
		}
	}
	return text
}

func parseLayer(tok string) (LayerSpec, error) {
	l, options, err := parseLayerHead(tok)
	if err != nil {
		return l, err
	}
	k := l.Kind.Info()
	if len(k.Options) > 0 {
		l.Options = k.DefaultOptions()
	}
	if options == "" {
		return l, nil
	}
	for item := range strings.SplitSeq(options, ":") {
		name, value, ok := strings.Cut(item, "=")
		switch {
		case !ok:
			return l, fmt.Errorf("want key=value after the activation, not %s", quoteClip(item))
		case k.Option(name) == nil:
			return l, fmt.Errorf("unknown option %s for a %v layer", quoteClip(name), l.Kind)
		}
		v, err := parseFloat(value)
		if err != nil {
			return l, fmt.Errorf("option %s: %w", name, err)
		}
		l.Options[name] = v
	}
	return l, nil
}

// parseLayerHead reads kind:units:activation and returns the rest.
func parseLayerHead(tok string) (l LayerSpec, options string, err error) {
	kindText, rest, ok1 := strings.Cut(tok, ":")
	unitsText, rest, ok2 := strings.Cut(rest, ":")
	activationText, options, _ := strings.Cut(rest, ":")
	if !ok1 || !ok2 {
		return l, "", fmt.Errorf("want kind:units:activation, not %s", quoteClip(tok))
	}
	if l.Kind, err = nn.ParseLayerKind(clip(kindText)); err != nil {
		return l, "", err
	}
	if l.Units, err = parseInt(unitsText); err != nil {
		return l, "", err
	}
	if l.Activation, err = nn.ParseActivation(activationText); err != nil {
		return l, "", err
	}
	return l, options, nil
}

// addedProp writes the clicked points as x1:x2:label for classification
// sets and x1:x2:value for regression sets, separated by ';'. It reads the
// set, so it must come after the set's row.
func addedProp(key, field string) hashProp {
	return hashProp{
		key: key, field: field,
		relevant: func(s Spec) bool { return len(s.Data.Added) > 0 },
		format: func(s Spec) string {
			regression := s.Data.Set.Regression()
			return formatList(s.Data.Added, ";", func(p data.Point) string {
				target := strconv.Itoa(p.Label)
				if regression {
					target = formatFloat(p.Value)
				}
				return formatFloat(p.X1) + ":" + formatFloat(p.X2) + ":" + target
			})
		},
		parse: func(v string, s *Spec) (err error) {
			regression := s.Data.Set.Regression()
			s.Data.Added, err = parseList(v, ";", MaxAdded, "point", func(tok string) (data.Point, error) {
				return parsePoint(tok, regression)
			})
			return err
		},
	}
}

func parsePoint(tok string, regression bool) (p data.Point, err error) {
	x1, rest, ok1 := strings.Cut(tok, ":")
	x2, target, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 || strings.Contains(target, ":") {
		return p, fmt.Errorf("want x1:x2:label or x1:x2:value, not %s", quoteClip(tok))
	}
	if p.X1, err = parseFloat(x1); err != nil {
		return p, err
	}
	if p.X2, err = parseFloat(x2); err != nil {
		return p, err
	}
	if regression {
		p.Value, err = parseFloat(target)
	} else {
		p.Label, err = parseInt(target)
	}
	return p, err
}

// removedProp writes the indices of removed generated points: "3,17,42".
func removedProp(key, field string) hashProp {
	return hashProp{
		key: key, field: field,
		relevant: func(s Spec) bool { return len(s.Data.Removed) > 0 },
		format:   func(s Spec) string { return formatList(s.Data.Removed, ",", strconv.Itoa) },
		parse: func(v string, s *Spec) (err error) {
			s.Data.Removed, err = parseList(v, ",", MaxRemoved, "removed point", parseInt)
			return err
		},
	}
}

func formatList[T any](items []T, sep string, format func(T) string) string {
	var b strings.Builder
	for i, x := range items {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(format(x))
	}
	return b.String()
}

// parseList reads up to limit items separated by sep; an empty value is an
// empty list. It counts the items before allocating anything, and names a
// bad item by its noun and position counted from 1 ("layer 2: ...").
func parseList[T any](v, sep string, limit int, noun string, parse func(string) (T, error)) ([]T, error) {
	if v == "" {
		return nil, nil
	}
	n := strings.Count(v, sep) + 1
	if n > limit {
		return nil, fmt.Errorf("%d %ss is more than the limit of %d", n, noun, limit)
	}
	items := make([]T, 0, n)
	for tok := range strings.SplitSeq(v, sep) {
		at := len(items) + 1
		if len(tok) > maxItemLen {
			return nil, fmt.Errorf("%s %d is %d bytes long; at most %d", noun, at, len(tok), maxItemLen)
		}
		x, err := parse(tok)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", noun, at, err)
		}
		items = append(items, x)
	}
	return items, nil
}
