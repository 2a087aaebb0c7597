//go:build !js

package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Benchmark name prefixes, as kernels/bench_test.go and nn/bench_test.go
// name them; a row is everything between the prefix and "/body=".
const (
	gemmPrefix        = "BenchmarkGemm/"
	elementwisePrefix = "BenchmarkElementwise/"
	mlpPrefix         = "BenchmarkMLPStep/"
	playgroundPrefix  = "BenchmarkPlaygroundStep/"
	kanPassPrefix     = "BenchmarkKANForwardBackward/"
	kanPresetPrefix   = "BenchmarkKANPreset/"
	kanBasesPrefix    = "BenchmarkKANBasesForwardBackward/"
	kanPassRow        = "2-5-1/G5"           // the pass pykan takes about 5 ms for
	mlpRow            = "784-128-10/batch64" // the row TensorFlow.js also runs
)

// na is printed for a value a run did not produce (a benchmark renamed or
// missing, a failed parse) and for ratios that need it.
const na = "n/a"

// measure is an optional measurement.
type measure struct {
	v  float64
	ok bool
}

func (a measure) div(b measure) measure {
	return measure{a.v / b.v, a.ok && b.ok && b.v != 0}
}

// printNode writes the Node section's Markdown: header, gemm GFLOP/s, the
// issue's targets, training steps, the KAN and spiking layers and
// element-wise kernels.
func printNode(w io.Writer, r *nodeResults) {
	fmt.Fprintf(w, "## Kernels under Node, measured %s\n\n", r.date)
	fmt.Fprintf(w, "Machine: %s, %d CPUs, 1-minute load average %s before and %s after. %s, Node %s. ",
		r.cpuModel, r.cpus, r.loadStart, r.loadEnd, r.goVersion, r.nodeVer)
	if t := r.tfjs; t != nil && t.haveEnv {
		threads := strconv.Itoa(t.env.Threads)
		if t.env.Threads == 1 {
			threads += " thread"
		} else {
			threads += " threads"
		}
		fmt.Fprintf(w, "TensorFlow.js %s, %s backend, SIMD %v, %s.\n", t.env.TFJS, t.env.Backend, t.env.SIMD, threads)
	} else {
		fmt.Fprintf(w, "TensorFlow.js: %s (no env line).\n", na)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Command: `go run ./bench -only=node` (part of `make bench`), %s in all. "+
		"Go benchmarks: `GOOS=js GOARCH=wasm go test -bench ... -benchtime=%s -count=%d -exec kernels/go_js_wasm_exec_kernels`, "+
		"best of the %d runs shown; SIMD is the default body, scalar is `PLAYGROUND_KERNELS=scalar`, "+
		"plain Go is the pure Go body compiled to wasm in the SIMD run's binary. "+
		"TensorFlow.js: `node bench/tfjs/bench.mjs`, best of 3 timed batches per product, "+
		"mean over at least 1.5 s for the training step.\n\n",
		r.elapsed.Round(1e9), r.opts.benchtime, r.opts.count, r.opts.count)

	printGemm(w, r)
	printTargets(w, r)
	printSteps(w, r)
	printKAN(w, r)
	printSpiking(w, r)
	printElementwise(w, r)
}

// rows returns the distinct row names under prefix (the part before
// "/body="), in the order the benchmarks first printed them.
func rows(prefix string, benches ...*goBench) []string {
	var out []string
	seen := map[string]bool{}
	for _, b := range benches {
		for _, name := range b.order {
			rest, ok := strings.CutPrefix(name, prefix)
			if !ok {
				continue
			}
			row, _, ok := strings.Cut(rest, "/body=")
			if ok && !seen[row] {
				seen[row] = true
				out = append(out, row)
			}
		}
	}
	return out
}

// bodies returns a row's SIMD, scalar and Go measurements of unit.
func (r *nodeResults) bodies(prefix, row, unit string, higherIsBetter bool) (simd, scalar, goBody measure) {
	get := func(b *goBench, body string) measure {
		v, ok := b.best(prefix+row+"/body="+body, unit, higherIsBetter)
		return measure{v, ok}
	}
	return get(r.simd, "wasm"), get(r.scalar, "wasm"), get(r.simd, "go")
}

func (r *nodeResults) gemm(form, shape string) (simd, scalar, goBody, tfjs measure) {
	simd, scalar, goBody = r.bodies(gemmPrefix, form+"/"+shape, "GFLOP/s", true)
	if r.tfjs != nil {
		tfjs.v, tfjs.ok = r.tfjs.gemm[form+"/"+shape]
	}
	return simd, scalar, goBody, tfjs
}

func (r *nodeResults) mlp() (simd, scalar, goBody, tfjs measure) {
	simd, scalar, goBody = r.bodies(mlpPrefix, mlpRow, "samples/s", true)
	if r.tfjs != nil {
		tfjs.v, tfjs.ok = r.tfjs.mlp[mlpRow]
	}
	return simd, scalar, goBody, tfjs
}

func printGemm(w io.Writer, r *nodeResults) {
	fmt.Fprintln(w, "| gemm GFLOP/s, form m×n×k | SIMD | scalar | plain Go | TF.js | SIMD/Go | SIMD/TF.js |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	var fresh []string
	for _, row := range rows(gemmPrefix, r.simd, r.scalar) {
		form, shape, _ := strings.Cut(row, "/")
		simd, scalar, goBody, tfjs := r.gemm(form, shape)
		fmt.Fprintf(w, "| %s %s | %s | %s | %s | %s | %s | %s |\n", form, shape,
			num(simd), num(scalar), num(goBody), num(tfjs), ratio(simd.div(goBody)), ratio(simd.div(tfjs)))
		if r.tfjs != nil {
			if v, ok := r.tfjs.gemmFreshB[row]; ok {
				fresh = append(fresh, fmt.Sprintf("%s %s", shape, num(measure{v, true})))
			}
		}
	}
	fmt.Fprintln(w)
	if len(fresh) > 0 {
		// TF.js packs B once per tensor for NN and caches it; the column
		// above reuses one B. Training makes new weights every step.
		fmt.Fprintf(w, "TF.js NN reuses one B tensor, whose packing XNNPACK caches; with a new B each call, as in training, it gives (GFLOP/s): %s.\n\n",
			strings.Join(fresh, ", "))
	}
}

// target is one of the goals: measured/goal ≥ 1 is met.
type target struct {
	what    string
	got     measure
	goal    float64
	percent bool // print got as a percentage rather than a factor
}

func printTargets(w io.Writer, r *nodeResults) {
	const cube, layer = "256x256x256", "64x128x784"
	nn, _, goNN, tfNN := r.gemm("NN", cube)
	nt, _, _, tfNT := r.gemm("NT", cube)
	tn, _, _, tfTN := r.gemm("TN", cube)
	nnL, _, _, _ := r.gemm("NN", layer)
	ntL, _, _, _ := r.gemm("NT", layer)
	tnL, _, _, _ := r.gemm("TN", layer)
	mlp, _, _, tfMLP := r.mlp()
	kan, _, _ := r.bodies(kanPassPrefix, kanPassRow, "ms/pass", false)
	targets := []target{
		{"NN 256³: SIMD ≥ 10× plain Go", nn.div(goNN), 10, false},
		{"NT 256³: SIMD ≥ 80% of NN", nt.div(nn), 0.8, true},
		{"TN 256³: SIMD ≥ 80% of NN", tn.div(nn), 0.8, true},
		{"NT 64×128×784 (m×n×k; the 784-128 layer at batch 64): SIMD ≥ 80% of NN", ntL.div(nnL), 0.8, true},
		{"TN 64×128×784: SIMD ≥ 80% of NN", tnL.div(nnL), 0.8, true},
		{"NN 256³: SIMD ≥ 1.5× TF.js", nn.div(tfNN), 1.5, false},
		{"NT 256³: SIMD ≥ 5× TF.js", nt.div(tfNT), 5, false},
		{"TN 256³: SIMD ≥ 5× TF.js", tn.div(tfTN), 5, false},
		{"MLP step 784-128-10, batch 64: SIMD ≥ 3× TF.js", mlp.div(tfMLP), 3, false},
		{"KAN[2,5,1] G=5 forward+backward, 1000 points: SIMD ≥ 10× pykan (5 ms)", measure{pykanPassMs, true}.div(kan), 10, false},
	}
	fmt.Fprintln(w, "| target | measured | |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, t := range targets {
		got, verdict := na, na
		if t.got.ok {
			if t.percent {
				got = fmt.Sprintf("%.0f%%", 100*t.got.v)
			} else {
				got = ratio(t.got) + "×"
			}
			verdict = "met"
			if t.got.v < t.goal {
				verdict = "**not met**"
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.what, got, verdict)
	}
	fmt.Fprintln(w)
}

func printSteps(w io.Writer, r *nodeResults) {
	fmt.Fprintln(w, "| training step, samples/s | SIMD | scalar | plain Go | TF.js | SIMD/Go | SIMD/TF.js | scalar/TF.js |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, row := range rows(mlpPrefix, r.simd, r.scalar) {
		simd, scalar, goBody := r.bodies(mlpPrefix, row, "samples/s", true)
		tfjs := measure{}
		if r.tfjs != nil {
			tfjs.v, tfjs.ok = r.tfjs.mlp[row]
		}
		fmt.Fprintf(w, "| MLP %s, SGD | %s | %s | %s | %s | %s | %s | %s |\n", row,
			count(simd), count(scalar), count(goBody), count(tfjs),
			ratio(simd.div(goBody)), ratio(simd.div(tfjs)), ratio(scalar.div(tfjs)))
	}
	// TensorFlow.js runs only the 784-128-10 MLP: "–" says not measured
	// by design, where n/a would say something went missing.
	for _, row := range rows(playgroundPrefix, r.simd, r.scalar) {
		simd, scalar, goBody := r.bodies(playgroundPrefix, row, "samples/s", true)
		fmt.Fprintf(w, "| playground %s | %s | %s | %s | – | %s | – | – |\n", row,
			count(simd), count(scalar), count(goBody), ratio(simd.div(goBody)))
	}
	fmt.Fprintln(w)
}

// pykanPassMs is the KAN issue's reference: one forward and backward pass
// of KAN[2,5,1], G=5, k=3, over 1000 points in pykan 0.2.8 (float64, one
// thread) on these machines.
const pykanPassMs = 5.0

// printKAN writes the KAN layer's speeds: the forward and backward pass
// against pykan's and its target (a tenth of pykan's time with SIMD), and
// the KAN presets' L-BFGS iterations and pictures a second without the
// page's drawing (session.BenchmarkKANPreset).
func printKAN(w io.Writer, r *nodeResults) {
	fmt.Fprintln(w, "| KAN | SIMD | scalar | plain Go | SIMD/Go |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	simd, scalar, goBody := r.bodies(kanPassPrefix, kanPassRow, "ms/pass", false)
	fmt.Fprintf(w, "| forward+backward KAN[2,5,1] G=5 k=3, 1000 points, ms (pykan %.0f ms, target ≤ %.1f ms with SIMD) | %s | %s | %s | %s |\n",
		pykanPassMs, pykanPassMs/10, num(simd), num(scalar), num(goBody), ratio(goBody.div(simd)))
	// The other bases' rows are "2-5-1/<basis>".
	for _, row := range rows(kanBasesPrefix, r.simd, r.scalar) {
		simd, scalar, goBody := r.bodies(kanBasesPrefix, row, "ms/pass", false)
		fmt.Fprintf(w, "| forward+backward KAN[2,5,1] G=5 k=3, %s basis, 1000 points, ms | %s | %s | %s | %s |\n",
			strings.TrimPrefix(row, "2-5-1/"), num(simd), num(scalar), num(goBody), ratio(goBody.div(simd)))
	}
	for _, row := range rows(kanPresetPrefix, r.simd, r.scalar) {
		unit := "iterations/s"
		if strings.HasSuffix(row, "/picture") {
			unit = "pictures/s"
		}
		simd, scalar, goBody := r.bodies(kanPresetPrefix, row, unit, true)
		fmt.Fprintf(w, "| %s, %s (session, no drawing) | %s | %s | %s | %s |\n", row, unit,
			num(simd), num(scalar), num(goBody), ratio(simd.div(goBody)))
	}
	fmt.Fprintln(w)
}

func printElementwise(w io.Writer, r *nodeResults) {
	fmt.Fprintln(w, "| element-wise, ns/element (65,536 elements) | SIMD | scalar | plain Go | Go/SIMD |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, row := range rows(elementwisePrefix, r.simd, r.scalar) {
		simd, scalar, goBody := r.bodies(elementwisePrefix, row, "ns/element", false)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", row, num(simd), num(scalar), num(goBody), ratio(goBody.div(simd)))
	}
	fmt.Fprintln(w)
}

// num prints three significant digits, without exponents.
func num(m measure) string {
	if !m.ok {
		return na
	}
	digits := 0
	if m.v != 0 {
		digits = max(0, 2-int(math.Floor(math.Log10(math.Abs(m.v)))))
	}
	return strconv.FormatFloat(m.v, 'f', digits, 64)
}

// ratio prints a ratio with two decimals below 10, one above.
func ratio(m measure) string {
	switch {
	case !m.ok:
		return na
	case m.v < 10:
		return fmt.Sprintf("%.2f", m.v)
	default:
		return fmt.Sprintf("%.1f", m.v)
	}
}

// count prints a rate rounded to a whole number, with thousands separated.
func count(m measure) string {
	if !m.ok {
		return na
	}
	s := strconv.FormatInt(int64(math.Round(m.v)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
