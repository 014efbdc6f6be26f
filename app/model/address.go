package model

import (
	"strconv"
	"strings"
)

// MaxRows and MaxCols bound a section grid. They match Excel's sheet limits, so
// any grid can be written to a workbook and any address a person types is
// checked against the same limits Excel uses.
const (
	MaxRows = 1048576
	MaxCols = 16384
)

// ParseAddr parses an A1-style cell address ("B2", "$B$2") into zero-based row
// and column indexes.
func ParseAddr(addr string) (row, col int, err error) {
	s := addr
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			// Spaces, $ marks or lower case: normalised first. Most
			// addresses (the ones ops carry) need none of it.
			s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(addr), "$", ""))
			break
		}
	}
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		if col > MaxCols {
			return 0, 0, Errorf(EINVALID, "cell address %q: column is beyond %s", addr, ColName(MaxCols-1))
		}
		i++
	}
	if i == 0 || i == len(s) {
		return 0, 0, Errorf(EINVALID, "cell address %q: want a column letter and a row number, like B2", addr)
	}
	n, perr := strconv.Atoi(s[i:])
	if perr != nil || n < 1 || s[i] == '+' || s[i] == '-' {
		return 0, 0, Errorf(EINVALID, "cell address %q: row must be a number from 1", addr)
	}
	if n > MaxRows {
		return 0, 0, Errorf(EINVALID, "cell address %q: row is beyond %d", addr, MaxRows)
	}
	return n - 1, col - 1, nil
}

// Addr formats zero-based row and column indexes as an A1 address.
func Addr(row, col int) string {
	return ColName(col) + strconv.Itoa(row+1)
}

// ColName returns the column letters for a zero-based column index: 0 is A,
// 26 is AA.
func ColName(col int) string {
	var b [4]byte
	i := len(b)
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:])
}
