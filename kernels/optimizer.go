package kernels

import "math"

// AdamUpdate applies one Adam step to the parameters w with gradient g and
// the moment estimates m and v (all of w's length):
//
//	m = beta1 m + (1-beta1) g
//	v = beta2 v + (1-beta2) g²
//	w -= lr · (m·corr1) / (sqrt(v·corr2) + eps)
//
// corr1 = 1/(1-beta1^t) and corr2 = 1/(1-beta2^t) are the bias corrections
// for step t, computed once per step by the caller rather than per element.
func AdamUpdate(w, g, m, v []float32, lr, beta1, beta2, eps, corr1, corr2 float32) {
	if accelAdam(w, g, m, v, lr, beta1, beta2, eps, corr1, corr2) {
		return
	}
	n := len(w)
	g, m, v = g[:n], m[:n], v[:n]
	for i := range w {
		gi := g[i]
		mi := beta1*m[i] + (1-beta1)*gi
		vi := beta2*v[i] + (1-beta2)*gi*gi
		m[i], v[i] = mi, vi
		w[i] -= lr * (mi * corr1) / (float32(math.Sqrt(float64(vi*corr2))) + eps)
	}
}
