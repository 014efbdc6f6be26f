//go:build wasm

package main

// run is never reached in the browser: app.RunWhenOnBrowser does not return.
func run([]string) int { return 0 }
