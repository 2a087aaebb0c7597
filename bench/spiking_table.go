//go:build !js

package main

import (
	"fmt"
	"io"
	"strings"
)

// The spiking table of the Node section: nn.BenchmarkLIFStep's training
// steps (batch 64, BPTT, Adam) in ms, each body, against snntorch 0.9 on
// this machine (the spiking issue's reference: one thread, batch 64,
// BPTT, ATan, Adam, no delays).

const lifPrefix = "BenchmarkLIFStep/"

// snntorchStepMs are snntorch's ms per training step by network and
// steps, the rows' prefix; the issue quotes 130-350 ms for the larger
// one, and the target is taken against the fast end.
var snntorchStepMs = map[string]float64{
	"2-64-4/T50":      20,
	"700-256-20/T100": 130,
}

// lifSpeedup is the target: SIMD at least this many times faster
// than snntorch without delays.
const lifSpeedup = 3

// printSpiking writes one line per network, delays and body, with the
// ratio to snntorch and, without delays, the verdict on the target.
func printSpiking(w io.Writer, r *nodeResults) {
	fmt.Fprintln(w, "| spiking training step, ms (batch 64, Adam) | SIMD | scalar | plain Go | Go/SIMD | snntorch | snntorch/SIMD | target |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	lo, hi := measure{}, measure{} // the input spike rates measured
	for _, row := range rows(lifPrefix, r.simd, r.scalar) {
		simd, scalar, goBody := r.bodies(lifPrefix, row, "ms/step", false)
		if v, ok := r.simd.best(lifPrefix+row+"/body=wasm", "input-rate", false); ok {
			if !lo.ok || v < lo.v {
				lo = measure{v, true}
			}
			if !hi.ok || v > hi.v {
				hi = measure{v, true}
			}
		}
		shape, delays, _ := strings.Cut(row, "/delays=")
		ref, known := snntorchStepMs[shape]
		snn, vs, verdict := "–", "–", "–"
		if known {
			snn = num(measure{ref, true})
			vs = ratio(measure{ref, true}.div(simd))
			if delays == "none" {
				verdict = fmt.Sprintf("≥ %d× (≤ %s ms): ", lifSpeedup, num(measure{ref / lifSpeedup, true}))
				switch {
				case !simd.ok:
					verdict += na
				case ref/simd.v >= lifSpeedup:
					verdict += "met"
				default:
					verdict += "**not met**"
				}
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", row,
			num(simd), num(scalar), num(goBody), ratio(goBody.div(simd)), snn, vs, verdict)
	}
	fmt.Fprintf(w, "\nInputs: random spike trains, each channel spiking at a step with probability 5%% (measured %s%% to %s%%); "+
		"the hidden layer has the delays the row names (learned-maxN: learned, max delay N), the readout none. snntorch runs no delays.\n\n",
		num(measure{100 * lo.v, lo.ok}), num(measure{100 * hi.v, hi.ok}))
}
