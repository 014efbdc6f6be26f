//go:build !wasm

package sqlite

import (
	"sync"
	"sync/atomic"
	"time"
)

// turn is the store's one write turn (see writer.go): a mutex that can tell
// a benchmark how long each holder kept it. The clock is read only while
// someone observes, so a commit pays one atomic load for it.
type turn struct {
	mu      sync.Mutex
	took    time.Time // when the holder took it, while observed
	observe atomic.Pointer[func(held time.Duration)]
}

func (t *turn) Lock() {
	t.mu.Lock()
	t.start()
}

func (t *turn) TryLock() bool {
	if !t.mu.TryLock() {
		return false
	}
	t.start()
	return true
}

func (t *turn) Unlock() {
	if f := t.observe.Load(); f != nil && !t.took.IsZero() {
		(*f)(time.Since(t.took))
	}
	t.took = time.Time{}
	t.mu.Unlock()
}

func (t *turn) start() {
	if t.observe.Load() != nil {
		t.took = time.Now()
	}
}
