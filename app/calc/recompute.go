package calc

import "slices"

// recompute evaluates the dirty formulas (those marked with the current
// epoch, each with its readers in outs) in dependency order, Kahn's
// algorithm over them. What that leaves is a cycle, the formulas reading
// one, or what the budget did not reach (see begin).
func (e *Engine) recompute(dirty []*formula) {
	if len(dirty) == 0 {
		return
	}
	for _, f := range dirty {
		f.indeg, f.done = 0, false
	}
	for _, f := range dirty {
		for _, g := range f.outs {
			if g.mark == e.epoch {
				g.indeg++
			}
		}
	}
	order := e.order[:0]
	for _, f := range dirty {
		if f.indeg == 0 {
			order = append(order, f)
		}
	}
	order = e.evaluateInOrder(order, 0)
	if n := len(order); n < len(dirty) && e.halt == "" {
		order = e.evaluateInOrder(e.settleCycles(dirty, order), n)
	}
	clear(order) // let the formulas go with the engine, not with these buffers
	e.order = order[:0]
	clear(e.outs)
	e.outs = e.outs[:0]
	for _, f := range dirty {
		switch {
		case f.done:
		case e.halt != "":
			e.store(f.key, e.busy())
		default:
			e.store(f.key, errv(ErrCycle))
		}
		if !slices.Contains(e.touched, f.key.sheet()) {
			e.touched = append(e.touched, f.key.sheet())
		}
		f.outs = nil
	}
}

// evaluateInOrder computes the formulas of order from index from on, each
// stored at once (see valueOf) and adding to order the readers it leaves
// with nothing more to wait for, until none is left or the budget is spent.
func (e *Engine) evaluateInOrder(order []*formula, from int) []*formula {
	for i := from; i < len(order); i++ {
		f := order[i]
		if !e.spend(f.cost) {
			break
		}
		v := e.evaluate(f)
		if e.halt != "" {
			v = e.busy() // cut short: it may lack what it read
		}
		e.store(f.key, v)
		f.done = true
		order = e.release(order, f)
	}
	return order
}

// release counts f done for the dirty formulas reading it, and appends to
// order those left with nothing to wait for.
func (e *Engine) release(order []*formula, f *formula) []*formula {
	for _, g := range f.outs {
		if g.mark == e.epoch && !g.done {
			if g.indeg--; g.indeg == 0 {
				order = append(order, g)
			}
		}
	}
	return order
}
