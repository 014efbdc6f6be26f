//go:build !wasm

// Package web embeds the static files the server sends to browsers: the
// stylesheet and icons kept in the repository, and the build outputs that
// `make build` puts here (app.wasm, echarts.min.js and their .br and .gz
// twins). Only the server imports it; the WASM never embeds itself.
package web

import "embed"

// FS holds every file of this folder.
//
//go:embed *
var FS embed.FS
