package components

import (
	"slices"
	"testing"

	"thesisboard/app/model"
)

// TestOrphansInOrder joins orphaned queues oldest version first, each in
// its own order, and by session where the versions tie.
func TestOrphansInOrder(t *testing.T) {
	op := func(id string, base int64) model.Op { return model.Op{ID: id, BaseVersion: base} }
	queues := map[string][]model.Op{
		"tab-b": {op("b1", 7), op("b2", 9)},
		"tab-a": {op("a1", 7)},
		"tab-c": {op("c1", 3), op("c2", 12)},
	}
	var ids []string
	for _, o := range inOrder(queues) {
		ids = append(ids, o.ID)
	}
	if want := []string{"c1", "c2", "a1", "b1", "b2"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

// TestOrphansIndependent adopts several queues only when they touch
// different cells or fields and move no rows or columns.
func TestOrphansIndependent(t *testing.T) {
	cell := func(c string) model.Op { return model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: c} }
	thesis := model.Op{Kind: model.OpSetThesis, Field: "summary"}
	insert := model.Op{Kind: model.OpInsertRow, Sheet: "s", Row: 2}
	for _, c := range []struct {
		name   string
		queues map[string][]model.Op
		want   bool
	}{
		{"one queue, whatever it does", map[string][]model.Op{"a": {insert, cell("C2"), cell("C2")}}, true},
		{"different cells and the thesis", map[string][]model.Op{"a": {cell("C2"), cell("C2")}, "b": {cell("C3"), thesis}}, true},
		{"the same cell", map[string][]model.Op{"a": {cell("C2")}, "b": {cell("c2")}}, false},
		{"the same thesis field", map[string][]model.Op{"a": {thesis}, "b": {thesis}}, false},
		{"a row inserted", map[string][]model.Op{"a": {cell("C2")}, "b": {insert}}, false},
		{"a ticker added", map[string][]model.Op{"a": {cell("C2")}, "b": {{Kind: model.OpAddWatch, Watch: &model.WatchRow{Code: "X"}}}}, false},
	} {
		if got := independent(c.queues); got != c.want {
			t.Errorf("%s: independent = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestParseQueueKey reads the analysis and the session from a queue's key,
// and nothing from the other keys the browser keeps.
func TestParseQueueKey(t *testing.T) {
	for _, c := range []struct {
		key     string
		id      int64
		session string
		ok      bool
	}{
		{queueKey(12, "tab-x1"), 12, "tab-x1", true},
		{"thesisboard/analysis/3/queue/tab-a/b", 3, "tab-a/b", true},
		{"thesisboard/analysis/3/queue", 0, "", false}, // kept by an earlier version, one per analysis
		{"thesisboard/analysis/3/queue/", 0, "", false},
		{"thesisboard/analysis/3/base", 0, "", false},
		{"thesisboard/analysis/x/queue/tab-a", 0, "", false},
		{"thesisboard/list", 0, "", false},
	} {
		id, s, ok := parseQueueKey(c.key)
		if ok != c.ok || ok && (id != c.id || s != c.session) {
			t.Errorf("parseQueueKey(%q) = %d, %q, %v; want %d, %q, %v", c.key, id, s, ok, c.id, c.session, c.ok)
		}
	}
}
