//go:build js && wasm

// Command calcbench times the formula engine where the dashboard runs it, in
// the browser as WebAssembly, on the workloads of the native benchmarks
// (app/calc/calctest), with excelize's CalcCellValue on the same workloads
// for comparison. It writes its figures as JSON to the page's
// body[data-result]; BenchmarkCalcInBrowser (cmd/thesisboard) builds it,
// serves it on loopback, reads them in headless Chromium and reports them.
package main

import (
	"encoding/json"
	"strconv"
	"syscall/js"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

const cells = 10000

func main() {
	res := map[string]float64{}
	// One edit among 10,000 independent formulas; one at the head of a
	// 10,000-formula chain. Many edits each, so the browser's coarse clock
	// (100 µs steps) does not matter.
	res["independent-ns"] = perEdit(calctest.Independent(cells), "A5000", 20000)
	res["chain-ns"] = perEdit(calctest.Chain(cells), "A1", 40)
	res["excelize-independent-ns"] = perExcelizeEdit(calctest.Independent(cells), "A5000", "B5000", 2000)
	out, _ := json.Marshal(res)
	dataset := js.Global().Get("document").Get("body").Get("dataset")
	dataset.Set("result", string(out))
	// Last, as it may not come back: excelize evaluates a chain by
	// recursion, one level per link, and the browser's stack is far smaller
	// than a native goroutine's. The page reports the trap (index.html).
	ns := perExcelizeEdit(calctest.Chain(cells), "A1", model.Addr(cells-1, 0), 3)
	dataset.Set("excelizeChain", strconv.FormatFloat(ns, 'f', 0, 64))
}

// perEdit is the mean time of one edit of cell through the engine, as the
// dashboard makes it.
func perEdit(a *model.Analysis, cell string, n int) float64 {
	e := calc.NewEngine(a)
	start := time.Now()
	for i := range n {
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: cell, Input: strconv.Itoa(i)}); err != nil {
			panic(err)
		}
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}

// perExcelizeEdit is the mean time of setting cell and computing result with
// excelize.
func perExcelizeEdit(a *model.Analysis, cell, result string, n int) float64 {
	f := calctest.Workbook(a)
	defer f.Close()
	start := time.Now()
	for i := range n {
		f.SetCellFloat("Sheet1", cell, float64(i), -1, 64)
		if _, err := f.CalcCellValue("Sheet1", result); err != nil {
			panic(err)
		}
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}
