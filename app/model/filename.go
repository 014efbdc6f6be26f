package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileNameBytes keeps a downloaded file's name well inside the 255 bytes
// every common file system allows, with room for a browser's " (1)".
const maxFileNameBytes = 120

// FileName is the name an analysis downloads under, ending in ext (".xlsx",
// " watchlist.csv"): "LUMN - Title.xlsx". The browser's download link and the
// server's Content-Disposition use it alike, so the file arrives with the same
// name whichever of the two the browser follows. Characters that Windows,
// macOS or a USB stick's FAT refuse in a name (: / \ * ? " < > | and control
// characters) become a space or a dash, and the name is cut to a length every
// file system takes.
func (a *Analysis) FileName(ext string) string {
	name := a.Title
	if a.Ticker != "" {
		name = a.Ticker + " - " + name
	}
	name = strings.ReplaceAll(name, ": ", " - ")
	name = strings.Map(func(r rune) rune {
		switch {
		case r == ':' || r == '/' || r == '\\' || r == '|':
			return '-'
		case r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || unicode.IsControl(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	// A name ending in a dot or a space is refused on Windows.
	name = strings.TrimRight(name, ". ")
	for len(name) > maxFileNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = strings.TrimRight(name[:len(name)-size], ". ")
	}
	if name == "" {
		name = "analysis"
	}
	return name + ext
}
