package accounts

import (
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	p := Params{Memory: 64, Time: 1, Threads: 1}
	h, err := HashPassword("correct horse battery", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("not a PHC argon2id string: %s", h)
	}
	if h2, _ := HashPassword("correct horse battery", p); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, tc := range []struct {
		password string
		want     Params
		ok       bool
		stale    bool
	}{
		{"correct horse battery", p, true, false},
		{"correct horse batterY", p, false, false},
		{"", p, false, false},
		{"correct horse battery", DefaultParams, true, true}, // rehash at next sign-in
	} {
		ok, stale, err := CheckPassword(h, tc.password, tc.want)
		if err != nil || ok != tc.ok || stale != tc.stale {
			t.Errorf("CheckPassword(%q) = %v, %v, %v; want %v, %v", tc.password, ok, stale, err, tc.ok, tc.stale)
		}
	}
}

// TestPasswordHashRefused: a hash the server cannot or will not check (another
// algorithm, a cost that would take the machine) is an error, not a match.
func TestPasswordHashRefused(t *testing.T) {
	for _, h := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$",
	} {
		if ok, _, err := CheckPassword(h, "x", DefaultParams); ok || err == nil {
			t.Errorf("CheckPassword(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(limit{every: 30 * time.Second, burst: 3})
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		if d := l.wait("olive", now); d != 0 {
			t.Fatalf("attempt %d waits %v within the burst", i+1, d)
		}
	}
	d := l.wait("olive", now)
	if d <= 0 || d > 30*time.Second {
		t.Fatalf("fourth attempt waits %v, want up to 30s", d)
	}
	if d2 := l.wait("olive", now); d2 != d {
		t.Errorf("a refused attempt pushed the wait from %v to %v", d, d2)
	}
	if d := l.wait("victor", now); d != 0 {
		t.Errorf("another key waits %v", d)
	}
	if d := l.wait("olive", now.Add(30*time.Second)); d != 0 {
		t.Errorf("after 30s the account still waits %v", d)
	}
}

// BenchmarkHashPassword is a sign-in's cost with the parameters new hashes
// use (target 50–250 ms on the 2-core machine).
func BenchmarkHashPassword(b *testing.B) {
	h, _ := HashPassword("correct horse battery", DefaultParams)
	for b.Loop() {
		if ok, _, _ := CheckPassword(h, "correct horse battery", DefaultParams); !ok {
			b.Fatal("no match")
		}
	}
}
