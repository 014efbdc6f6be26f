package components

import "testing"

// TestWho names sessions in the history: tabs apart by the start of their
// names.
func TestWho(t *testing.T) {
	for by, want := range map[string]string{
		session():             "this tab",
		"":                    "API",
		"tab-k3f9a7zq01":      "another tab, tab-k3f9",
		"tab-x":               "another tab, tab-x",
		"import from the CLI": "import from the CLI",
	} {
		if got := who(by); got != want {
			t.Errorf("who(%q) = %q, want %q", by, got, want)
		}
	}
}
