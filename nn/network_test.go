package nn

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNewNetworkShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	net, err := NewNetwork(2, []LayerConfig{
		{Kind: DenseLayer, Units: 4, Activation: ReLU},
		{Kind: DenseLayer, Units: 3, Activation: Tanh},
	}, 1, Sigmoid, He, rng)
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Layers) != 3 || net.In() != 2 || net.Out() != 1 {
		t.Fatalf("layers %d, in %d, out %d", len(net.Layers), net.In(), net.Out())
	}
	wantActs := []Activation{ReLU, Tanh, Sigmoid}
	for i, l := range net.Layers {
		if l.Kind() != DenseLayer || l.(*Dense).Activation() != wantActs[i] {
			t.Errorf("layer %d: %v %v", i, l.Kind(), l.(*Dense).Activation())
		}
	}
	// 2·4+4 + 4·3+3 + 3·1+1
	if got := net.NumParams(); got != 31 {
		t.Errorf("NumParams %d, want 31", got)
	}
	names := []string{}
	for _, p := range net.Params() {
		names = append(names, p.Name)
		if (p.Name == "W") != p.Decay {
			t.Errorf("param %s Decay %v", p.Name, p.Decay)
		}
	}
	if !slices.Equal(names, []string{"W", "b", "W", "b", "W", "b"}) {
		t.Errorf("param order %v", names)
	}

	x := randMatrix(rng, 5, 2, 1)
	y := net.Forward(x)
	if y.Rows != 5 || y.Cols != 1 {
		t.Fatalf("output %dx%d", y.Rows, y.Cols)
	}
	outs := net.Outputs()
	for i, want := range []int{4, 3, 1} {
		if outs[i].Rows != 5 || outs[i].Cols != want {
			t.Errorf("Outputs()[%d] is %dx%d", i, outs[i].Rows, outs[i].Cols)
		}
	}
	if &outs[2].Data[0] != &y.Data[0] {
		t.Error("the last output is not the network's output")
	}
	for _, v := range outs[0].Data {
		if v < 0 {
			t.Fatal("ReLU layer output negative")
		}
	}
}

func TestNewNetworkErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	dense := func(units int, act Activation) []LayerConfig {
		return []LayerConfig{{Kind: DenseLayer, Units: units, Activation: act}}
	}
	for _, c := range []struct {
		name    string
		in, out int
		hidden  []LayerConfig
		act     Activation
		init    Init
		rng     *rand.Rand
	}{
		{"no inputs", 0, 1, nil, Linear, Glorot, rng},
		{"no outputs", 2, 0, nil, Linear, Glorot, rng},
		{"zero units", 2, 1, dense(0, ReLU), Linear, Glorot, rng},
		{"bad activation", 2, 1, dense(3, Activation(99)), Linear, Glorot, rng},
		{"bad output activation", 2, 1, nil, Activation(99), Glorot, rng},
		{"bad kind", 2, 1, []LayerConfig{{Kind: LayerKind("nope"), Units: 3}}, Linear, Glorot, rng},
		{"bad init", 2, 1, nil, Linear, Init(42), rng},
		{"no rng", 2, 1, nil, Linear, Glorot, nil},
	} {
		if _, err := NewNetwork(c.in, c.hidden, c.out, c.act, c.init, c.rng); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestCopyAndSetParams(t *testing.T) {
	a, _ := NewNetwork(3, []LayerConfig{{Kind: DenseLayer, Units: 4, Activation: Tanh}}, 2, Linear, Glorot, rand.New(rand.NewPCG(1, 2)))
	b, _ := NewNetwork(3, []LayerConfig{{Kind: DenseLayer, Units: 4, Activation: Tanh}}, 2, Linear, Glorot, rand.New(rand.NewPCG(3, 4)))
	buf := make([]float32, 0, 64)
	vals := a.CopyParams(buf)
	if len(vals) != a.NumParams() || &vals[0] != &buf[:1][0] {
		t.Fatalf("CopyParams: %d values, reused buffer %v", len(vals), &vals[0] == &buf[:1][0])
	}
	if err := b.SetParams(vals); err != nil {
		t.Fatal(err)
	}
	x := randMatrix(rand.New(rand.NewPCG(5, 6)), 3, 3, 1)
	if !slices.Equal(a.Forward(x).Data, b.Forward(x).Data) {
		t.Error("networks with the same parameters disagree")
	}
	if err := b.SetParams(vals[1:]); err == nil {
		t.Error("SetParams accepted a short slice")
	}
	if err := b.SetParams(append(vals, 1)); err == nil {
		t.Error("SetParams accepted a long slice")
	}
	if got := a.CopyParams(nil); !slices.Equal(got, vals) {
		t.Error("CopyParams(nil) differs")
	}
}

func TestNetworkLiteral(t *testing.T) {
	// A Network assembled by hand (not through NewNetwork) still works.
	rng := rand.New(rand.NewPCG(7, 8))
	net := &Network{Layers: []Layer{NewDense(2, 3, Tanh, Glorot, rng), NewDense(3, 1, Linear, Glorot, rng)}}
	net.Forward(randMatrix(rng, 4, 2, 1))
	if len(net.Outputs()) != 2 || net.NumParams() != 13 {
		t.Errorf("outputs %d, params %d", len(net.Outputs()), net.NumParams())
	}
}

func TestDenseRejectsWrongShapes(t *testing.T) {
	d := NewDense(3, 2, Tanh, Glorot, rand.New(rand.NewPCG(1, 1)))
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", what)
			}
		}()
		f()
	}
	mustPanic("forward with 2 columns", func() { d.Forward(Matrix{Rows: 1, Cols: 2, Data: make([]float32, 2)}) })
	d.Forward(Matrix{Rows: 4, Cols: 3, Data: make([]float32, 12)})
	mustPanic("backward with 3 rows", func() { d.Backward(Matrix{Rows: 3, Cols: 2, Data: make([]float32, 6)}) })
	mustPanic("backward with 3 columns", func() { d.Backward(Matrix{Rows: 4, Cols: 3, Data: make([]float32, 12)}) })
}
