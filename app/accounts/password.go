//go:build !wasm

package accounts

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's costs. Hashing with DefaultParams takes about
// 110 ms and 64 MiB on the 2-core machine thesisboard is measured on
// (BenchmarkHashPassword): slow enough to make guessing expensive, quick
// enough for a person signing in. A hash stored with other parameters is
// still checked with its own, and rehashed with these at the next sign-in.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultParams are the costs new hashes use.
var DefaultParams = Params{Memory: 64 << 10, Time: 2, Threads: 2}

const (
	saltLen = 16
	keyLen  = 32
	// maxMemory bounds what a stored hash may ask of the server when it is
	// checked: a hash written by hand with a huge cost cannot make a sign-in
	// take the machine's memory.
	maxMemory = 1 << 20 // 1 GiB
	maxTime   = 16
	// MaxPasswordBytes bounds a password: hashing reads all of it.
	MaxPasswordBytes = 1024
	// MinPasswordChars is the shortest password accepted when one is set.
	MinPasswordChars = 10
)

var errBadHash = errors.New("the stored password hash cannot be read")

// HashPassword returns password hashed with argon2id under p, in the PHC
// string format: $argon2id$v=19$m=65536,t=2,p=2$<salt>$<hash>.
func HashPassword(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches hash, comparing in
// constant time, and whether the hash was made with parameters other than
// want (it should be replaced by one made with want).
func CheckPassword(hash, password string, want Params) (ok, stale bool, err error) {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, p != want, nil
}

// parseHash reads a PHC argon2id string, refusing other algorithms and
// costs beyond what the server will spend.
func parseHash(s string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errBadHash
	}
	if p.Memory < 8 || p.Memory > maxMemory || p.Time < 1 || p.Time > maxTime || p.Threads < 1 {
		return p, nil, nil, errBadHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, errBadHash
	}
	return p, salt, key, nil
}
