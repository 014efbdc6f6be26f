//go:build !wasm

package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkCalcInBrowser builds cmd/calcbench for WebAssembly, serves it on
// loopback and runs it in headless Chromium: the formula engine's time per
// edit where the dashboard runs it, next to excelize's on the same
// workloads in the same page. Run with -benchtime 1x.
func BenchmarkCalcInBrowser(b *testing.B) {
	dir := b.TempDir()
	build := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, "calcbench.wasm"), "./cmd/calcbench")
	build.Dir = filepath.Join("..", "..")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build calcbench: %v\n%s", err, out)
	}
	support, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "wasm_exec.js"), support, 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><body><script src="wasm_exec.js"></script><script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("calcbench.wasm"), go.importObject).then(r => go.run(r.instance))
	.catch(e => { document.body.dataset.excelizeChain = "failed: " + e.message; });
</script></body>`), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	var res map[string]float64
	var excelizeChain string
	for b.Loop() {
		ctx := newBrowser(b, b.TempDir(), 5*time.Minute)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
			b.Fatal(err)
		}
		waitFor(b, ctx, "the figures", `document.body.dataset.result !== undefined && document.body.dataset.excelizeChain !== undefined`)
		if err := json.Unmarshal([]byte(eval[string](b, ctx, `document.body.dataset.result`)), &res); err != nil {
			b.Fatal(err)
		}
		excelizeChain = eval[string](b, ctx, `document.body.dataset.excelizeChain`)
	}
	for _, k := range []string{"independent-ns", "excelize-independent-ns", "chain-ns"} {
		if res[k] <= 0 {
			b.Fatalf("no figure for %s: %v", k, res)
		}
	}
	b.ReportMetric(res["independent-ns"], "edit-ns")
	b.ReportMetric(res["excelize-independent-ns"], "excelize-edit-ns")
	b.ReportMetric(res["chain-ns"]/1e6, "chain-edit-ms")
	if ns, err := strconv.ParseFloat(excelizeChain, 64); err == nil {
		b.ReportMetric(ns/1e6, "excelize-chain-edit-ms")
	} else {
		b.Logf("excelize on the 10,000-formula chain in the browser: %s", excelizeChain)
	}
}
