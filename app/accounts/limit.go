//go:build !wasm

package accounts

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"thesisboard/app/model"
)

// Sign-in attempts are limited per account, so no one can guess one
// person's password from many addresses, and per client address, so no one
// can try one password against every account. Each allows a burst (a
// person mistyping a few times never waits) and then a slow steady rate.
var (
	perAccount = limit{every: 30 * time.Second, burst: 5}
	perAddress = limit{every: 6 * time.Second, burst: 20}
)

type limit struct {
	every time.Duration
	burst int
}

// maxLimited bounds the limiters kept: past it the map starts afresh, so a
// flood of made-up names cannot fill the memory. Starting afresh forgives
// everyone at once; an attacker who can make that happen already sends
// more names than the per-address limit lets through.
const maxLimited = 10_000

// limiter is a rate limit per key (an account name or a client address).
type limiter struct {
	limit
	mu   sync.Mutex
	keys map[string]*rate.Limiter
}

func newLimiter(l limit) *limiter {
	return &limiter{limit: l, keys: make(map[string]*rate.Limiter)}
}

// wait is how long key must wait before it may try again, taking one
// attempt when it may try now (0).
func (l *limiter) wait(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim := l.keys[key]
	if lim == nil {
		if len(l.keys) >= maxLimited {
			clear(l.keys)
		}
		lim = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.keys[key] = lim
	}
	r := lim.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d > 0 {
		r.CancelAt(now) // a refused attempt does not push the wait further
	}
	return d
}

// tooMany is the error for a sign-in refused for d, naming what was limited.
func tooMany(what string, d time.Duration) error {
	secs := int(math.Ceil(d.Seconds()))
	return model.Errorf(model.ETOOMANY, "too many sign-in attempts %s; try again in %d seconds", what, secs)
}
