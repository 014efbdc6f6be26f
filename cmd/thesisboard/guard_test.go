//go:build !wasm

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWASMDependencies keeps the browser build lean and safe: the WASM must
// not link a database driver, excelize (it triples the download and its
// formula evaluator overflows the browser's stack), server code, or the
// embedded web files (the WASM would contain itself).
func TestWASMDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	forbidden := []string{
		"modernc.org/sqlite",
		"github.com/xuri/excelize",
		"thesisboard/app/sqlite",
		"thesisboard/app/server",
		"thesisboard/exports",
		"thesisboard/web",
		"github.com/chromedp",
	}
	for _, d := range deps {
		if d == "database/sql" {
			t.Errorf("the WASM build links database/sql")
		}
		for _, f := range forbidden {
			if strings.HasPrefix(d, f) {
				t.Errorf("the WASM build links %s", d)
			}
		}
	}
	if len(deps) < 10 {
		t.Fatalf("go list returned only %d packages: %q", len(deps), deps)
	}
}
