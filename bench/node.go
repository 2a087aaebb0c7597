//go:build !js

package main

// The "Kernels under Node" section: runs the kernels and nn benchmarks
// under Node (GOOS=js GOARCH=wasm, go_js_wasm_exec_kernels as -exec) with
// the SIMD body and with the scalar one, runs TensorFlow.js's wasm backend
// on the same shapes, and prints tables whose ratios all come from this one
// run (see kernels_table.go).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// nodeOptions says how long each benchmark runs. Every sub-benchmark runs
// count times for benchtime and the best of them is reported: the machine
// is shared and noise only ever slows a run down, so the best is the
// closest to what the code can do (TensorFlow.js's bench.mjs reports the
// best of 3 batches too, so both sides are treated alike).
type nodeOptions struct {
	benchtime string
	count     int
}

// goBench holds parsed `go test -bench` results: for each benchmark name
// (without the -GOMAXPROCS suffix), each unit's values, one per -count; and
// the names in the order go test first printed them, which is the order the
// benchmarks declare, so the tables need no copy of the shape lists.
type goBench struct {
	order []string
	vals  map[string]map[string][]float64
}

func newGoBench() *goBench { return &goBench{vals: map[string]map[string][]float64{}} }

// benchLine is a result line: name, optional -N suffix, iterations, then
// value/unit pairs. The name is matched lazily so that the suffix, when
// present, is not swallowed into it.
var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.+)$`)

// kernelBodyLine is what kernels' TestKernelBodyIsLoaded logs under -v: the
// body the loader really instantiated (it falls back to scalar silently
// when the engine does not validate SIMD).
var kernelBodyLine = regexp.MustCompile(`kernel body: (\w+)`)

// parseGoBench reads go test output. Lines that are not results (headers,
// -v chatter, PASS, ok) are skipped, and so are malformed value/unit
// pairs, so a changed or truncated output yields missing entries rather
// than an error; the tables print those as n/a. It also returns the kernel
// body logged by TestKernelBodyIsLoaded, "" when absent.
func parseGoBench(r io.Reader, into *goBench) (body string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := kernelBodyLine.FindStringSubmatch(line); m != nil {
			body = m[1]
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		fields := strings.Fields(m[3])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			units := into.vals[m[1]]
			if units == nil {
				units = map[string][]float64{}
				into.vals[m[1]] = units
				into.order = append(into.order, m[1])
			}
			units[fields[i+1]] = append(units[fields[i+1]], v)
		}
	}
	return body
}

// best returns the best of the values of name's unit: the highest when
// higher is better (GFLOP/s, samples/s), else the lowest (ns/element).
func (g *goBench) best(name, unit string, higherIsBetter bool) (float64, bool) {
	vs := g.vals[name][unit]
	if len(vs) == 0 {
		return 0, false
	}
	b := vs[0]
	for _, v := range vs[1:] {
		if (higherIsBetter && v > b) || (!higherIsBetter && v < b) {
			b = v
		}
	}
	return b, true
}

// tfjsResults are bench/tfjs/bench.mjs's JSON lines.
type tfjsResults struct {
	env struct {
		TFJS    string `json:"tfjs"`
		Backend string `json:"backend"`
		SIMD    bool   `json:"simd"`
		Threads int    `json:"threads"`
		Node    string `json:"node"`
	}
	haveEnv    bool
	gemm       map[string]float64 // GFLOP/s by gemmKey(form, m, n, k)
	gemmFreshB map[string]float64 // NN with a new B tensor each call
	mlp        map[string]float64 // samples/s by "784-128-10/batch64"
}

func gemmKey(form string, m, n, k int) string { return fmt.Sprintf("%s/%dx%dx%d", form, m, n, k) }

// parseTFJS reads bench.mjs's stdout. Lines that are not JSON objects or
// have an unknown name are skipped: bench.mjs promises JSON-only stdout,
// but a library writing there must not break the tables.
func parseTFJS(r io.Reader) *tfjsResults {
	t := &tfjsResults{gemm: map[string]float64{}, gemmFreshB: map[string]float64{}, mlp: map[string]float64{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		var rec struct {
			Name          string  `json:"name"`
			Form          string  `json:"form"`
			M             int     `json:"m"`
			N             int     `json:"n"`
			K             int     `json:"k"`
			GFLOPS        float64 `json:"gflops"`
			Layers        []int   `json:"layers"`
			Batch         int     `json:"batch"`
			SamplesPerSec float64 `json:"samples_per_sec"`
		}
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &rec) != nil {
			continue
		}
		switch rec.Name {
		case "env":
			if json.Unmarshal(line, &t.env) == nil {
				t.haveEnv = true
			}
		case "gemm":
			t.gemm[gemmKey(rec.Form, rec.M, rec.N, rec.K)] = rec.GFLOPS
		case "gemm_fresh_b":
			t.gemmFreshB[gemmKey(rec.Form, rec.M, rec.N, rec.K)] = rec.GFLOPS
		case "mlp_step":
			t.mlp[fmt.Sprintf("%s/batch%d", joinInts(rec.Layers, "-"), rec.Batch)] = rec.SamplesPerSec
		}
	}
	return t
}

func joinInts(v []int, sep string) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, sep)
}

// nodeResults is everything the Node section measured.
type nodeResults struct {
	simd, scalar         *goBench // body=wasm is SIMD in one, scalar in the other; body=go from simd
	simdBody, scalarBody string   // bodies the loader reported
	tfjs                 *tfjsResults
	goVersion, nodeVer   string
	cpuModel             string
	cpus                 int
	date                 string
	opts                 nodeOptions
	elapsed              time.Duration
	loadStart, loadEnd   string // /proc/loadavg's 1-minute figure: was the machine quiet?
}

// Patterns. The scalar runs skip body=go (the SIMD run has it, and it does
// not depend on the loaded body), which saves about a minute of ~3;
// Go's -bench matches each /-separated level separately, so Gemm and
// Elementwise (and MLPStep and PlaygroundStep), whose bodies sit at
// different depths, need a go test run each.
const (
	kernelsAll      = `^(BenchmarkGemm|BenchmarkElementwise)$`
	gemmWasm        = `^BenchmarkGemm$/.*/.*/^body=wasm$`
	elementwiseWasm = `^BenchmarkElementwise$/.*/^body=wasm$`
	nnAll           = `^(BenchmarkMLPStep|BenchmarkPlaygroundStep|BenchmarkKANForwardBackward|BenchmarkKANBasesForwardBackward|BenchmarkLIFStep)$`
	mlpWasm         = `^BenchmarkMLPStep$/.*/.*/^body=wasm$`
	playgroundWasm  = `^BenchmarkPlaygroundStep$/.*/.*/.*/^body=wasm$`
	kanPassWasm     = `^(BenchmarkKANForwardBackward|BenchmarkKANBasesForwardBackward)$/.*/.*/^body=wasm$`
	kanPresetAll    = `^BenchmarkKANPreset$`
	kanPresetWasm   = `^BenchmarkKANPreset$/.*/.*/^body=wasm$`
	lifWasm         = `^BenchmarkLIFStep$/.*/.*/.*/^body=wasm$`
)

// runNode runs the whole Node section: ten go test runs (SIMD and scalar,
// ./kernels, ./nn and ./session) and TensorFlow.js, one after another so that none
// competes with another for the CPU. The first failure ends it, naming the
// command.
func runNode(opts nodeOptions) (*nodeResults, error) {
	start := time.Now()
	res := &nodeResults{simd: newGoBench(), scalar: newGoBench(), opts: opts, date: time.Now().UTC().Format("2006-01-02")}
	exe, err := filepath.Abs(filepath.Join("kernels", "go_js_wasm_exec_kernels"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(exe); err != nil {
		return nil, fmt.Errorf("%v (run from the repository's root)", err)
	}
	if res.goVersion, err = commandLine("go", "env", "GOVERSION"); err != nil {
		return nil, err
	}
	if res.nodeVer, err = commandLine("node", "--version"); err != nil {
		return nil, err
	}
	res.cpuModel, res.cpus = cpuInfo()
	res.loadStart = loadAverage()

	type run struct {
		into  *goBench
		body  *string
		env   string // PLAYGROUND_KERNELS, "" for the default (SIMD)
		pkg   string
		tests string // -run: TestKernelBodyIsLoaded in ./kernels to learn the body
		bench string
	}
	const bodyTest = `^TestKernelBodyIsLoaded$`
	runs := []run{
		{res.simd, &res.simdBody, "", "./kernels", bodyTest, kernelsAll},
		{res.simd, nil, "", "./nn", "^$", nnAll},
		{res.scalar, &res.scalarBody, "scalar", "./kernels", bodyTest, gemmWasm},
		{res.scalar, nil, "scalar", "./kernels", "^$", elementwiseWasm},
		{res.scalar, nil, "scalar", "./nn", "^$", mlpWasm},
		{res.scalar, nil, "scalar", "./nn", "^$", playgroundWasm},
		{res.simd, nil, "", "./session", "^$", kanPresetAll},
		{res.scalar, nil, "scalar", "./nn", "^$", kanPassWasm},
		{res.scalar, nil, "scalar", "./session", "^$", kanPresetWasm},
		{res.scalar, nil, "scalar", "./nn", "^$", lifWasm},
	}
	for _, r := range runs {
		args := []string{"test", "-run", r.tests, "-bench", r.bench,
			"-benchtime=" + opts.benchtime, "-count=" + strconv.Itoa(opts.count),
			"-timeout=30m", "-exec=" + exe}
		if r.body != nil {
			args = append(args, "-v") // for TestKernelBodyIsLoaded's log line
		}
		args = append(args, r.pkg)
		env := []string{"GOOS=js", "GOARCH=wasm"}
		if r.env != "" {
			env = append(env, "PLAYGROUND_KERNELS="+r.env)
		} else {
			env = append(env, "PLAYGROUND_KERNELS=") // the default body, whatever the caller's shell says
		}
		out, err := runLogged(".", env, "go", args...)
		if err != nil {
			return nil, err
		}
		body := parseGoBench(bytes.NewReader(out), r.into)
		if r.body != nil {
			*r.body = body
		}
	}
	// The SIMD run uses the loader's default, which falls back to scalar
	// where SIMD does not validate: a table labelled SIMD must be SIMD.
	if res.simdBody != "simd" {
		return nil, fmt.Errorf("the default kernel body under Node is %q, not simd: this Node does not validate the SIMD modules", res.simdBody)
	}
	if res.scalarBody != "scalar" {
		return nil, fmt.Errorf("PLAYGROUND_KERNELS=scalar loaded the %q body", res.scalarBody)
	}

	tfjsDir := filepath.Join("bench", "tfjs")
	if _, err := os.Stat(filepath.Join(tfjsDir, "node_modules", "@tensorflow", "tfjs-backend-wasm", "package.json")); err != nil {
		if _, err := runLogged(tfjsDir, nil, "npm", "ci", "--no-audit", "--no-fund"); err != nil {
			return nil, err
		}
	}
	out, err := runLogged(tfjsDir, nil, "node", "bench.mjs")
	if err != nil {
		return nil, err
	}
	res.tfjs = parseTFJS(bytes.NewReader(out))
	res.elapsed = time.Since(start)
	res.loadEnd = loadAverage()
	return res, nil
}

// runLogged runs name with args in dir, extra environment added, and
// returns its stdout. Progress goes to stderr so that stdout keeps only
// the tables. A failure names the command and shows the end of its output.
func runLogged(dir string, extraEnv []string, name string, args ...string) ([]byte, error) {
	var words []string
	for _, w := range append(append(append([]string{}, extraEnv...), name), args...) {
		words = append(words, shellQuote(w))
	}
	shown := strings.Join(words, " ")
	if dir != "." {
		shown = "(cd " + dir + " && " + shown + ")"
	}
	fmt.Fprintf(os.Stderr, "bench: %s\n", shown)
	t := time.Now()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("`%s` failed: %v\n%s", shown, err, tail(stdout.String()+stderr.String(), 40))
	}
	fmt.Fprintf(os.Stderr, "bench:   %.0f s\n", time.Since(t).Seconds())
	return stdout.Bytes(), nil
}

// shellQuote quotes w for a POSIX shell when it needs it, so that a
// command shown in progress or in an error can be pasted to run it again.
func shellQuote(w string) string {
	if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@") == "" {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// commandLine runs a command and returns its first line of output.
func commandLine(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "", fmt.Errorf("`%s %s` failed: %v", name, strings.Join(args, " "), err)
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line, nil
}

// loadAverage returns the 1-minute load average, "n/a" where the system
// has no /proc/loadavg. Other work on the machine slows any of the runs
// down, so the tables show it next to the numbers.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return na
}

// cpuInfo returns the CPU model from /proc/cpuinfo ("unknown CPU" where
// there is none) and the CPUs this process may use.
func cpuInfo() (string, int) {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return model, runtime.NumCPU()
}
