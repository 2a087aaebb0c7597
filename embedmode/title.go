package embedmode

import (
	"errors"
	"strconv"
	"strings"

	"playground/experiment"
)

// ProviderName names the playground in oEmbed answers and in the page's
// discovery link.
const ProviderName = "Neural playground"

// Title names the experiment a link's hash describes, such as
// "Neural playground: circle — 2 → 4 tanh → 2 tanh → 2 linear" (the data
// set, the inputs, then each layer's units, its kind unless it is the
// default one, and its activation where the kind takes one). A link
// without settings opens the default experiment, and is named after it.
// A hash that does not decode still embeds (the page then shows why and
// opens the default), under the bare ProviderName.
func Title(hash string) string {
	spec, _, err := experiment.DecodeHash(hash)
	switch {
	case errors.Is(err, experiment.ErrEmptyHash):
		spec = experiment.Default()
	case err != nil:
		return ProviderName
	}
	defaultKind := experiment.Default().Layers[0].Kind
	var b strings.Builder
	b.WriteString(ProviderName + ": " + spec.Data.Set.Label() + " — " + strconv.Itoa(spec.Inputs()))
	for _, l := range spec.Layers {
		b.WriteString(" → " + strconv.Itoa(l.Units))
		kind := l.Kind.Info()
		if kind == nil {
			continue // unreachable: a decoded spec is valid
		}
		if l.Kind != defaultKind {
			b.WriteString(" " + kind.Label)
		}
		if kind.TakesActivation {
			b.WriteString(" " + l.Activation.String())
		}
	}
	return b.String()
}
