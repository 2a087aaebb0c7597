package symbolic

import "fmt"

// Expr is one output of a composed network: its formula as text, and the
// same function as Go code. Eval computes with the fits' full constants,
// so it is the snapped network itself; Text rounds them to 3 significant
// digits and drops what is negligible at that precision (formula.go).
type Expr struct {
	Text string
	// Eval takes one value per input, in the order of Compose's inputs.
	Eval func(x []float64) float64
}

// Compose writes the formula of a network of snapped edges, as pykan's
// symbolic_formula does: layers[l][i][j] is the fit of layer l's edge from
// node i to node j (an In×Out matrix per layer, the order of a KAN
// layer's EdgeCurve(i, j)), node j of layer l is the sum over i of
// fit_ij(node i of layer l-1), and layer 0's nodes are the inputs, named
// by inputs (nil names them x1..xn). It returns one Expr per node of the
// last layer.
//
// A zero Fit is an absent (pruned) edge and adds nothing; a node without
// variables is folded into a number, so edges leaving a pruned node
// become constants. Each node's constants (the d of its edges) are added
// into one. Compose fails when the layers' widths do not chain.
func Compose(layers [][][]Fit, inputs []string) ([]Expr, error) {
	if len(layers) == 0 {
		return nil, fmt.Errorf("symbolic: no layers")
	}
	if inputs == nil {
		inputs = make([]string, len(layers[0]))
		for i := range inputs {
			inputs[i] = fmt.Sprintf("x%d", i+1)
		}
	}
	net := make([][][]Fit, len(layers))
	width := len(inputs)
	for l, layer := range layers {
		if len(layer) != width {
			return nil, fmt.Errorf("symbolic: layer %d has %d input nodes, want %d", l, len(layer), width)
		}
		if width == 0 || len(layer[0]) == 0 {
			return nil, fmt.Errorf("symbolic: layer %d is empty", l)
		}
		out := len(layer[0])
		net[l] = make([][]Fit, width)
		for i, row := range layer {
			if len(row) != out {
				return nil, fmt.Errorf("symbolic: layer %d: node %d has %d edges, want %d", l, i, len(row), out)
			}
			net[l][i] = append([]Fit(nil), row...)
		}
		width = out
	}

	nodes := make([]node, len(inputs))
	for i, name := range inputs {
		nodes[i] = node{text: name}
	}
	for _, layer := range net {
		next := make([]node, len(layer[0]))
		for j := range next {
			var terms []string
			var offset, weight float64
			for i, row := range layer {
				term, off, w := row[j].apply(nodes[i])
				if term != "" {
					terms = append(terms, term)
				}
				offset += off
				weight = max(weight, w)
			}
			next[j] = sum(terms, offset, weight)
		}
		nodes = next
	}

	exprs := make([]Expr, len(nodes))
	for k, n := range nodes {
		exprs[k] = Expr{Text: n.text, Eval: func(x []float64) float64 { return forward(net, x)[k] }}
	}
	return exprs, nil
}

// forward evaluates the snapped network at x, layer by layer.
func forward(net [][][]Fit, x []float64) []float64 {
	in := x
	for _, layer := range net {
		out := make([]float64, len(layer[0]))
		for i, row := range layer {
			for j, f := range row {
				out[j] += f.Eval(in[i])
			}
		}
		in = out
	}
	return in
}
