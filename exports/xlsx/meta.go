//go:build !wasm

package xlsx

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// metaSheet is a very hidden sheet that carries what Excel cells cannot: each
// section's id, the series, and each cell's raw input and format next to the
// value written for it. On import a cell whose value is still the one written
// gets its input and format back exactly; a cell edited in Excel is read
// from Excel.
const metaSheet = "thesisboard"

// metaChunk keeps each metadata cell under Excel's 32,767-character limit.
const metaChunk = 30000

type meta struct {
	Version  int                 `json:"v"`
	Sections []metaSection       `json:"sections"`
	Series   []model.Series      `json:"series,omitempty"`
	Cells    map[string]metaCell `json:"cells,omitempty"` // "Sheet!B2"
	AsOf     string              `json:"asOf,omitempty"`
}

type metaSection struct {
	Sheet string `json:"sheet"`
	ID    string `json:"id"`
	Note  string `json:"note,omitempty"`
}

type metaCell struct {
	Input  string       `json:"i"`
	Value  model.Value  `json:"v"`
	Format model.Format `json:"f,omitempty"`
	Raw    string       `json:"x"` // the raw cell value written
}

// sameRaw reports whether the raw value read back is the one written. Excel
// keeps 15 significant digits, so numbers are compared to that precision.
func sameRaw(written, read string) bool {
	if written == read {
		return true
	}
	a, err1 := strconv.ParseFloat(written, 64)
	b, err2 := strconv.ParseFloat(read, 64)
	return err1 == nil && err2 == nil && math.Abs(a-b) <= 1e-14*math.Max(math.Abs(a), math.Abs(b))
}

// rawOf is the raw value excelize reports for a cell cell() wrote, so the
// reader can tell an untouched cell from one edited in Excel.
func rawOf(x excelize.Cell) string {
	switch v := x.Value.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "1"
		}
		return "0"
	case string:
		return v
	}
	return ""
}

// needsMeta reports whether the reader, without the metadata, would read c
// back differently from the cell written for it (formula is the formula as
// written, "" for none; numFmt the number format, "" for none). Most cells
// of a big sheet, plain text and numbers, come back whole from Excel's own
// cell, and are left out of the metadata.
func needsMeta(c model.Cell, formula, numFmt string) bool {
	if c.Input == "" {
		return false
	}
	if formula != "" {
		f := model.FormatGeneral
		if c.Value.Kind == model.KindNumber {
			_, f = FromNumFmt(c.Value.Num, numFmt)
		}
		return "="+formula != c.Input || f != c.Format
	}
	switch {
	case calc.IsFormula(c.Input):
		return true // a formula written as its value or as text
	case c.Value.Kind == model.KindNumber:
		v, f := FromNumFmt(c.Value.Num, numFmt)
		return model.Display(v, f) != c.Input || f != c.Format || v != c.Value
	case c.Value.Kind == model.KindText:
		v, f := model.ParseInput(c.Input, "")
		return f != c.Format || v != c.Value || model.Display(c.Value, c.Format) != c.Input
	}
	return true
}

// The metadata sheet (format 2) is streamed as the sections are: row 1 says
// "thesisboard", 2; rows marked "head" hold the JSON of meta without its
// cells, in chunks; every other row holds one cell's key ("Sheet!B2") and
// its metaCell as JSON. So it costs no memory that grows with the rows.
// Format 1, written before, held the whole meta as JSON chunks in column A;
// readMeta reads both.
const metaFormat = 2

// openMeta starts the metadata sheet, once the sections' sheets are named.
func (b *book) openMeta() {
	b.check(func() error {
		if _, err := b.f.NewSheet(metaSheet); err != nil {
			return err
		}
		sw, err := b.f.NewStreamWriter(metaSheet)
		if err != nil {
			return err
		}
		b.metaW = sw
		head := b.meta
		head.Version = metaFormat
		data, err := json.Marshal(head)
		if err != nil {
			return err
		}
		if err := b.metaRow("thesisboard", strconv.Itoa(metaFormat)); err != nil {
			return err
		}
		for s := string(data); len(s) > 0; {
			n := min(len(s), metaChunk)
			for n < len(s) && !utf8.RuneStart(s[n]) { // whole characters per cell
				n--
			}
			if err := b.metaRow("head", s[:n]); err != nil {
				return err
			}
			s = s[n:]
		}
		return nil
	}())
}

// metaRow writes the next row of the metadata sheet.
func (b *book) metaRow(a, v string) error {
	if b.metaW == nil {
		return nil
	}
	b.metaN++
	return b.metaW.SetRow("A"+strconv.Itoa(b.metaN), []any{a, v})
}

// metaCellRow records the metadata of the cell at key ("Sheet!B2").
func (b *book) metaCellRow(key string, m metaCell) {
	data, err := json.Marshal(m)
	if err == nil {
		err = b.metaRow(key, string(data))
	}
	b.check(err)
}

// closeMeta ends the metadata sheet and hides it from everyone but code.
func (b *book) closeMeta() {
	if b.metaW == nil {
		return
	}
	b.check(b.metaW.Flush())
	b.check(b.f.SetSheetVisible(metaSheet, false, true))
}

// readMeta returns the metadata of a workbook thesisboard wrote, or nil.
func readMeta(f *excelize.File) *meta {
	if idx, err := f.GetSheetIndex(metaSheet); err != nil || idx < 0 {
		return nil
	}
	rows, err := f.GetRows(metaSheet)
	if err != nil {
		return nil
	}
	var head strings.Builder
	cells := map[string]metaCell{}
	if len(rows) > 0 && len(rows[0]) > 1 && rows[0][0] == "thesisboard" && rows[0][1] == strconv.Itoa(metaFormat) {
		for _, r := range rows[1:] {
			switch {
			case len(r) < 2:
			case r[0] == "head":
				head.WriteString(r[1])
			default:
				var c metaCell
				if json.Unmarshal([]byte(r[1]), &c) == nil {
					cells[r[0]] = c
				}
			}
		}
	} else {
		for _, r := range rows { // format 1
			if len(r) > 0 {
				head.WriteString(r[0])
			}
		}
	}
	var m meta
	if json.Unmarshal([]byte(head.String()), &m) != nil || m.Version != 1 && m.Version != metaFormat {
		return nil
	}
	if m.Cells == nil {
		m.Cells = cells
	}
	return &m
}
