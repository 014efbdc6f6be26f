//go:build !wasm

// Package csv reads and writes the watchlist as CSV, the format quote tools,
// brokers and spreadsheets exchange ticker lists in.
//
// Text a spreadsheet could run as a formula (it begins with =, +, -, @, a tab
// or a carriage return) is written with a leading apostrophe, as OWASP's
// guidance on CSV injection advises; the reader takes the apostrophe off
// again, so a round trip gives back the same text.
package csv

import (
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"thesisboard/app/model"
)

// MaxRows caps how many rows Read takes.
const MaxRows = model.MaxWatchRows

// num writes a number as a person would type it: to 12 significant digits,
// which drops the noise of binary fractions (a change of 3.061224% computed
// from two prices is 3.0612239999999997 to the last bit), never with an
// exponent.
func num(f float64) string {
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	if err != nil {
		rounded = f
	}
	return strconv.FormatFloat(rounded, 'f', -1, 64)
}

// WriteWatchlist writes rows with a heading line.
func WriteWatchlist(w io.Writer, rows []model.WatchRow) error {
	cw := stdcsv.NewWriter(w)
	if err := cw.Write(model.WatchHeadings); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{
			neutralize(r.Code), neutralize(r.StockCode), neutralize(r.Name),
			num(r.LastPrice), num(r.ChangePct),
			neutralize(r.Theme), neutralize(r.Reason), neutralize(r.MarketCode),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// neutralize stops a spreadsheet from reading text as a formula.
func neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unneutralize undoes neutralize.
func unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// ReadWatchlist reads a CSV whose first line names the columns (matched by
// meaning: code, stock code, name, last price, change, theme, reason,
// market). Rows it cannot read are listed in skipped, by line.
// Errors: EINVALID when the file is not CSV or has no code and price or
// change column; ETOOLARGE past MaxRows.
func ReadWatchlist(r io.Reader) (rows []model.WatchRow, skipped []string, err error) {
	cr := stdcsv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		return nil, nil, model.Errorf(model.EINVALID, "the CSV has no heading line: %v", readError(err))
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff") // Excel's UTF-8 mark
	}
	cols := model.WatchColumns(head)
	if cols == nil {
		return nil, nil, model.Errorf(model.EINVALID, "the CSV needs a code column and a price or change column; its headings are %q", head)
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, model.Errorf(model.EINVALID, "line %d: %v", line, readError(err))
		}
		if len(rows) >= MaxRows {
			return nil, nil, model.Errorf(model.ETOOLARGE, "the CSV has more than %d rows", MaxRows)
		}
		for i := range rec {
			rec[i] = unneutralize(rec[i])
		}
		w, problems := model.WatchRowFrom(rec, cols)
		if len(problems) > 0 {
			skipped = append(skipped, fmt.Sprintf("line %d: %s", line, strings.Join(problems, "; ")))
		}
		if w.Code != "" {
			rows = append(rows, w)
		}
	}
	return rows, skipped, nil
}

func readError(err error) string {
	var pe *stdcsv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
