//go:build !js

package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Real go test output under Node (-v for the body line), trimmed; one
// result carries a -2 GOMAXPROCS suffix as a native run would print, one
// line is cut short, and -count=2 repeats a result.
const simdSample = `=== RUN   TestKernelBodyIsLoaded
    accel_js_test.go:34: kernel body: simd
--- PASS: TestKernelBodyIsLoaded (0.00s)
goos: js
goarch: wasm
pkg: playground/kernels
BenchmarkGemm
BenchmarkGemm/NN/256x256x256/body=wasm
BenchmarkGemm/NN/256x256x256/body=wasm         	      50	   2062351 ns/op	        16.27 GFLOP/s	       0 B/op	       0 allocs/op
BenchmarkGemm/NN/256x256x256/body=wasm         	      52	   2000000 ns/op	        16.80 GFLOP/s	       0 B/op	       0 allocs/op
BenchmarkGemm/NN/256x256x256/body=go
BenchmarkGemm/NN/256x256x256/body=go-2         	       8	  13951360 ns/op	         1.600 GFLOP/s	       0 B/op	       0 allocs/op
BenchmarkGemm/NT/256x256x256/body=wasm         	      48	   2200000 ns/op	        15.00 GFLOP/s	       0 B/op	       0 allocs/op
BenchmarkGemm/TN/256x256x256/body=wasm         	      40	   2500000 ns/op	        12.00 GFLOP/s	       0 B/op	       0 allocs/op
BenchmarkGemm/NN/10x2x8/body=wasm              	 1000000	       120 ns/op	
BenchmarkElementwise/tanh/body=wasm            	    1000	    300000 ns/op	         4.500 ns/element
BenchmarkElementwise/tanh/body=wasm            	    1000	    300000 ns/op	         4.400 ns/element
BenchmarkElementwise/tanh/body=go              	     100	   1100000 ns/op	        17.60 ns/element
PASS
ok  	playground/kernels	12.3s
BenchmarkMLPStep/784-128-10/batch64/body=wasm  	     400	   1600000 ns/op	     40000 samples/s	       0 B/op	       0 allocs/op
BenchmarkMLPStep/784-128-10/batch64/body=go    	      50	  16000000 ns/op	      4000 samples/s	       0 B/op	       0 allocs/op
BenchmarkPlaygroundStep/2-4-2-2/tanh/batch10/body=wasm-2 	  200000	      5000 ns/op	   2000000 samples/s
BenchmarkPlaygroundStep/2-4-2-2/tanh/batch10/body=go-2   	  200000	      6000 ns/op	   1666667 samples/s
BenchmarkKANForwardBackward/2-5-1/G5/body=wasm         	    1000	    400000 ns/op	         0.4000 ms/pass
BenchmarkKANForwardBackward/2-5-1/G5/body=go           	     100	  12000000 ns/op	        12.00 ms/pass
BenchmarkKANBasesForwardBackward/2-5-1/rbf/body=wasm   	    1000	    430000 ns/op	         0.4300 ms/pass
BenchmarkKANBasesForwardBackward/2-5-1/rbf/body=go     	     100	   5700000 ns/op	         5.700 ms/pass
BenchmarkKANPreset/kan-2551-expsin/iteration/body=wasm 	     100	   5000000 ns/op	       200.0 iterations/s
BenchmarkKANPreset/kan-2551-expsin/iteration/body=go   	      10	  50000000 ns/op	        20.00 iterations/s
BenchmarkLIFStep/2-64-4/T50/delays=none/body=wasm         	     200	   2000000 ns/op	         0.04852 input-rate	         2.000 ms/step
BenchmarkLIFStep/2-64-4/T50/delays=none/body=go           	      50	  10000000 ns/op	         0.04852 input-rate	        10.00 ms/step
BenchmarkLIFStep/700-256-20/T100/delays=none/body=wasm    	      10	  50000000 ns/op	         0.04985 input-rate	        50.00 ms/step
BenchmarkLIFStep/700-256-20/T100/delays=learned-max25/body=wasm 	       1	 900000000 ns/op	         0.04986 input-rate	       900.0 ms/step
`

const scalarSample = `    accel_js_test.go:34: kernel body: scalar
BenchmarkGemm/NN/256x256x256/body=wasm         	      20	   5000000 ns/op	         6.711 GFLOP/s	       0 B/op	       0 allocs/op
BenchmarkElementwise/tanh/body=wasm            	    1000	    900000 ns/op	        13.70 ns/element
BenchmarkMLPStep/784-128-10/batch64/body=wasm  	     200	   3200000 ns/op	     20000 samples/s	       0 B/op	       0 allocs/op
BenchmarkKANForwardBackward/2-5-1/G5/body=wasm         	     500	   1000000 ns/op	         1.000 ms/pass
BenchmarkKANBasesForwardBackward/2-5-1/rbf/body=wasm   	     500	   1460000 ns/op	         1.460 ms/pass
BenchmarkLIFStep/2-64-4/T50/delays=none/body=wasm         	     100	   4000000 ns/op	         0.04852 input-rate	         4.000 ms/step
`

// Real bench.mjs lines, with a stray non-JSON line a library might print.
const tfjsSample = `{"name":"env","tfjs":"4.22.0","backend":"wasm","simd":true,"threads":1,"node":"v20.20.2"}
Platform node has already been set.
{"name":"gemm","form":"NN","m":256,"n":256,"k":256,"gflops":44.29}
{"name":"gemm","form":"NT","m":256,"n":256,"k":256,"gflops":3.506}
{"name":"gemm","form":"TN","m":256,"n":256,"k":256,"gflops":2.296}
{"name":"gemm_fresh_b","form":"NN","m":256,"n":256,"k":256,"gflops":39.13}
{"name":"mlp_step","layers":[784,128,10],"batch":64,"optimizer":"sgd","samples_per_sec":13318}
`

func TestParseGoBench(t *testing.T) {
	g := newGoBench()
	if body := parseGoBench(strings.NewReader(simdSample), g); body != "simd" {
		t.Errorf("body = %q, want simd", body)
	}
	cases := []struct {
		name, unit string
		higher     bool
		want       float64
		ok         bool
	}{
		{"BenchmarkGemm/NN/256x256x256/body=wasm", "GFLOP/s", true, 16.80, true}, // best of 2
		{"BenchmarkGemm/NN/256x256x256/body=go", "GFLOP/s", true, 1.6, true},     // -2 stripped
		{"BenchmarkGemm/NN/256x256x256/body=wasm", "ns/op", false, 2000000, true},
		{"BenchmarkElementwise/tanh/body=wasm", "ns/element", false, 4.4, true}, // lowest
		{"BenchmarkPlaygroundStep/2-4-2-2/tanh/batch10/body=wasm", "samples/s", true, 2000000, true},
		{"BenchmarkGemm/NN/10x2x8/body=wasm", "GFLOP/s", true, 0, false}, // truncated line
		{"BenchmarkGemm/NN/64x64x64/body=wasm", "GFLOP/s", true, 0, false},
	}
	for _, c := range cases {
		got, ok := g.best(c.name, c.unit, c.higher)
		if got != c.want || ok != c.ok {
			t.Errorf("best(%s, %s) = %v, %v; want %v, %v", c.name, c.unit, got, ok, c.want, c.ok)
		}
	}
	if got := rows(gemmPrefix, g); strings.Join(got, " ") != "NN/256x256x256 NT/256x256x256 TN/256x256x256 NN/10x2x8" {
		t.Errorf("gemm rows = %q", got)
	}
}

func TestParseTFJS(t *testing.T) {
	r := parseTFJS(strings.NewReader(tfjsSample))
	if !r.haveEnv || !r.env.SIMD || r.env.Threads != 1 || r.env.TFJS != "4.22.0" {
		t.Errorf("env = %+v (have %v)", r.env, r.haveEnv)
	}
	if r.gemm["NT/256x256x256"] != 3.506 || r.gemmFreshB["NN/256x256x256"] != 39.13 || len(r.gemm) != 3 {
		t.Errorf("gemm = %v, fresh = %v", r.gemm, r.gemmFreshB)
	}
	if r.mlp[mlpRow] != 13318 {
		t.Errorf("mlp = %v", r.mlp)
	}
}

// TestPrintNode checks values, ratios, verdicts and n/a in the tables.
func TestPrintNode(t *testing.T) {
	res := &nodeResults{simd: newGoBench(), scalar: newGoBench(), date: "2026-11-27", cpuModel: "AMD EPYC", cpus: 2,
		goVersion: "go1.26.8", nodeVer: "v20.20.2", loadStart: "0.52", loadEnd: "1.10", opts: nodeOptions{"300ms", 3}, elapsed: 200 * time.Second}
	parseGoBench(strings.NewReader(simdSample), res.simd)
	parseGoBench(strings.NewReader(scalarSample), res.scalar)
	res.tfjs = parseTFJS(strings.NewReader(tfjsSample))
	var buf bytes.Buffer
	printNode(&buf, res)
	out := buf.String()
	for _, want := range []string{
		"Machine: AMD EPYC, 2 CPUs, 1-minute load average 0.52 before and 1.10 after. go1.26.8, Node v20.20.2. TensorFlow.js 4.22.0, wasm backend, SIMD true, 1 thread.",
		// 16.80/1.6 = 10.5, 16.80/44.29 = 0.379
		"| NN 256x256x256 | 16.8 | 6.71 | 1.60 | 44.3 | 10.5 | 0.38 |",
		"| NN 10x2x8 | n/a | n/a | n/a | n/a | n/a | n/a |",
		"| NN 256³: SIMD ≥ 10× plain Go | 10.5× | met |",
		"| NT 256³: SIMD ≥ 80% of NN | 89% | met |",
		"| TN 256³: SIMD ≥ 80% of NN | 71% | **not met** |",
		"| TN 64×128×784: SIMD ≥ 80% of NN | n/a | n/a |",
		"| NN 256³: SIMD ≥ 1.5× TF.js | 0.38× | **not met** |",
		"| TN 256³: SIMD ≥ 5× TF.js | 5.23× | met |",
		"| MLP step 784-128-10, batch 64: SIMD ≥ 3× TF.js | 3.00× | met |",
		"| MLP 784-128-10/batch64, SGD | 40,000 | 20,000 | 4,000 | 13,318 | 10.0 | 3.00 | 1.50 |",
		"| playground 2-4-2-2/tanh/batch10 | 2,000,000 | n/a | 1,666,667 | – | 1.20 | – | – |",
		"| tanh | 4.40 | 13.7 | 17.6 | 4.00 |",
		"| KAN[2,5,1] G=5 forward+backward, 1000 points: SIMD ≥ 10× pykan (5 ms) | 12.5× | met |",
		"| forward+backward KAN[2,5,1] G=5 k=3, 1000 points, ms (pykan 5 ms, target ≤ 0.5 ms with SIMD) | 0.400 | 1.00 | 12.0 | 30.0 |",
		"| forward+backward KAN[2,5,1] G=5 k=3, rbf basis, 1000 points, ms | 0.430 | 1.46 | 5.70 | 13.3 |",
		"| kan-2551-expsin/iteration, iterations/s (session, no drawing) | 200 | n/a | 20.0 | 10.0 |",
		"256x256x256 39.1",
		// 20/2 = 10 ≥ 3; 130/50 = 2.6 < 3; learned delays have no target
		"| 2-64-4/T50/delays=none | 2.00 | 4.00 | 10.0 | 5.00 | 20.0 | 10.0 | ≥ 3× (≤ 6.67 ms): met |",
		"| 700-256-20/T100/delays=none | 50.0 | n/a | n/a | n/a | 130 | 2.60 | ≥ 3× (≤ 43.3 ms): **not met** |",
		"| 700-256-20/T100/delays=learned-max25 | 900 | n/a | n/a | n/a | 130 | 0.14 | – |",
		"spiking at a step with probability 5% (measured 4.85% to 4.99%)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestNumberFormats(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{num(measure{0.0046, true}), "0.00460"},
		{num(measure{123.4, true}), "123"},
		{num(measure{0, true}), "0"},
		{num(measure{}), na},
		{count(measure{999.6, true}), "1,000"},
		{count(measure{1234567, true}), "1,234,567"},
		{ratio(measure{1, true}.div(measure{0, true})), na},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A failing command is reported by name, with the end of its output.
func TestRunLoggedNamesFailedCommand(t *testing.T) {
	_, err := runLogged(".", []string{"X=1"}, "sh", "-c", "echo boom; exit 3")
	if err == nil || !strings.Contains(err.Error(), "`X=1 sh -c 'echo boom; exit 3'` failed") || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v", err)
	}
}
