//go:build !wasm

package accounts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// Secrets are what a browser or a script holds to prove who it is: the
// session cookie, an API token, a share link. Each is 32 random bytes
// with a prefix that says what it is (so a token pasted in the wrong place,
// or found in a log, is recognised). The store keeps only a secret's
// SHA-256: a copy of the database opens no one's account. A fast hash is
// enough for 256 random bits; passwords, which people choose, get argon2id.
const (
	prefixSession = "tbs_"
	prefixToken   = "tbt_"
	prefixLink    = "tbl_"
)

// newSecret returns a fresh secret with the given prefix and its hash.
func newSecret(prefix string) (secret, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand's doc)
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret is what the store keeps of a secret and looks it up by.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
