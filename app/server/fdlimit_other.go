//go:build !unix && !wasm

package server

// fdLimit is unknown here: the streams cap stays at DefaultMaxStreams.
func fdLimit() int { return 0 }
