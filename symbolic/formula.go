package symbolic

import (
	"math"
	"strconv"
	"strings"
)

// Formula text. Numbers have 3 significant digits. A factor that shows
// as 1 is left out ("sin(x1)", not "1*sin(1*x1)"), and an added constant
// is left out when it is below half a unit of the third digit of the
// coefficient it is added to: c against b inside f(b·x+c), d against a
// outside. That reads variables as of order 1, which KAN inputs and
// nodes are (inputs on [-1, 1]); the Fit itself keeps every constant.

// negligible is the share of the neighbouring coefficient below which an
// added constant is dropped from the text.
const negligible = 5e-3

// Formula returns the fit as text with the variable named variable:
// "1.2*sin(3.14*x1 + 0.5) - 0.3", "x1^2", "2.5/(x1 + 1.3)".
func (f Fit) Formula(variable string) string {
	term, offset, weight := f.apply(node{text: variable})
	var terms []string
	if term != "" {
		terms = append(terms, term)
	}
	return sum(terms, offset, weight).text
}

// String returns the formula in the variable x.
func (f Fit) String() string { return f.Formula("x") }

// node is an expression being composed: text, or a number when it holds
// no variable (an edge of a constant node is folded into a number).
type node struct {
	text  string
	konst bool
	value float64
}

// apply writes the fit applied to arg, a·f(b·arg+c), leaving d out so a
// node can add the constants of all its edges into one: term is "" when
// the edge is a constant, which offset then holds (with d). weight is |a|,
// the scale that decides whether the node's constant is worth showing.
func (f Fit) apply(arg node) (term string, offset, weight float64) {
	switch {
	case f.Func.Eval == nil || f.Func.search == searchNone || f.A == 0:
		return "", f.D, 0
	case arg.konst:
		return "", f.Eval(arg.value), 0
	case f.B == 0:
		return "", f.A*f.Func.Eval(f.C) + f.D, 0
	}
	inner := scaled(f.B, arg.text)
	if math.Abs(f.C) >= negligible*math.Abs(f.B) {
		inner += signed(f.C)
	}
	return scaled(f.A, f.Func.text(inner)), f.D, math.Abs(f.A)
}

// sum joins terms with their signs and adds offset unless it is
// negligible against weight. Without terms it is the number offset.
func sum(terms []string, offset, weight float64) node {
	if len(terms) == 0 {
		return node{text: num(offset), konst: true, value: offset}
	}
	var b strings.Builder
	for i, t := range terms {
		switch {
		case i == 0:
			b.WriteString(t)
		case strings.HasPrefix(t, "-"):
			b.WriteString(" - " + t[1:])
		default:
			b.WriteString(" + " + t)
		}
	}
	if math.Abs(offset) >= negligible*weight && offset != 0 {
		b.WriteString(signed(offset))
	}
	return node{text: b.String()}
}

// scaled writes k·e: "e" for k = 1, "-e" for -1, "k/e" for e = "1/e".
func scaled(k float64, e string) string {
	switch s := num(k); {
	case s == "1":
		return e
	case s == "-1":
		return "-" + factor(e)
	case strings.HasPrefix(e, "1/"):
		return s + e[1:]
	default:
		return s + "*" + factor(e)
	}
}

// signed writes " + v" or " - |v|".
func signed(v float64) string {
	if v < 0 {
		return " - " + num(-v)
	}
	return " + " + num(v)
}

// factor parenthesizes e when it cannot stand as a factor of a product:
// a sum, or a negation ("2*-x" reads badly).
func factor(e string) string {
	if isSum(e) || strings.HasPrefix(e, "-") {
		return "(" + e + ")"
	}
	return e
}

// powerBase parenthesizes e unless it is atomic (a name, a number, a call
// or a parenthesized expression), as the base of ^ or the divisor of 1/.
func powerBase(e string) string {
	if isAtom(e) {
		return e
	}
	return "(" + e + ")"
}

// isSum reports whether e has a binary + or - outside parentheses. The
// text puts spaces around binary signs only, so "1e-05" and "-x" are not
// sums.
func isSum(e string) bool {
	depth := 0
	for i := 0; i < len(e); i++ {
		switch e[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ' ':
			if depth == 0 && i+1 < len(e) && (e[i+1] == '+' || e[i+1] == '-') {
				return true
			}
		}
	}
	return false
}

// isAtom reports whether e has only letters, digits, '_' and '.' outside
// parentheses.
func isAtom(e string) bool {
	if e == "" {
		return false
	}
	depth := 0
	for i := 0; i < len(e); i++ {
		ch := e[i]
		switch {
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case depth > 0:
		case ch == '_' || ch == '.' || ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z':
		default:
			return false
		}
	}
	return true
}

// num writes v with 3 significant digits, trailing zeros dropped: 3.14,
// 0.0123, 1500, 1.23e-05.
func num(v float64) string {
	av := math.Abs(v)
	switch {
	case v == 0:
		return "0"
	case math.IsNaN(v) || math.IsInf(v, 0) || av < 1e-3 || av >= 1e5:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	decimals := max(0, 2-int(math.Floor(math.Log10(av))))
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
