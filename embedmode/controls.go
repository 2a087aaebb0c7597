package embedmode

import "strings"

// Control names a group of the panel's controls an embed may show. The
// panel declares which of its parts belongs to which control
// (ui/panel/panel.go); a link names them in its controls= list.
type Control string

// The controls, in the order the embed builder offers them.
const (
	Play     Control = "play"     // the play/pause button
	Step     Control = "step"     // the one-step button
	Reset    Control = "reset"    // new weights, step 0
	Speed    Control = "speed"    // the steps-per-frame slider
	Data     Control = "data"     // the data set, its points, noise, split, batch
	Features Control = "features" // the input features
	Layers   Control = "layers"   // the layer editor
	Training Control = "training" // loss, rule, optimizer, schedule, seed
)

// labels are what the embed builder's checkboxes say.
var labels = []struct {
	c     Control
	label string
}{
	{Play, "Play/pause"},
	{Step, "Step"},
	{Reset, "Reset"},
	{Speed, "Speed"},
	{Data, "Data"},
	{Features, "Features"},
	{Layers, "Layers"},
	{Training, "Training"},
}

// Controls are every control, in the builder's order.
func Controls() []Control {
	all := make([]Control, len(labels))
	for i, l := range labels {
		all[i] = l.c
	}
	return all
}

// Label is the control's name for people.
func (c Control) Label() string {
	for _, l := range labels {
		if l.c == c {
			return l.label
		}
	}
	return string(c)
}

func (c Control) known() bool {
	for _, l := range labels {
		if l.c == c {
			return true
		}
	}
	return false
}

// DefaultControls are what an embed shows when its address names none:
// enough to run and restart the experiment, nothing that edits it.
var DefaultControls = []Control{Play, Reset, Speed}

// Options are an embed's choices that live in its address (the
// experiment, autoplay included, lives in the hash as everywhere).
type Options struct {
	// Controls are the controls shown, in the declared order, each once.
	Controls []Control
}

// Shows says the embed shows control c.
func (o Options) Shows(c Control) bool {
	for _, d := range o.Controls {
		if d == c {
			return true
		}
	}
	return false
}

// normalize puts controls in the declared order, each once, unknown ones
// left out.
func normalize(cs []Control) []Control {
	out := []Control{}
	for _, c := range Controls() {
		for _, d := range cs {
			if d == c {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// NewOptions are options showing cs (in the declared order, each once).
func NewOptions(cs ...Control) Options { return Options{Controls: normalize(cs)} }

func (o Options) names() string {
	names := make([]string, len(o.Controls))
	for i, c := range o.Controls {
		names[i] = string(c)
	}
	return strings.Join(names, ",")
}
