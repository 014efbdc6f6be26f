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
