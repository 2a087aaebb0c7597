package session

import "playground/ui"

// pairTable is the network's answer for every pair of a pairs task, with
// the right answers and which pairs it trains on, for the table view, from
// the surface just finished; for a task on the plane it is empty.
func (s *Session) pairTable() ui.PairTable {
	if !s.spec.Data.Set.Pairs() {
		return ui.PairTable{}
	}
	c := &s.surface
	p := c.res
	if len(c.truth) != p*p {
		c.truth = make([]int, p*p)
		c.train = make([]bool, p*p)
	}
	clear(c.train)
	for i, pt := range s.data.all {
		c.truth[i] = pt.Label
	}
	for _, i := range s.data.trainSource {
		if i >= 0 {
			c.train[i] = true
		}
	}
	return ui.PairTable{P: p, Answer: c.answers, Truth: c.truth, Train: c.train}
}
