package symbolic

import "math"

// maxPolishSteps bounds the Levenberg-Marquardt trials (accepted or not)
// of one polish. From a refined grid point the right f converges in a
// handful (sin of the benchmark: 4); a wrong one crawls towards a limit
// (x^2 with its vertex running off to infinity, to mimic a line) where
// more steps change its R² in the fourth digit and cost half of Best.
const maxPolishSteps = 10

// polish refines p (on the t scale) by Levenberg-Marquardt on the
// constants marked free, minimizing Σ(y - a·f(b·t+c) - d)². The searches
// fix what f's shape makes redundant (b for scale-free f, c for exp):
// leaving them free would make the normal equations singular. A step is
// taken only when it lowers the residual and keeps every argument in f's
// domain, so the result is never worse than p.
func (s *samples) polish(fn *Func, p params, free [4]bool) params {
	ss, ok := s.ssRes(fn, p)
	if !ok || ss <= 1e-28*s.ssTot {
		return p
	}
	var jtj [4][4]float64
	var jtr [4]float64
	if !s.normalEquations(fn, p, &jtj, &jtr) {
		return p
	}
	lambda := 1e-3
	for range maxPolishSteps {
		if step, ok := dampedStep(&jtj, &jtr, free, lambda); ok {
			trial := params{p.a + step[0], p.b + step[1], p.c + step[2], p.d + step[3]}
			if ssT, ok := s.ssRes(fn, trial); ok && ssT < ss {
				done := ss-ssT <= 1e-8*ss || ssT <= 1e-28*s.ssTot
				p, ss = trial, ssT
				if done || !s.normalEquations(fn, p, &jtj, &jtr) {
					break
				}
				lambda = max(lambda/10, 1e-12)
				continue
			}
		}
		lambda *= 10
		if lambda > 1e10 {
			break
		}
	}
	return p
}

// normalEquations writes JᵀJ and Jᵀr for the model a·f(b·t+c)+d at p,
// where J's columns are the model's derivatives by a, b, c, d and r the
// residuals. It reports false when a value is not finite.
func (s *samples) normalEquations(fn *Func, p params, jtj *[4][4]float64, jtr *[4]float64) bool {
	*jtj, *jtr = [4][4]float64{}, [4]float64{}
	for i, t := range s.t {
		u := p.b*t + p.c
		fu, du := fn.Eval(u), derivative(fn, u)
		r := s.y[i] - (p.a*fu + p.d)
		g := [4]float64{fu, p.a * du * t, p.a * du, 1}
		for j := range 4 {
			jtr[j] += g[j] * r
			for k := j; k < 4; k++ {
				jtj[j][k] += g[j] * g[k]
			}
		}
	}
	for j := range 4 {
		if !finite(jtr[j]) {
			return false
		}
		for k := j; k < 4; k++ {
			if !finite(jtj[j][k]) {
				return false
			}
			jtj[k][j] = jtj[j][k]
		}
	}
	return true
}

// dampedStep solves (JᵀJ + λ·D)δ = Jᵀr over the free constants, D the
// diagonal of JᵀJ (Marquardt's scaling, so a, b, c, d of very different
// sizes move alike) with a floor so a column that is all zero (b and c
// while a = 0) still gives a solvable system. Fixed constants get δ = 0.
func dampedStep(jtj *[4][4]float64, jtr *[4]float64, free [4]bool, lambda float64) (step [4]float64, ok bool) {
	var idxBuf [4]int
	idx := idxBuf[:0]
	maxDiag := 0.0
	for j := range 4 {
		if free[j] {
			idx = append(idx, j)
			maxDiag = max(maxDiag, jtj[j][j])
		}
	}
	n := len(idx)
	if n == 0 || maxDiag == 0 {
		return step, false
	}
	var m [4][4]float64
	var rhs [4]float64
	for r, j := range idx {
		for c, k := range idx {
			m[r][c] = jtj[j][k]
		}
		m[r][r] += lambda * max(jtj[j][j], 1e-12*maxDiag)
		rhs[r] = jtr[j]
	}
	x, ok := solveSmall(&m, &rhs, n)
	if !ok {
		return step, false
	}
	for r, j := range idx {
		step[j] = x[r]
	}
	return step, true
}

// solveSmall solves the n×n system m·x = rhs (n ≤ 4) by Gaussian
// elimination with partial pivoting; ok is false when m is singular to
// working precision or the result is not finite. m and rhs are consumed.
func solveSmall(m *[4][4]float64, rhs *[4]float64, n int) (x [4]float64, ok bool) {
	scale := 0.0
	for r := range n {
		for c := range n {
			scale = max(scale, math.Abs(m[r][c]))
		}
	}
	for col := range n {
		piv := col
		for r := col + 1; r < n; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[piv][col]) {
				piv = r
			}
		}
		if math.Abs(m[piv][col]) <= 1e-300+1e-15*scale {
			return x, false
		}
		m[col], m[piv] = m[piv], m[col]
		rhs[col], rhs[piv] = rhs[piv], rhs[col]
		for r := col + 1; r < n; r++ {
			f := m[r][col] / m[col][col]
			for c := col; c < n; c++ {
				m[r][c] -= f * m[col][c]
			}
			rhs[r] -= f * rhs[col]
		}
	}
	for r := n - 1; r >= 0; r-- {
		v := rhs[r]
		for c := r + 1; c < n; c++ {
			v -= m[r][c] * x[c]
		}
		x[r] = v / m[r][r]
		if !finite(x[r]) {
			return x, false
		}
	}
	return x, true
}

// derivative returns f'(u), by a central difference when f has no Deriv.
func derivative(fn *Func, u float64) float64 {
	if fn.Deriv != nil {
		return fn.Deriv(u)
	}
	h := 1e-6 * max(1, math.Abs(u))
	return (fn.Eval(u+h) - fn.Eval(u-h)) / (2 * h)
}
