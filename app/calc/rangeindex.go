package calc

import "math/bits"

// rect is a range a formula reads, as written: cells past the section's
// grid included, so that typing one there recalculates the formula.
type rect struct{ si, r1, c1, r2, c2 int }

// spellOut is the most cells a range may have to be recorded cell by cell
// like single references (=SUM(B2:B5)): the common small ranges then cost
// the range index nothing. Larger ranges are kept whole in a rangeIndex.
const spellOut = 16

// rangeIndex finds the formulas whose ranges hold a cell, keeping each range
// whole: a range of 65,536 rows is one entry or a few, not 65,536, so what a
// formula costs the dependency graph follows what it is, not what it names.
//
// It is a segment tree over rows, one per section, kept sparse in one map: a
// node at level l and index i stands for rows i<<l to (i+1)<<l - 1. A range
// is stored in the O(log rows) nodes that cover its rows exactly, each entry
// with its columns; the ranges holding a cell are then found on the cell's
// path from leaf to root, one node per level in use, so the search costs what
// it finds plus the ranges of those nodes in other columns.
type rangeIndex struct {
	nodes  map[uint64][]rangeReader
	levels [][rowLevels]int32 // by section: entries per level
	used   []uint32           // by section: a bit per level with entries
}

// rowLevels is how many levels a section's tree may have: rows fit a key
// (keyRowBits).
const rowLevels = keyRowBits + 1

type rangeReader struct {
	f      *formula
	c1, c2 int32
}

func nodeKey(si, level, i int) uint64 {
	return uint64(si)<<32 | uint64(level)<<keyRowBits | uint64(i)
}

// cover calls fn for each node of the canonical cover of rows r1 to r2,
// bottom up.
func cover(r1, r2 int, fn func(level, i int)) {
	lo, hi := r1, r2+1
	for level := 0; lo < hi; level++ {
		if lo&1 == 1 {
			fn(level, lo)
			lo++
		}
		if hi&1 == 1 {
			hi--
			fn(level, hi)
		}
		lo, hi = lo>>1, hi>>1
	}
}

func (x *rangeIndex) add(r rect, f *formula) {
	if x.nodes == nil {
		x.nodes = map[uint64][]rangeReader{}
	}
	for len(x.levels) <= r.si {
		x.levels = append(x.levels, [rowLevels]int32{})
		x.used = append(x.used, 0)
	}
	entry := rangeReader{f: f, c1: int32(r.c1), c2: int32(r.c2)}
	cover(r.r1, r.r2, func(level, i int) {
		k := nodeKey(r.si, level, i)
		x.nodes[k] = append(x.nodes[k], entry)
		x.levels[r.si][level]++
		x.used[r.si] |= 1 << level
	})
}

// remove takes out the entries add made for f's range r.
func (x *rangeIndex) remove(r rect, f *formula) {
	cover(r.r1, r.r2, func(level, i int) {
		k := nodeKey(r.si, level, i)
		rs := x.nodes[k]
		for j, rr := range rs {
			if rr.f == f && rr.c1 == int32(r.c1) && rr.c2 == int32(r.c2) {
				rs = append(rs[:j], rs[j+1:]...)
				break
			}
		}
		if len(rs) == 0 {
			delete(x.nodes, k)
		} else {
			x.nodes[k] = rs
		}
		if x.levels[r.si][level]--; x.levels[r.si][level] == 0 {
			x.used[r.si] &^= 1 << level
		}
	})
}

// any reports whether a range of section si is kept whole: only then does a
// change there need a look in the index.
func (x *rangeIndex) any(si int) bool { return si < len(x.used) && x.used[si] != 0 }

// appendReaders appends to out the formulas with a range holding cell k,
// one entry per such range.
func (x *rangeIndex) appendReaders(out []*formula, k cellKey) []*formula {
	si, row, col := k.sheet(), k.row(), int32(k.col())
	for used := x.used[si]; used != 0; used &= used - 1 {
		level := bits.TrailingZeros32(used)
		for _, rr := range x.nodes[nodeKey(si, level, row>>level)] {
			if rr.c1 <= col && col <= rr.c2 {
				out = append(out, rr.f)
			}
		}
	}
	return out
}
