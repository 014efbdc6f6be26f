package calc

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestParseCacheBoundedByBytes parses many distinct formulas, some of the
// longest kind, into a cache made small for the test: it keeps what fits its
// byte budget and never the longest formulas, where a count bound would let
// 100,000 long formulas hold 800 MB.
func TestParseCacheBoundedByBytes(t *testing.T) {
	defer func(limit int) { parseCacheBytes = limit }(parseCacheBytes)
	parseCacheBytes = 256 << 10
	pad := strings.Repeat("+A1", 30)
	huge := strings.Repeat("+1", MaxFormulaLen/2-4)
	for i := range 2000 {
		formula := fmt.Sprintf("%d%s", i, pad)
		if i%100 == 0 {
			formula = fmt.Sprintf("%d%s", i, huge)
		}
		if _, err := parseCached(formula); err != nil {
			t.Fatal(err)
		}
	}
	parseMu.Lock()
	defer parseMu.Unlock()
	total := 0
	for f, p := range parseCache {
		if len(f) > maxCachedFormula {
			t.Errorf("a formula of %d bytes is cached", len(f))
		}
		total += p.size
	}
	if total != parseHeld || total > parseCacheBytes {
		t.Errorf("the cache holds %d bytes by its entries, %d by its count, over %d", total, parseHeld, parseCacheBytes)
	}
	if len(parseCache) < 10 {
		t.Errorf("the cache holds %d formulas", len(parseCache))
	}
}

// TestParseCacheEstimate checks the estimate of an entry's bytes against
// the heap: it must not count less than the trees take, or the bound would
// not hold.
func TestParseCacheEstimate(t *testing.T) {
	for _, shape := range []string{"A%d*2", "SUM(B%d:B9)+IF(C1>0,1,2)", "%d" + strings.Repeat("+A1", 30), "'Financial health'!B%d/RANGE.MID(other!B3)&\"abc\""} {
		formulas := make([]string, 1000)
		for i := range formulas {
			formulas[i] = fmt.Sprintf(shape, i+1)
		}
		var trees []node
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		estimate := 0
		for _, f := range formulas {
			ast, err := parse(f)
			if err != nil {
				t.Fatal(err)
			}
			trees = append(trees, ast)
			estimate += nodeBytes * countNodes(ast)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if held := int(after.HeapAlloc - before.HeapAlloc); estimate < held-len(trees)*16 {
			t.Errorf("%s: trees estimated at %d bytes take %d", shape, estimate, held)
		}
		runtime.KeepAlive(trees)
	}
}
