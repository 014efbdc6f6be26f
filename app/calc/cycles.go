package calc

import "slices"

// settleCycles is what recompute does when Kahn's algorithm stops short:
// the formulas not done are on a cycle or read one. Those on a cycle (a
// strongly connected component of two or more, or a formula reading itself)
// are stored as #CYCLE!; those they leave with nothing to wait for are
// appended to order, to be computed as usual, reading #CYCLE! where they
// read a cycle. So a formula that reads a cycle through IFERROR or COUNTIF
// gets the same value whether the whole analysis is recalculated or only
// the formula is edited.
//
// Tarjan's algorithm over the formulas not done, with an explicit stack, as
// a cycle may be 100,000 formulas long. Its maps are made only here, when a
// recalculation meets a cycle.
func (e *Engine) settleCycles(dirty, order []*formula) []*formula {
	pending := func(f *formula) bool { return f.mark == e.epoch && !f.done }
	type visit struct {
		f    *formula
		next int // the next of f.outs to look at
	}
	index := map[*formula]int{}
	low := map[*formula]int{}
	onStack := map[*formula]bool{}
	var stack []*formula
	var calls []visit
	enter := func(f *formula) {
		index[f], low[f] = len(index), len(index)
		stack, onStack[f] = append(stack, f), true
		calls = append(calls, visit{f: f})
	}
	var cycles []*formula
	for _, root := range dirty {
		if _, seen := index[root]; seen || !pending(root) {
			continue
		}
		enter(root)
		for len(calls) > 0 {
			top := &calls[len(calls)-1]
			f := top.f
			if top.next < len(f.outs) {
				g := f.outs[top.next]
				top.next++
				if _, seen := index[g]; !seen && pending(g) {
					enter(g)
				} else if onStack[g] {
					low[f] = min(low[f], index[g])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				parent := calls[len(calls)-1].f
				low[parent] = min(low[parent], low[f])
			}
			if low[f] != index[f] {
				continue
			}
			i := len(stack) - 1 // f's component is the stack from f up
			for stack[i] != f {
				i--
			}
			component := stack[i:]
			for _, g := range component {
				onStack[g] = false
			}
			if len(component) > 1 || slices.Contains(f.outs, f) {
				cycles = append(cycles, component...)
			}
			stack = stack[:i]
		}
	}
	for _, f := range cycles {
		e.store(f.key, errv(ErrCycle))
		f.done = true
	}
	for _, f := range cycles {
		order = e.release(order, f)
	}
	return order
}
