package report

import (
	"strings"
	"testing"
	"time"
)

// TestHostileInputs parses shapes known to slow markdown parsers and regular
// expressions down: deep nesting, long runs of emphasis marks, very wide
// tables, one huge sentence full of numbers. Each must finish (the test's
// own time limit catches a hang); the benchmarks report how fast.
func TestHostileInputs(t *testing.T) {
	const n = 200000
	inputs := map[string]string{
		"brackets":     strings.Repeat("[", n),
		"emphasis":     strings.Repeat("*_", n/2),
		"quotes":       strings.Repeat("> ", n/2),
		"lists":        strings.Repeat("- ", n/2),
		"ordered":      strings.Repeat("1. ", n/3),
		"mixed nest":   strings.Repeat("> - 1) ", n/7),
		"wide table":   "x\n|" + strings.Repeat(" a |", n/4) + "\n|" + strings.Repeat("---|", n/4) + "\n|" + strings.Repeat(" 1 |", n/4),
		"numbers":      "t\n" + strings.Repeat("$1.5B to 2 References 3, 4 and 5 ", n/30),
		"digits":       "t\n" + strings.Repeat("9", n),
		"commas":       "t\n1" + strings.Repeat(",000", n/4),
		"backticks":    strings.Repeat("`", n),
		"many rows":    "x\n| a | b |\n|---|---|\n" + strings.Repeat("| 1 | $2B |\n", n/12),
		"headings":     strings.Repeat("#### 1. **A**\n", n/14),
		"long heading": "#### " + strings.Repeat("risk ", n/5),
	}
	for name, src := range inputs {
		start := time.Now()
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		t.Logf("%s: %v", name, time.Since(start))
	}
}
