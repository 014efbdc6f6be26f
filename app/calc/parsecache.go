package calc

import "sync"

// The parse cache keeps the syntax trees of formulas already read, for the
// whole process: sheets repeat formulas, and a rebuild should not pay for
// the tokenizer again. It is bounded by the memory it holds, estimated, not
// by its count: 100,000 formulas of 8 KB would be 800 MB.
const (
	// maxCachedFormula is the longest formula cached. Longer ones are rare
	// and each would crowd out hundreds of ordinary ones.
	maxCachedFormula = 1024
	// An entry holds the formula's text, about 160 bytes of map slot and
	// result, and its syntax tree, 40 to 60 bytes a node as measured: =A9*2
	// takes about 260 bytes in all, 30 references added up 3,900.
	entryBytes, nodeBytes = 160, 64
)

// parseCacheBytes bounds the estimated bytes the cache holds: some 60,000
// ordinary formulas. A variable so that a test can make it small.
var parseCacheBytes = 24 << 20

var (
	parseMu    sync.Mutex
	parseCache = map[string]parsed{}
	parseHeld  int // estimated bytes held by parseCache
)

type parsed struct {
	ast  node
	err  error
	size int // estimated bytes held by the entry
}

// parseCached parses a formula, once per process while it stays cached.
// When the cache is full, entries are dropped (in the map's own order, so
// no bookkeeping on every hit) until half the budget is free.
func parseCached(formula string) (node, error) {
	parseMu.Lock()
	p, ok := parseCache[formula]
	parseMu.Unlock()
	if ok {
		return p.ast, p.err
	}
	ast, err := parse(formula)
	if len(formula) > maxCachedFormula {
		return ast, err
	}
	size := entryBytes + len(formula) + nodeBytes*countNodes(ast)
	parseMu.Lock()
	defer parseMu.Unlock()
	if _, ok := parseCache[formula]; ok {
		return ast, err // another goroutine was first
	}
	if parseHeld+size > parseCacheBytes {
		for f, p := range parseCache {
			if parseHeld <= parseCacheBytes/2 {
				break
			}
			delete(parseCache, f)
			parseHeld -= p.size
		}
	}
	parseCache[formula] = parsed{ast, err, size}
	parseHeld += size
	return ast, err
}

// countNodes is the size of a syntax tree.
func countNodes(n node) int {
	count := 1
	switch n := n.(type) {
	case unaryNode:
		count += countNodes(n.x)
	case binNode:
		count += countNodes(n.l) + countNodes(n.r)
	case callNode:
		for _, a := range n.args {
			count += countNodes(a)
		}
	}
	return count
}

// walkRefs calls fn for every reference in a formula.
func walkRefs(n node, fn func(refNode)) {
	switch n := n.(type) {
	case refNode:
		fn(n)
	case unaryNode:
		walkRefs(n.x, fn)
	case binNode:
		walkRefs(n.l, fn)
		walkRefs(n.r, fn)
	case callNode:
		for _, a := range n.args {
			walkRefs(a, fn)
		}
	}
}
